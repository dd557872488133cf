using Calliyo.Domain.Leads;

namespace Calliyo.Grains.Contracts;

/// <summary>
/// Turns one webhook submission into a lead: checks the key's token, allowed domains, rate
/// limit and honeypot, recognizes platform test leads and re-deliveries, applies the key's
/// defaults and captures the lead. A stateless worker, so every silo serves bursts locally.
/// </summary>
public interface IWebhookIntakeGrain : IGrainWithIntegerKey
{
    Task<WebhookResult> SubmitAsync(Guid keyId, WebhookDelivery delivery);

    /// <summary>Runs a rejected submission from the key's request log again with the key's current settings.</summary>
    Task<WebhookResult> ReplayAsync(Guid accountId, Guid keyId, Guid requestId);
}

/// <summary>One HTTP submission as received: the body with its content type, and the headers intake checks.</summary>
[GenerateSerializer, Immutable, Alias("calliyo.webhook-delivery")]
public sealed record WebhookDelivery(
    [property: Id(0)] string? ContentType,
    [property: Id(1)] byte[] Body,
    [property: Id(2)] string? TokenHeader,
    [property: Id(3)] string? Origin,
    [property: Id(4)] string? Referer);

/// <summary>What came of a submission. Each outcome has one HTTP status; see <see cref="WebhookOutcomes.StatusCode"/>.</summary>
[GenerateSerializer]
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

[GenerateSerializer, Immutable, Alias("calliyo.webhook-result")]
public sealed record WebhookResult(
    [property: Id(0)] WebhookOutcome Outcome,
    [property: Id(1)] Guid? LeadId = null,
    [property: Id(2)] Guid? ExistingLeadId = null,
    [property: Id(3)] IReadOnlyList<FieldError>? Errors = null,
    [property: Id(4)] string? Message = null,
    [property: Id(5)] int? RetryAfterSeconds = null,
    [property: Id(6)] bool RepeatedDelivery = false);

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
