using Calliyo.Domain.Accounts;

namespace Calliyo.Storage.Accounts;

/// <summary>Reads and creates accounts and their pipelines.</summary>
public sealed class AccountStore(CalliyoDatabase database, TimeProvider timeProvider)
{
    private SqlDialect Dialect => database.Dialect;

    /// <summary>Returns the id of the account that first start-up created, or null before it exists.</summary>
    public async Task<Guid?> FindDefaultAccountIdAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM accounts WHERE is_default = @yes";
        SqlDialect.Add(command, "yes", Dialect.Bool(true));

        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value switch
        {
            Guid id => id,
            string text => Guid.Parse(text),
            _ => null,
        };
    }

    /// <summary>Creates an account with the default pipeline in one transaction.</summary>
    public async Task<Guid> CreateAsync(string name, string defaultRegion, bool isDefault, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7(timeProvider.GetUtcNow());

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO accounts (id, name, default_region, is_default, created_at) VALUES (@id, @name, @region, @is_default, @created_at)";
            SqlDialect.Add(insert, "id", Dialect.Id(id));
            SqlDialect.Add(insert, "name", name);
            SqlDialect.Add(insert, "region", defaultRegion);
            SqlDialect.Add(insert, "is_default", Dialect.Bool(isDefault));
            SqlDialect.Add(insert, "created_at", Dialect.Time(timeProvider.GetUtcNow()));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var position = 0;
        foreach (var status in DefaultPipeline.Statuses)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO statuses (account_id, name, position, is_protected) VALUES (@account_id, @name, @position, @protected)";
            SqlDialect.Add(insert, "account_id", Dialect.Id(id));
            SqlDialect.Add(insert, "name", status.Name);
            SqlDialect.Add(insert, "position", position++);
            SqlDialect.Add(insert, "protected", Dialect.Bool(status.IsProtected));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>Appends a status to the end of an account's pipeline.</summary>
    public async Task AddStatusAsync(Guid accountId, string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO statuses (account_id, name, position, is_protected)
            SELECT @account_id, @name, COALESCE(MAX(position), -1) + 1, @protected FROM statuses WHERE account_id = @account_id
            """;
        SqlDialect.Add(command, "account_id", Dialect.Id(accountId));
        SqlDialect.Add(command, "name", name);
        SqlDialect.Add(command, "protected", Dialect.Bool(false));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the account with its pipeline in order, or null when it does not exist.</summary>
    public async Task<AccountRecord?> FindAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);

        string name, region;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name, default_region FROM accounts WHERE id = @id";
            SqlDialect.Add(command, "id", Dialect.Id(accountId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            name = reader.GetString(0);
            region = reader.GetString(1);
        }

        var statuses = new List<PipelineStatus>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name, is_protected FROM statuses WHERE account_id = @id ORDER BY position";
            SqlDialect.Add(command, "id", Dialect.Id(accountId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                statuses.Add(new PipelineStatus(reader.GetString(0), reader.GetBoolean(1)));
            }
        }

        return new AccountRecord(accountId, name, region, statuses);
    }
}
