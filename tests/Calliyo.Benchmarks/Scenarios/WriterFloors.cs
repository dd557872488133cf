using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Calliyo.Storage;
using Calliyo.Storage.Leads;
using Npgsql;
using NpgsqlTypes;

namespace Calliyo.Benchmarks.Scenarios;

/// <summary>
/// The fastest plain way to put the same rows into the same <c>leads</c> table, with the same
/// dedupe on (account, phone key): what the batching writer is measured against.
/// </summary>
internal static class WriterFloors
{
    /// <summary>Rows per multi-row INSERT on SQLite: 100 rows × 15 columns stays far below SQLite's 32,766 parameters.</summary>
    private const int SqliteRowsPerStatement = 100;

    private const string Columns =
        "id, account_id, first_name, last_name, phone_e164, phone_extension, phone_key, email, tags, status, source, source_ref, source_row, created_at, updated_at";

    private const int ColumnCount = 15;

    public static string Describe(StorageProvider provider) => provider == StorageProvider.PostgreSql
        ? "binary COPY into a temp table + INSERT … SELECT … ON CONFLICT DO NOTHING, one transaction"
        : $"multi-row INSERT … ON CONFLICT DO NOTHING, {SqliteRowsPerStatement} rows per statement, one transaction";

    /// <summary>Returns <paramref name="count"/> leads with distinct valid Indian mobile numbers, as the server would store them.</summary>
    public static List<LeadRecord> NewLeads(Guid accountId, int count)
    {
        var now = DateTimeOffset.UtcNow;
        var leads = new List<LeadRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var phone = string.Create(CultureInfo.InvariantCulture, $"+9198{i:D8}");
            leads.Add(new LeadRecord(
                Guid.CreateVersion7(now), accountId, $"Lead{i}", "Bench", phone, null, phone, $"lead{i}@example.com",
                ["bench", "writer"], "Unassigned", "api", "bench", null, now, now));
        }

        return leads;
    }

    /// <summary>Inserts <paramref name="leads"/> the floor's way; returns the seconds it took, commit included.</summary>
    public static async Task<double> InsertAsync(CalliyoDatabase database, IReadOnlyList<LeadRecord> leads, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (database.DataSource is NpgsqlDataSource npgsql)
        {
            await CopyAndInsertAsync(npgsql, leads, cancellationToken);
        }
        else
        {
            await InsertMultiRowAsync(database, leads, cancellationToken);
        }

        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task CopyAndInsertAsync(NpgsqlDataSource dataSource, IReadOnlyList<LeadRecord> leads, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE lead_import (LIKE leads INCLUDING DEFAULTS) ON COMMIT DROP", connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var importer = await connection.BeginBinaryImportAsync($"COPY lead_import ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var lead in leads)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(lead.Id, NpgsqlDbType.Uuid, cancellationToken);
                await importer.WriteAsync(lead.AccountId, NpgsqlDbType.Uuid, cancellationToken);
                await importer.WriteAsync(lead.FirstName, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(importer, lead.LastName, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(lead.PhoneE164, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(importer, lead.PhoneExtension, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(lead.PhoneKey, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(importer, lead.Email, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(JsonSerializer.Serialize(lead.Tags), NpgsqlDbType.Jsonb, cancellationToken);
                await importer.WriteAsync(lead.Status, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(lead.Source, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(importer, lead.SourceRef, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(importer, lead.SourceRow, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(lead.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                await importer.WriteAsync(lead.UpdatedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        var insertSql = $"INSERT INTO leads ({Columns}) SELECT {Columns} FROM lead_import ON CONFLICT (account_id, phone_key) DO NOTHING";
        await using (var insert = new NpgsqlCommand(insertSql, connection, transaction))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await importer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await importer.WriteAsync(value, type, cancellationToken);
        }
    }

    private static async Task InsertMultiRowAsync(CalliyoDatabase database, IReadOnlyList<LeadRecord> leads, CancellationToken cancellationToken)
    {
        // The connection comes from Calliyo's SQLite data source, so it has the writer's
        // settings: WAL, synchronous=NORMAL and the busy timeout.
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        DbCommand? full = null;
        try
        {
            for (var offset = 0; offset < leads.Count; offset += SqliteRowsPerStatement)
            {
                var rows = Math.Min(SqliteRowsPerStatement, leads.Count - offset);
                var command = rows == SqliteRowsPerStatement
                    ? full ??= CreateMultiRowInsert(connection, transaction, rows)
                    : CreateMultiRowInsert(connection, transaction, rows);

                for (var row = 0; row < rows; row++)
                {
                    Bind(command, row, leads[offset + row]);
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
                if (command != full)
                {
                    await command.DisposeAsync();
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static DbCommand CreateMultiRowInsert(DbConnection connection, DbTransaction transaction, int rows)
    {
        var sql = new StringBuilder($"INSERT INTO leads ({Columns}) VALUES ");
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < ColumnCount; column++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"@p{row}_{column}");
                sql.Append(column == 0 ? name : $", {name}");

                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            sql.Append(')');
        }

        sql.Append(" ON CONFLICT (account_id, phone_key) DO NOTHING");
        command.CommandText = sql.ToString();
        return command;
    }

    /// <summary>Binds one row in the column order of <see cref="Columns"/>, with the SQLite schema's text ids and ISO 8601 UTC times.</summary>
    private static void Bind(DbCommand command, int row, LeadRecord lead)
    {
        object?[] values =
        [
            lead.Id.ToString("D"), lead.AccountId.ToString("D"), lead.FirstName, lead.LastName, lead.PhoneE164,
            lead.PhoneExtension, lead.PhoneKey, lead.Email, JsonSerializer.Serialize(lead.Tags), lead.Status, lead.Source,
            lead.SourceRef, lead.SourceRow, Time(lead.CreatedAt), Time(lead.UpdatedAt),
        ];

        for (var column = 0; column < ColumnCount; column++)
        {
            command.Parameters[(row * ColumnCount) + column].Value = values[column] ?? DBNull.Value;
        }
    }

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);
}
