using Calliyo.Domain.Accounts;
using Calliyo.Domain.Fields;

namespace Calliyo.Storage.Accounts;

/// <summary>Writes an account's pipeline and column aliases. The rules live in <see cref="PipelineEdits"/>.</summary>
public sealed class PipelineStore(CalliyoDatabase database)
{
    private SqlDialect Dialect => database.Dialect;

    /// <summary>
    /// Replaces the pipeline with <paramref name="statuses"/> in order. When a status was renamed,
    /// the leads that carry the old name get the new one in the same transaction.
    /// </summary>
    public async Task ReplaceAsync(Guid accountId, IReadOnlyList<PipelineStatus> statuses, (string From, string To)? rename, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM statuses WHERE account_id = @account_id";
            SqlDialect.Add(delete, "account_id", Dialect.Id(accountId));
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        for (var position = 0; position < statuses.Count; position++)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO statuses (account_id, name, position, is_protected) VALUES (@account_id, @name, @position, @protected)";
            SqlDialect.Add(insert, "account_id", Dialect.Id(accountId));
            SqlDialect.Add(insert, "name", statuses[position].Name);
            SqlDialect.Add(insert, "position", position);
            SqlDialect.Add(insert, "protected", Dialect.Bool(statuses[position].IsProtected));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (rename is { } change)
        {
            await using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE leads SET status = @to WHERE account_id = @account_id AND status = @from";
            SqlDialect.Add(update, "account_id", Dialect.Id(accountId));
            SqlDialect.Add(update, "from", change.From);
            SqlDialect.Add(update, "to", change.To);
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Counts the leads of an account that carry <paramref name="status"/>.</summary>
    public async Task<long> CountLeadsWithStatusAsync(Guid accountId, string status, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM leads WHERE account_id = @account_id AND status = @status";
        SqlDialect.Add(command, "account_id", Dialect.Id(accountId));
        SqlDialect.Add(command, "status", status);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyDictionary<string, LeadColumn>> GetAliasesAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT alias, field FROM column_aliases WHERE account_id = @account_id ORDER BY alias";
        SqlDialect.Add(command, "account_id", Dialect.Id(accountId));

        var aliases = new Dictionary<string, LeadColumn>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            aliases[reader.GetString(0)] = Enum.Parse<LeadColumn>(reader.GetString(1));
        }

        return aliases;
    }

    public async Task ReplaceAliasesAsync(Guid accountId, IReadOnlyDictionary<string, LeadColumn> aliases, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM column_aliases WHERE account_id = @account_id";
            SqlDialect.Add(delete, "account_id", Dialect.Id(accountId));
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var (alias, field) in aliases)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO column_aliases (account_id, alias, field) VALUES (@account_id, @alias, @field)";
            SqlDialect.Add(insert, "account_id", Dialect.Id(accountId));
            SqlDialect.Add(insert, "alias", alias);
            SqlDialect.Add(insert, "field", field.ToString());
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
