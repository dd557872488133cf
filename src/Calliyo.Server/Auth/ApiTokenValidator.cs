using System.Collections.Concurrent;
using Calliyo.Domain.Tokens;
using Calliyo.Storage.Tokens;

namespace Calliyo.Server.Auth;

/// <summary>
/// Checks presented API tokens. Stored rows are cached per silo for <see cref="CacheAge"/>, so a
/// burst from one integrator costs no database read per request; a revoked token therefore
/// stops working on every silo within that time.
/// </summary>
public sealed partial class ApiTokenValidator(ApiTokenStore tokens, TimeProvider timeProvider, ILogger<ApiTokenValidator> logger)
{
    /// <summary>How often a silo records a token's last use; recording every request would add a write per request.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastRecordedUse = new(StringComparer.Ordinal);

    /// <summary>How long a silo trusts its copy of a token row.</summary>
    public static readonly TimeSpan CacheAge = TimeSpan.FromSeconds(5);

    /// <summary>Upper bound on cached rows, so random token ids cannot grow memory without limit.</summary>
    private const int MaxCachedTokens = 10_000;

    private readonly ConcurrentDictionary<string, (ApiTokenRecord? Record, DateTimeOffset FetchedAt)> _cache = new(StringComparer.Ordinal);

    /// <summary>Returns the token's stored row when <paramref name="token"/> is valid and not revoked; otherwise null.</summary>
    public async ValueTask<ApiTokenRecord?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var id = ApiTokenFormat.ParseId(token);
        var record = await FindAsync(id, cancellationToken);

        if (record is null || record.RevokedAt is not null || !ApiTokenFormat.Matches(token, record.SecretHash))
        {
            return null;
        }

        RecordUse(record.Id);
        return record;
    }

    private void RecordUse(string tokenId)
    {
        var now = timeProvider.GetUtcNow();
        if (_lastRecordedUse.TryGetValue(tokenId, out var last) && now - last < LastUsedResolution)
        {
            return;
        }

        _lastRecordedUse[tokenId] = now;
        _ = TouchAsync(tokenId, now);
    }

    private async Task TouchAsync(string tokenId, DateTimeOffset usedAt)
    {
        try
        {
            await tokens.TouchAsync(tokenId, usedAt, CancellationToken.None);
        }
        catch (System.Data.Common.DbException exception)
        {
            LogTouchFailed(exception, tokenId);
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Recording the last use of API token {TokenId} failed")]
    private partial void LogTouchFailed(Exception exception, string tokenId);

    /// <summary>Drops the cached row of a token, so a change made on this silo applies at once.</summary>
    public void Forget(string tokenId) => _cache.TryRemove(tokenId, out _);

    private async ValueTask<ApiTokenRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (_cache.TryGetValue(id, out var cached) && now - cached.FetchedAt < CacheAge)
        {
            return cached.Record;
        }

        var record = await tokens.FindAsync(id, cancellationToken);
        if (_cache.Count >= MaxCachedTokens)
        {
            _cache.Clear();
        }

        _cache[id] = (record, now);
        return record;
    }
}
