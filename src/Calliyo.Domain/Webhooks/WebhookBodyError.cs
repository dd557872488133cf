namespace Calliyo.Domain.Webhooks;

/// <summary>
/// A reason why a webhook body cannot be read as a lead at all, so nothing of it is used: a stable
/// snake_case code from <see cref="WebhookBodyErrorCodes"/>, a message that tells the sender what
/// to send instead, and the position of the first bad byte when the body has one.
/// </summary>
/// <param name="Line">1-based line of the first syntax or encoding error; null when the error has no position.</param>
/// <param name="Column">
/// 1-based column of that error, counted in UTF-8 bytes, so it equals the character column only on
/// lines of ASCII text; null when the error has no position.
/// </param>
public sealed record WebhookBodyError(string Code, string Message, long? Line = null, long? Column = null);

/// <summary>Stable codes of <see cref="WebhookBodyError"/>; clients branch on these, so never rename one.</summary>
public static class WebhookBodyErrorCodes
{
    /// <summary>The content type is missing, unparsable, or neither JSON nor an HTML form.</summary>
    public const string UnsupportedMediaType = "unsupported_media_type";

    /// <summary>The content type names a charset other than UTF-8.</summary>
    public const string UnsupportedCharset = "unsupported_charset";

    /// <summary>The body has no bytes, or only whitespace and a byte-order mark.</summary>
    public const string EmptyBody = "empty_body";

    /// <summary>The body is not UTF-8.</summary>
    public const string InvalidUtf8 = "invalid_utf8";

    /// <summary>The body is not syntactically valid JSON.</summary>
    public const string MalformedJson = "malformed_json";

    /// <summary>The body is valid JSON but not an object, for example an array of leads.</summary>
    public const string JsonNotObject = "json_not_object";
}
