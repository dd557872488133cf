using Calliyo.Domain.Leads;

namespace Calliyo.Grains.Contracts;

/// <summary>One HTTP submission as received: the body with its content type, and the headers intake checks.</summary>
public sealed record WebhookDelivery(
    string? ContentType,
    byte[] Body,
    string? TokenHeader,
    string? Origin,
    string? Referer);

/// <summary>What came of a submission. Each outcome has one HTTP status; see <see cref="WebhookOutcomes.StatusCode"/>.</summary>
public enum WebhookOutcome
{
    Created,
    Duplicate,
    Test,
    Spam,
    Invalid,
    MalformedBody,
    Unauthorized,
    Disabled,
    NotFound,
    OriginRejected,
    RateLimited,
    NotReplayable,
}

public sealed record WebhookResult(
    WebhookOutcome Outcome,
    Guid? LeadId = null,
    Guid? ExistingLeadId = null,
    IReadOnlyList<FieldError>? Errors = null,
    string? Message = null,
    int? RetryAfterSeconds = null,
    bool RepeatedDelivery = false);

public static class WebhookOutcomes
{
    /// <summary>
    /// The HTTP status each outcome is answered with. A duplicate, a test lead and spam get a 2xx
    /// so that ad platforms do not retry them; spam is not told apart from success.
    /// </summary>
    public static int StatusCode(WebhookOutcome outcome) => outcome switch
    {
        WebhookOutcome.Created => 201,
        WebhookOutcome.Duplicate or WebhookOutcome.Test or WebhookOutcome.Spam => 200,
        WebhookOutcome.Invalid => 422,
        WebhookOutcome.MalformedBody => 400,
        WebhookOutcome.Unauthorized => 401,
        WebhookOutcome.Disabled or WebhookOutcome.OriginRejected => 403,
        WebhookOutcome.NotFound => 404,
        WebhookOutcome.NotReplayable => 409,
        WebhookOutcome.RateLimited => 429,
        _ => 500,
    };

    /// <summary>Returns the snake_case name of an outcome, as the API and the request log write it.</summary>
    public static string Name(WebhookOutcome outcome) => outcome switch
    {
        WebhookOutcome.MalformedBody => "malformed_body",
        WebhookOutcome.OriginRejected => "origin_rejected",
        WebhookOutcome.RateLimited => "rate_limited",
        WebhookOutcome.NotFound => "not_found",
        WebhookOutcome.NotReplayable => "not_replayable",
        _ => outcome.ToString().ToLowerInvariant(),
    };
}
