using System.Collections.Concurrent;
using Calliyo.Grains.Contracts;

namespace Calliyo.Grains.Webhooks;

/// <summary>
/// A per-silo copy of each webhook key's settings, refreshed from the key's grain when older than
/// <see cref="MaxAge"/>. A burst on one key then costs no grain call and no database read per
/// submission, and a settings change reaches every silo within <see cref="MaxAge"/>.
/// </summary>
public sealed class WebhookKeyCache(IGrainFactory grainFactory, TimeProvider timeProvider)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound on cached keys, so requests to random key ids cannot grow memory without limit.</summary>
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<Guid, (WebhookKeyState? Key, DateTimeOffset FetchedAt)> _entries = new();

    /// <summary>Returns the key's settings, or null when the key does not exist.</summary>
    public async ValueTask<WebhookKeyState?> GetAsync(Guid keyId)
    {
        var now = timeProvider.GetUtcNow();
        if (_entries.TryGetValue(keyId, out var entry) && now - entry.FetchedAt < MaxAge)
        {
            return entry.Key;
        }

        var key = await grainFactory.GetGrain<IWebhookKeyGrain>(keyId).GetAsync();
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[keyId] = (key, now);
        return key;
    }

    /// <summary>Drops this silo's copy, so a change made through this silo applies here at once.</summary>
    public void Forget(Guid keyId) => _entries.TryRemove(keyId, out _);
}
