namespace Calliyo.Storage.Webhooks;

/// <summary>
/// A webhook key as stored: its settings and the SHA-256 hash of its token (the token itself
/// is shown once at creation and never stored).
/// </summary>
public sealed record WebhookKeyRecord(
    Guid Id,
    Guid AccountId,
    string Name,
    byte[] TokenHash,
    IReadOnlyList<string> AllowedDomains,
    string? HoneypotField,
    string? DefaultStatus,
    IReadOnlyList<string> DefaultTags,
    int RateLimitPerMinute,
    bool Enabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
