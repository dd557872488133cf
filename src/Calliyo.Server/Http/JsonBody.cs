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
}
