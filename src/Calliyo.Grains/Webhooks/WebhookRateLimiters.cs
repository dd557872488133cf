using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Calliyo.Grains.Webhooks;

/// <summary>
/// Per-silo token buckets, one per webhook key, holding up to one minute's allowance and
/// refilling every second. Each silo enforces the key's limit on its own, so a cluster of N
/// silos behind a balancer lets through up to N times the limit.
/// </summary>
public sealed class WebhookRateLimiters : IDisposable
{
    private readonly ConcurrentDictionary<Guid, (int PerMinute, TokenBucketRateLimiter Limiter)> _limiters = new();

    /// <summary>Takes one submission from the key's allowance; returns null when allowed, otherwise the seconds to wait.</summary>
    public int? TryAcquire(Guid keyId, int perMinute)
    {
        var entry = _limiters.AddOrUpdate(keyId,
            _ => (perMinute, Create(perMinute)),
            (_, existing) => existing.PerMinute == perMinute ? existing : (perMinute, Create(perMinute)));

        using var lease = entry.Limiter.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
    }

    public void Dispose()
    {
        foreach (var (_, limiter) in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    private static TokenBucketRateLimiter Create(int perMinute) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = perMinute,
        TokensPerPeriod = Math.Max(1, (int)Math.Ceiling(perMinute / 60.0)),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    });
}
