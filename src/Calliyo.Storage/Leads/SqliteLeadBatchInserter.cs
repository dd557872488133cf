using System.Data.Common;
using System.Text.Json;
using Calliyo.Storage.Sqlite;

namespace Calliyo.Storage.Leads;

/// <summary>
/// Inserts a batch in one SQLite transaction with a prepared single-row statement. SQLite runs
/// in-process, so a statement per row costs microseconds; the commit is what costs, and the
/// batch pays it once.
/// </summary>
internal sealed class SqliteLeadBatchInserter(SqliteDataSource dataSource, SqlDialect dialect) : ILeadBatchInserter
{
    private const string InsertSql = """
        INSERT INTO leads (id, account_id, first_name, last_name, phone_e164, phone_extension, phone_key,
                           email, tags, status, source, source_ref, source_row, created_at, updated_at)
        VALUES (@id, @account_id, @first_name, @last_name, @phone_e164, @phone_extension, @phone_key,
                @email, @tags, @status, @source, @source_ref, @source_row, @created_at, @created_at)
        ON CONFLICT (account_id, phone_key) DO NOTHING
        """;

    private const string ExistingSql = "SELECT id FROM leads WHERE account_id = @account_id AND phone_key = @phone_key";

    public async Task<LeadInsertOutcome[]> InsertAsync(IReadOnlyList<LeadRecord> leads, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = ((Microsoft.Data.Sqlite.SqliteConnection)connection).BeginTransaction(deferred: false);

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = InsertSql;

        await using var existing = connection.CreateCommand();
        existing.Transaction = transaction;
        existing.CommandText = ExistingSql;

        var outcomes = new LeadInsertOutcome[leads.Count];
        for (var i = 0; i < leads.Count; i++)
        {
            var lead = leads[i];
            Bind(insert, lead);

            var rows = await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (rows == 1)
            {
                outcomes[i] = new LeadInsertOutcome(true, lead.Id);
                continue;
            }

            existing.Parameters.Clear();
            SqlDialect.Add(existing, "account_id", dialect.Id(lead.AccountId));
            SqlDialect.Add(existing, "phone_key", lead.PhoneKey);
            var id = (string)(await existing.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            outcomes[i] = new LeadInsertOutcome(false, Guid.Parse(id));
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return outcomes;
    }

    private void Bind(DbCommand command, LeadRecord lead)
    {
        command.Parameters.Clear();
        LeadParameters.AddIdentityAndFields(command, dialect, lead);
        SqlDialect.Add(command, "source", lead.Source);
        SqlDialect.Add(command, "source_ref", lead.SourceRef);
        SqlDialect.Add(command, "source_row", lead.SourceRow);
        SqlDialect.Add(command, "created_at", dialect.Time(lead.CreatedAt));
    }
}
