using System.Security.Cryptography;
using Calliyo.Server.Auth;
using Calliyo.Server.Errors;
using Calliyo.Storage.Idempotency;

namespace Calliyo.Server.Http;

/// <summary>
/// Makes a POST with an <c>Idempotency-Key</c> header safe to retry: the first request's answer
/// is stored and a retry with the same key and body gets it again without running the request;
/// the same key with a different body is rejected with 422; a retry while the first request
/// still runs gets 409. Keys are scoped to the account (or, for webhooks, to the webhook key)
/// and kept for 24 hours. Answers of 500 and above are not stored, so such a request can be retried.
/// </summary>
public sealed class IdempotencyFilter(IdempotencyStore store) : IEndpointFilter
{
    public const string HeaderName = "Idempotency-Key";

    private const int MaxKeyLength = 255;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return await next(context);
        }

        var key = values.ToString().Trim();
        if (key.Length is 0 or > MaxKeyLength)
        {
            return ApiErrors.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
                $"The {HeaderName} header must be 1 to {MaxKeyLength} characters, such as a UUID.");
        }

        var scope = Scope(http);
        if (scope is null)
        {
            return await next(context);
        }

        var hash = await HashRequestAsync(http.Request);
        var existing = await store.TryBeginAsync(scope, key, hash, http.RequestAborted);
        if (existing is not null)
        {
            return Replay(existing, hash, key, http);
        }

        try
        {
            var result = await next(context);
            return await CaptureAsync(result, http, scope, key);
        }
        catch
        {
            await store.ReleaseAsync(scope, key, CancellationToken.None);
            throw;
        }
    }

    private static string? Scope(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            return $"account:{http.User.GetAccountId()}";
        }

        return http.Request.RouteValues.TryGetValue("keyId", out var keyId) ? $"hook:{keyId}" : null;
    }

    private static async Task<byte[]> HashRequestAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));

        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return sha.GetHashAndReset();
    }

    private static object Replay(IdempotencyRecord existing, byte[] hash, string key, HttpContext http)
    {
        if (existing.StatusCode is null)
        {
            http.Response.Headers.RetryAfter = "1";
            return ApiErrors.Create(StatusCodes.Status409Conflict, "idempotency_in_progress",
                $"A request with {HeaderName} '{key}' is still running; retry in a moment.");
        }

        if (!CryptographicOperations.FixedTimeEquals(existing.RequestHash, hash))
        {
            return ApiErrors.Create(StatusCodes.Status422UnprocessableEntity, "idempotency_key_reused",
                $"{HeaderName} '{key}' was already used with a different request; send a new key for a new request.");
        }

        http.Response.Headers["Idempotent-Replayed"] = "true";
        if (existing.Location is not null)
        {
            http.Response.Headers.Location = existing.Location;
        }

        return new StoredResponse(existing.StatusCode.Value, existing.ContentType, existing.ResponseBody ?? []);
    }

    /// <summary>Runs the handler's result into a buffer, stores it, then sends it.</summary>
    private async Task<object?> CaptureAsync(object? result, HttpContext http, string scope, string key)
    {
        if (result is not IResult executable)
        {
            await store.ReleaseAsync(scope, key, CancellationToken.None);
            return result;
        }

        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await executable.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        var body = buffer.ToArray();
        if (http.Response.StatusCode < 500)
        {
            await store.CompleteAsync(scope, key, http.Response.StatusCode, http.Response.ContentType, body,
                http.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null, CancellationToken.None);
        }
        else
        {
            await store.ReleaseAsync(scope, key, CancellationToken.None);
        }

        await original.WriteAsync(body, http.RequestAborted);
        return Results.Empty;
    }
}

/// <summary>A response replayed byte for byte.</summary>
internal sealed class StoredResponse(int statusCode, string? contentType, byte[] body) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = contentType;
        await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
