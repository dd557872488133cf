using System.Net.Http.Headers;

namespace Calliyo.Domain.Webhooks;

/// <summary>The two body encodings that the webhook accepts.</summary>
internal enum WebhookBodyKind
{
    Json,
    Form,
}

/// <summary>
/// Reads the request's Content-Type: <c>application/json</c> (or any <c>application/…+json</c>)
/// and <c>application/x-www-form-urlencoded</c>, both in UTF-8, which is also what a missing charset means.
/// </summary>
internal static class WebhookContentType
{
    private const string JsonType = "application/json";
    private const string FormType = "application/x-www-form-urlencoded";
    private const string AcceptedTypes = $"{JsonType} or {FormType}";

    /// <summary>Returns the body kind for <paramref name="contentType"/>, or the error that rejects it.</summary>
    public static (WebhookBodyKind Kind, WebhookBodyError? Error) Classify(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return Reject(WebhookBodyErrorCodes.UnsupportedMediaType,
                $"The request has no Content-Type header; send the lead as {AcceptedTypes}.");
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var header) || header.MediaType is null)
        {
            return Reject(WebhookBodyErrorCodes.UnsupportedMediaType,
                $"Content-Type '{contentType}' cannot be parsed; send {AcceptedTypes}.");
        }

        var mediaType = header.MediaType.ToLowerInvariant();
        WebhookBodyKind kind;
        if (IsJson(mediaType))
        {
            kind = WebhookBodyKind.Json;
        }
        else if (mediaType == FormType)
        {
            kind = WebhookBodyKind.Form;
        }
        else
        {
            // NOTE: multipart/form-data lands here too. HTML forms post urlencoded unless they
            // upload files, and a lead form has no file input.
            return Reject(WebhookBodyErrorCodes.UnsupportedMediaType,
                $"Content-Type '{header.MediaType}' is not supported; send {AcceptedTypes}.");
        }

        var charset = header.CharSet?.Trim('"', ' ');
        if (!string.IsNullOrEmpty(charset) && !IsUtf8(charset))
        {
            return Reject(WebhookBodyErrorCodes.UnsupportedCharset,
                $"Charset '{charset}' is not supported; encode the body as UTF-8 and send charset=utf-8 or no charset.");
        }

        return (kind, null);
    }

    /// <summary>Accepts <c>application/json</c> and structured-syntax types such as <c>application/vnd.api+json</c> (RFC 6839).</summary>
    private static bool IsJson(string mediaType) =>
        mediaType == JsonType
        || mediaType.StartsWith("application/", StringComparison.Ordinal) && mediaType.EndsWith("+json", StringComparison.Ordinal);

    private static bool IsUtf8(string charset) =>
        charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);

    private static (WebhookBodyKind, WebhookBodyError?) Reject(string code, string message) =>
        (default, new WebhookBodyError(code, message));
}
