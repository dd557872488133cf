namespace Calliyo.Storage.Webhooks;

/// <summary>
/// One submission to a webhook key, accepted or rejected: when, what came of it and why, the lead
/// it created or matched, and the submitted fields (never a token; none at all for spam).
/// </summary>
public sealed record WebhookRequestRecord(
    Guid Id,
    Guid KeyId,
    DateTimeOffset ReceivedAt,
    string Outcome,
    int StatusCode,
    string? Reason,
    Guid? LeadId,
    string? Format,
    IReadOnlyDictionary<string, string>? Fields);
