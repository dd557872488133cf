using Calliyo.Domain.Accounts;
using Calliyo.Domain.Fields;
using Calliyo.Grains.Contracts;
using Calliyo.Storage.Accounts;

namespace Calliyo.Grains.Accounts;

/// <summary>
/// Holds one account's settings in memory, loaded from the accounts tables on activation, so
/// that a burst of captures reads them without touching the database. Changes are checked
/// with <see cref="PipelineEdits"/>, written to the database, then applied to the snapshot.
/// </summary>
public sealed class AccountGrain(AccountStore accounts, PipelineStore pipelines) : Grain, IAccountGrain
{
    /// <summary>Error code for deleting a status that leads still carry.</summary>
    public const string StatusInUse = "status_in_use";

    /// <summary>Most column aliases one account may define.</summary>
    public const int MaxAliases = 200;

    private AccountSnapshot? _snapshot;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var record = await accounts.FindAsync(this.GetPrimaryKey(), cancellationToken);
        if (record is not null)
        {
            var aliases = await pipelines.GetAliasesAsync(record.Id, cancellationToken);
            _snapshot = new AccountSnapshot(record.Id, record.DefaultRegion, record.Statuses,
                aliases.ToDictionary(pair => pair.Key, pair => pair.Value.ToString()));
        }
    }

    public Task<AccountSnapshot?> GetSnapshotAsync() => Task.FromResult(_snapshot);

    public Task<AccountEditResult> AddStatusAsync(string? name) =>
        ApplyAsync(PipelineEdits.Add(Current.Statuses, name), rename: null);

    public Task<AccountEditResult> RenameStatusAsync(string name, string? newName)
    {
        var result = PipelineEdits.Rename(Current.Statuses, name, newName);
        var from = Current.Statuses.FirstOrDefault(s => string.Equals(s.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))?.Name;
        var to = result.Statuses?.Except(Current.Statuses).FirstOrDefault()?.Name;
        return ApplyAsync(result, from is not null && to is not null ? (from, to) : null);
    }

    public async Task<AccountEditResult> DeleteStatusAsync(string name)
    {
        var result = PipelineEdits.Delete(Current.Statuses, name);
        if (result.Statuses is not null)
        {
            var removed = Current.Statuses.Except(result.Statuses).Single().Name;
            var inUse = await pipelines.CountLeadsWithStatusAsync(Current.AccountId, removed, CancellationToken.None);
            if (inUse > 0)
            {
                return AccountEditResult.Fail(StatusInUse,
                    $"Status '{removed}' is carried by {inUse} lead(s); move them to another status before deleting it.");
            }
        }

        return await ApplyAsync(result, rename: null);
    }

    public Task<AccountEditResult> ReorderStatusesAsync(IReadOnlyList<string>? names) =>
        ApplyAsync(PipelineEdits.Reorder(Current.Statuses, names), rename: null);

    public async Task<AccountEditResult> SetColumnAliasesAsync(IReadOnlyDictionary<string, string> aliases)
    {
        if (aliases.Count > MaxAliases)
        {
            return AccountEditResult.Fail("too_many_aliases", $"An account can define at most {MaxAliases} column aliases; this request has {aliases.Count}.");
        }

        var parsed = new Dictionary<string, LeadColumn>(StringComparer.Ordinal);
        foreach (var (alias, field) in aliases)
        {
            var clean = alias.Trim();
            if (clean.Length is 0 or > 100 || !Enum.TryParse<LeadColumn>(field, ignoreCase: true, out var column) || int.TryParse(field, out _))
            {
                return AccountEditResult.Fail("invalid_alias",
                    $"Alias '{alias}' → '{field}' is invalid; map 1 to 100 characters of header text to one of: {string.Join(", ", Enum.GetNames<LeadColumn>())}.");
            }

            parsed[clean] = column;
        }

        await pipelines.ReplaceAliasesAsync(Current.AccountId, parsed, CancellationToken.None);
        _snapshot = Current with { ColumnAliases = parsed.ToDictionary(pair => pair.Key, pair => pair.Value.ToString()) };
        return AccountEditResult.Ok(_snapshot);
    }

    private AccountSnapshot Current =>
        _snapshot ?? throw new KeyNotFoundException($"Account {this.GetPrimaryKey()} does not exist.");

    private async Task<AccountEditResult> ApplyAsync(PipelineEditResult result, (string From, string To)? rename)
    {
        if (result.Error is { } error)
        {
            return AccountEditResult.Fail(error.Code, error.Message);
        }

        await pipelines.ReplaceAsync(Current.AccountId, result.Statuses!, rename, CancellationToken.None);
        _snapshot = Current with { Statuses = result.Statuses! };
        return AccountEditResult.Ok(_snapshot);
    }
}
