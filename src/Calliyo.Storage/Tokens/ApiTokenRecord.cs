namespace Calliyo.Storage.Tokens;

/// <summary>A stored API token: never the token itself, only the SHA-256 hash of it.</summary>
public sealed record ApiTokenRecord(
    string Id,
    Guid AccountId,
    string Name,
    byte[] SecretHash,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt = null);
