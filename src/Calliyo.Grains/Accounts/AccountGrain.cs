using Calliyo.Grains.Contracts;
using Calliyo.Storage.Accounts;

namespace Calliyo.Grains.Accounts;

/// <summary>
/// Holds one account's settings in memory, loaded from the accounts tables on activation, so
/// that a burst of captures reads them without touching the database.
/// </summary>
public sealed class AccountGrain(AccountStore accounts) : Grain, IAccountGrain
{
    private AccountSnapshot? _snapshot;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var record = await accounts.FindAsync(this.GetPrimaryKey(), cancellationToken);
        _snapshot = record is null ? null : new AccountSnapshot(record.Id, record.DefaultRegion, record.Statuses);
    }

    public Task<AccountSnapshot?> GetSnapshotAsync() => Task.FromResult(_snapshot);
}
