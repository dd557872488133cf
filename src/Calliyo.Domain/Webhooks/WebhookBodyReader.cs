using Calliyo.Domain.Fields;

namespace Calliyo.Domain.Webhooks;

/// <summary>
/// Turns one inbound webhook request body into a <see cref="WebhookSubmission"/>: a Google Ads
/// lead-form body, a Meta lead object, a flat JSON object or an HTML form body. It has no HTTP,
/// token or storage logic; the server maps a <see cref="WebhookBodyError"/> to a status code and
/// decides what to do with the submission.
/// </summary>
public static class WebhookBodyReader
{
    /// <summary>
    /// Reads <paramref name="body"/> as the format that <paramref name="contentType"/> names
    /// (JSON or form-urlencoded, both UTF-8). Keys of flat bodies and Meta question names are
    /// matched with <paramref name="matcher"/>, which defaults to the built-in aliases.
    /// </summary>
    /// <param name="contentType">The request's Content-Type header value, parameters included.</param>
    /// <param name="body">The request body, complete; the caller enforces the size limit.</param>
    /// <param name="matcher">The account's field-name matcher.</param>
    public static WebhookReadResult Read(string? contentType, ReadOnlyMemory<byte> body, FieldNameMatcher? matcher = null)
    {
        var (kind, contentTypeError) = WebhookContentType.Classify(contentType);
        if (contentTypeError is not null)
        {
            return WebhookReadResult.Failure(contentTypeError);
        }

        var content = Utf8Body.SkipByteOrderMark(body);
        if (Utf8Body.IsBlank(content.Span))
        {
            return WebhookReadResult.Failure(new WebhookBodyError(WebhookBodyErrorCodes.EmptyBody,
                "The body is empty; send the lead as a JSON object or as form fields, with at least a first name and a phone."));
        }

        matcher ??= FieldNameMatcher.Default;
        return kind == WebhookBodyKind.Json
            ? JsonBodyReader.Read(content, matcher)
            : FormBodyReader.Read(content.Span, matcher);
    }
}
