using Calliyo.Domain.Leads;

namespace Calliyo.Grains.Contracts;

/// <summary>
/// One grain per webhook key, keyed by the key id: the owner of the key's settings and token
/// hash. Intake reads them through a per-silo cache that refreshes within a second, so a burst
/// is served from memory and a change reaches every silo within that time.
/// </summary>
public interface IWebhookKeyGrain : IGrainWithGuidKey
{
    /// <summary>Returns the key, or null when it does not exist.</summary>
    Task<WebhookKeyState?> GetAsync();

    /// <summary>Creates the key for <paramref name="accountId"/>; the result carries the token, shown once.</summary>
    Task<WebhookKeyChange> CreateAsync(Guid accountId, WebhookKeyInput input);

    /// <summary>Changes the settings named in <see cref="WebhookKeyInput.Fields"/>; others keep their value.</summary>
    Task<WebhookKeyChange> UpdateAsync(Guid accountId, WebhookKeyInput input);

    /// <summary>Issues a new token; the old one stops working at once on this silo and within a second elsewhere.</summary>
    Task<WebhookKeyChange> RegenerateTokenAsync(Guid accountId);

    /// <summary>Disables the key: submissions get 403 from then on.</summary>
    Task<WebhookKeyChange> DisableAsync(Guid accountId);
}

/// <summary>A webhook key's settings, including the token hash that intake checks against.</summary>
[GenerateSerializer, Immutable, Alias("calliyo.webhook-key-state")]
public sealed record WebhookKeyState(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid AccountId,
    [property: Id(2)] string Name,
    [property: Id(3)] byte[] TokenHash,
    [property: Id(4)] IReadOnlyList<string> AllowedDomains,
    [property: Id(5)] string? HoneypotField,
    [property: Id(6)] string? DefaultStatus,
    [property: Id(7)] IReadOnlyList<string> DefaultTags,
    [property: Id(8)] int RateLimitPerMinute,
    [property: Id(9)] bool Enabled,
    [property: Id(10)] DateTimeOffset CreatedAt,
    [property: Id(11)] DateTimeOffset UpdatedAt);

/// <summary>
/// Settings sent by an admin. On update only the settings named in <see cref="Fields"/>
/// (<c>name</c>, <c>allowedDomains</c>, <c>honeypotField</c>, <c>defaultStatus</c>,
/// <c>defaultTags</c>, <c>rateLimitPerMinute</c>) change.
/// </summary>
[GenerateSerializer, Immutable, Alias("calliyo.webhook-key-input")]
public sealed record WebhookKeyInput(
    [property: Id(0)] string? Name,
    [property: Id(1)] IReadOnlyList<string>? AllowedDomains,
    [property: Id(2)] string? HoneypotField,
    [property: Id(3)] string? DefaultStatus,
    [property: Id(4)] IReadOnlyList<string>? DefaultTags,
    [property: Id(5)] int? RateLimitPerMinute,
    [property: Id(6)] IReadOnlyList<string> Fields);

[GenerateSerializer]
public enum WebhookKeyChangeOutcome
{
    Done,
    NotFound,
    Invalid,
    AlreadyExists,
}

/// <summary>The key after a change, the new token when one was issued, or why the change was rejected.</summary>
[GenerateSerializer, Immutable, Alias("calliyo.webhook-key-change")]
public sealed record WebhookKeyChange(
    [property: Id(0)] WebhookKeyChangeOutcome Outcome,
    [property: Id(1)] WebhookKeyState? Key,
    [property: Id(2)] string? Token,
    [property: Id(3)] IReadOnlyList<FieldError> Errors)
{
    public static WebhookKeyChange Done(WebhookKeyState key, string? token = null) => new(WebhookKeyChangeOutcome.Done, key, token, []);

    public static WebhookKeyChange NotFound() => new(WebhookKeyChangeOutcome.NotFound, null, null, []);

    public static WebhookKeyChange Invalid(IReadOnlyList<FieldError> errors) => new(WebhookKeyChangeOutcome.Invalid, null, null, errors);
}
