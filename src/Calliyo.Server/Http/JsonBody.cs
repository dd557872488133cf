using System.Text.Json;
using Calliyo.Server.Errors;

namespace Calliyo.Server.Http;

/// <summary>Reads a JSON request body: content type check, size limit and a parse error that says where.</summary>
public static class JsonBody
{
    public static async Task<(JsonDocument? Document, IResult? Error)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, ApiErrors.Create(StatusCodes.Status400BadRequest, ErrorCodes.UnsupportedMediaType,
                $"Content-Type '{request.ContentType}' is not accepted; send the body as JSON with 'Content-Type: application/json'."));
        }

        var (body, tooLarge) = await RequestBody.ReadAsync(request, maxBytes, cancellationToken);
        if (tooLarge is not null)
        {
            return (null, tooLarge);
        }

        try
        {
            return (JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 }), null);
        }
        catch (JsonException exception)
        {
            var line = (exception.LineNumber ?? 0) + 1;
            var position = (exception.BytePositionInLine ?? 0) + 1;
            return (null, ApiErrors.Create(StatusCodes.Status400BadRequest, ErrorCodes.MalformedJson,
                $"Malformed JSON at line {line}, position {position}; fix the syntax and send the request again.",
                new { line, position }));
        }
    }

    /// <summary>
    /// Reads a JSON object into <typeparamref name="T"/> and returns the names of the properties the
    /// body contained, so a PATCH can tell "absent" from "null".
    /// </summary>
    public static async Task<(T? Value, IReadOnlySet<string> Present, IResult? Error)> ReadObjectAsync<T>(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        var (document, error) = await ReadAsync(request, maxBytes, cancellationToken);
        if (error is not null)
        {
            return (null, new HashSet<string>(), error);
        }

        using (document)
        {
            var root = document!.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, new HashSet<string>(), ApiErrors.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
                    "The body must be a JSON object."));
            }

            var present = root.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            try
            {
                return (root.Deserialize<T>(JsonSerializerOptions.Web), present, null);
            }
            catch (JsonException exception)
            {
                var path = exception.Path?.TrimStart('$', '.') ?? "body";
                return (null, present, ApiErrors.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
                    $"{path}: the value has the wrong JSON type; see the API reference for this field.",
                    new { field = path }));
            }
        }
    }
}
