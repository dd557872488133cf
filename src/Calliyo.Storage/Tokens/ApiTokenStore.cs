using System.Data.Common;

namespace Calliyo.Storage.Tokens;

/// <summary>Stores API tokens by id; scopes are kept as a space-separated list, as OAuth writes them.</summary>
public sealed class ApiTokenStore(CalliyoDatabase database, TimeProvider timeProvider)
{
    private SqlDialect Dialect => database.Dialect;

    /// <summary>Inserts a token; returns false when a token with that id already exists.</summary>
    public async Task<bool> TryCreateAsync(string id, Guid accountId, string name, byte[] secretHash, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO api_tokens (id, account_id, name, secret_hash, scopes, created_at)
            VALUES (@id, @account_id, @name, @secret_hash, @scopes, @created_at)
            ON CONFLICT (id) DO NOTHING
            """;
        SqlDialect.Add(command, "id", id);
        SqlDialect.Add(command, "account_id", Dialect.Id(accountId));
        SqlDialect.Add(command, "name", name);
        SqlDialect.Add(command, "secret_hash", secretHash);
        SqlDialect.Add(command, "scopes", string.Join(' ', scopes));
        SqlDialect.Add(command, "created_at", Dialect.Time(timeProvider.GetUtcNow()));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Lists an account's tokens, newest first, revoked ones included.</summary>
    public async Task<IReadOnlyList<ApiTokenRecord>> ListAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, account_id, name, secret_hash, scopes, created_at, revoked_at, last_used_at FROM api_tokens WHERE account_id = @account_id ORDER BY created_at DESC";
        SqlDialect.Add(command, "account_id", Dialect.Id(accountId));

        var tokens = new List<ApiTokenRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tokens.Add(Read(reader));
        }

        return tokens;
    }

    /// <summary>Revokes a token of <paramref name="accountId"/>; returns false when the account has no such token.</summary>
    public async Task<bool> RevokeAsync(Guid accountId, string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, @now) WHERE id = @id AND account_id = @account_id";
        SqlDialect.Add(command, "id", id);
        SqlDialect.Add(command, "account_id", Dialect.Id(accountId));
        SqlDialect.Add(command, "now", Dialect.Time(timeProvider.GetUtcNow()));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Records that a token was used at <paramref name="usedAt"/>.</summary>
    public async Task TouchAsync(string id, DateTimeOffset usedAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE api_tokens SET last_used_at = @used_at WHERE id = @id";
        SqlDialect.Add(command, "id", id);
        SqlDialect.Add(command, "used_at", Dialect.Time(usedAt));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ApiTokenRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, account_id, name, secret_hash, scopes, created_at, revoked_at, last_used_at FROM api_tokens WHERE id = @id";
        SqlDialect.Add(command, "id", id);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private ApiTokenRecord Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetGuid(1),
        reader.GetString(2),
        (byte[])reader.GetValue(3),
        reader.GetString(4).Split(' ', StringSplitOptions.RemoveEmptyEntries),
        Dialect.ReadTime(reader, 5),
        reader.IsDBNull(6) ? null : Dialect.ReadTime(reader, 6),
        reader.IsDBNull(7) ? null : Dialect.ReadTime(reader, 7));
}
