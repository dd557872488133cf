namespace Calliyo.Server.Errors;

/// <summary>
/// The one error body of the API: <c>{"error": {"code", "message", "details"}}</c>. Codes are
/// stable snake_case strings that clients may branch on; messages are for people.
/// </summary>
public sealed record ApiErrorEnvelope(ApiError Error);

public sealed record ApiError(string Code, string Message, object? Details = null);

/// <summary>The error codes the API returns; never rename one, clients depend on them.</summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string InvalidRequest = "invalid_request";
    public const string MalformedJson = "malformed_json";
    public const string MalformedBody = "malformed_body";
    public const string RateLimited = "rate_limited";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string PayloadTooLarge = "payload_too_large";
    public const string DuplicatePhone = "duplicate_phone";
    public const string Unauthorized = "unauthorized";
    public const string InsufficientScope = "insufficient_scope";
    public const string NotFound = "not_found";
    public const string InternalError = "internal_error";
}
