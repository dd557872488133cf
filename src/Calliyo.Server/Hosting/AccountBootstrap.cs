using Calliyo.Domain.Tokens;
using Calliyo.Storage;
using Calliyo.Storage.Accounts;
using Calliyo.Storage.Tokens;

namespace Calliyo.Server.Hosting;

/// <summary>
/// Creates the default account on an empty database and the bootstrap API token. Safe when
/// several silos start at once: a unique index allows one default account, and the loser of
/// that race reads the winner's.
/// </summary>
public sealed class AccountBootstrap(AccountStore accounts, ApiTokenStore tokens)
{
    public async Task<(Guid AccountId, bool Created)> EnsureDefaultAccountAsync(string region, CancellationToken cancellationToken)
    {
        var existing = await accounts.FindDefaultAccountIdAsync(cancellationToken);
        if (existing is { } id)
        {
            return (id, false);
        }

        try
        {
            return (await accounts.CreateAsync("Default", region, isDefault: true, cancellationToken), true);
        }
        catch (System.Data.Common.DbException exception) when (!TransientErrors.IsTransient(exception))
        {
            var winner = await accounts.FindDefaultAccountIdAsync(cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return (winner.Value, false);
        }
    }

    /// <summary>Issues a new token; returns the token text, which is never stored and must be shown to the caller now.</summary>
    public async Task<string> CreateTokenAsync(Guid accountId, string name, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var (id, token) = ApiTokenFormat.Generate();
        await tokens.TryCreateAsync(id, accountId, name, ApiTokenFormat.Hash(token), scopes, cancellationToken);
        return token;
    }

    /// <summary>Stores the configured bootstrap token under its fixed id, unless it is already there.</summary>
    public Task EnsureBootstrapTokenAsync(Guid accountId, string token, CancellationToken cancellationToken) =>
        tokens.TryCreateAsync(ApiTokenFormat.BootstrapTokenId, accountId, "bootstrap", ApiTokenFormat.Hash(token), TokenScopes.All, cancellationToken);
}
