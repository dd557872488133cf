using Calliyo.Grains.Contracts;
using Calliyo.Storage.Webhooks;

namespace Calliyo.Server.Webhooks;

/// <summary>The body of creating or changing a webhook key; on PATCH only the properties sent change.</summary>
public sealed record WebhookKeyRequest(
    string? Name = null,
    IReadOnlyList<string>? AllowedDomains = null,
    string? HoneypotField = null,
    string? DefaultStatus = null,
    IReadOnlyList<string>? DefaultTags = null,
    int? RateLimitPerMinute = null)
{
    private static readonly string[] Settings = ["name", "allowedDomains", "honeypotField", "defaultStatus", "defaultTags", "rateLimitPerMinute"];

    public WebhookKeyInput ToInput(IReadOnlySet<string> present) => new(
        Name, AllowedDomains, HoneypotField, DefaultStatus, DefaultTags, RateLimitPerMinute,
        Settings.Where(present.Contains).ToList());
}

/// <summary>
/// A webhook key as the API shows it. <see cref="Token"/> is set only in the answer to creating
/// the key or regenerating its token; it is never stored and cannot be read again.
/// </summary>
public sealed record WebhookKeyResponse(
    Guid Id,
    string Name,
    string Url,
    IReadOnlyList<string> AllowedDomains,
    string? HoneypotField,
    string? DefaultStatus,
    IReadOnlyList<string> DefaultTags,
    int RateLimitPerMinute,
    bool Enabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Token = null)
{
    public static WebhookKeyResponse From(WebhookKeyState key, HttpRequest request, string? token = null) => new(
        key.Id, key.Name, UrlOf(key.Id, request), key.AllowedDomains, key.HoneypotField, key.DefaultStatus, key.DefaultTags,
        key.RateLimitPerMinute, key.Enabled, key.CreatedAt, key.UpdatedAt, token);

    public static WebhookKeyResponse From(WebhookKeyRecord key, HttpRequest request) => new(
        key.Id, key.Name, UrlOf(key.Id, request), key.AllowedDomains, key.HoneypotField, key.DefaultStatus, key.DefaultTags,
        key.RateLimitPerMinute, key.Enabled, key.CreatedAt, key.UpdatedAt);

    private static string UrlOf(Guid id, HttpRequest request) => $"{request.Scheme}://{request.Host}/v1/hooks/{id}";
}

/// <summary>One entry of a key's request log.</summary>
public sealed record WebhookRequestResponse(
    Guid Id,
    DateTimeOffset ReceivedAt,
    string Outcome,
    int StatusCode,
    string? Reason,
    Guid? LeadId,
    string? Format,
    IReadOnlyDictionary<string, string>? Fields)
{
    public static WebhookRequestResponse From(WebhookRequestRecord entry) =>
        new(entry.Id, entry.ReceivedAt, entry.Outcome, entry.StatusCode, entry.Reason, entry.LeadId, entry.Format, entry.Fields);
}
