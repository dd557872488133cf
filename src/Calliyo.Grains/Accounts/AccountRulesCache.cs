using System.Collections.Concurrent;
using Calliyo.Domain.Accounts;
using Calliyo.Domain.Fields;
using Calliyo.Grains.Contracts;

namespace Calliyo.Grains.Accounts;

/// <summary>
/// A per-silo copy of each account's validation rules, refreshed from the account grain when
/// older than <see cref="MaxAge"/>, so a settings change reaches every silo within that time
/// while a burst costs no grain call per lead.
/// </summary>
public sealed class AccountRulesCache(IGrainFactory grainFactory, TimeProvider timeProvider)
{
    /// <summary>How long a silo uses its copy of an account's rules before asking again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<Guid, (AccountRules Rules, AccountSnapshot Snapshot, FieldNameMatcher Matcher, DateTimeOffset FetchedAt)> _entries = new();

    /// <summary>Returns the account's rules; throws <see cref="KeyNotFoundException"/> for an unknown account.</summary>
    public async ValueTask<AccountRules> GetAsync(Guid accountId) => (await GetEntryAsync(accountId)).Rules;

    /// <summary>Returns the account's settings snapshot, including its column aliases.</summary>
    public async ValueTask<AccountSnapshot> GetSnapshotAsync(Guid accountId) => (await GetEntryAsync(accountId)).Snapshot;

    /// <summary>Returns the field-name matcher with the account's column aliases, built once per refresh rather than per submission.</summary>
    public async ValueTask<FieldNameMatcher> GetMatcherAsync(Guid accountId) => (await GetEntryAsync(accountId)).Matcher;

    /// <summary>Drops this silo's copy, so a change made through this silo applies here at once.</summary>
    public void Forget(Guid accountId) => _entries.TryRemove(accountId, out _);

    private async ValueTask<(AccountRules Rules, AccountSnapshot Snapshot, FieldNameMatcher Matcher, DateTimeOffset FetchedAt)> GetEntryAsync(Guid accountId)
    {
        var now = timeProvider.GetUtcNow();
        if (_entries.TryGetValue(accountId, out var entry) && now - entry.FetchedAt < MaxAge)
        {
            return entry;
        }

        var snapshot = await grainFactory.GetGrain<IAccountGrain>(accountId).GetSnapshotAsync()
            ?? throw new KeyNotFoundException($"Account {accountId} does not exist.");

        entry = (new AccountRules(snapshot.DefaultRegion, snapshot.Statuses), snapshot, snapshot.CreateMatcher(), now);
        _entries[accountId] = entry;
        return entry;
    }
}
