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
    /// <summary>
    /// Rows per multi-row INSERT on SQLite. Microsoft.Data.Sqlite 10.0.12 binds each parameter by
    /// name, at a cost that grows with the statement's parameter count. Of 1, 10, 25 and 100 rows
    /// per statement (15 parameters each), 10 was fastest on the 2-core benchmark machine, and
    /// 100 was three times slower.
    /// </summary>
    private const int SqliteRowsPerStatement = 10;

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

    /// <summary>
    /// Inserts <paramref name="leads"/> the floor's way and returns the seconds it took, commit
    /// included, and on PostgreSQL how they split between COPY and INSERT … SELECT.
    /// </summary>
    public static async Task<(double Seconds, string Detail)> InsertAsync(CalliyoDatabase database, IReadOnlyList<LeadRecord> leads, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var detail = "";
        if (database.DataSource is NpgsqlDataSource npgsql)
        {
            detail = await CopyAndInsertAsync(npgsql, leads, cancellationToken);
        }
        else
        {
            await InsertMultiRowAsync(database, leads, cancellationToken);
        }

        return (Stopwatch.GetElapsedTime(started).TotalSeconds, detail);
    }

    private static async Task<string> CopyAndInsertAsync(NpgsqlDataSource dataSource, IReadOnlyList<LeadRecord> leads, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE lead_import (LIKE leads INCLUDING DEFAULTS) ON COMMIT DROP", connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        // Synchronous writes: the importer buffers rows and touches the socket only when its
        // buffer is full, so a Task per field would be pure overhead.
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY lead_import ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var lead in leads)
            {
                importer.StartRow();
                importer.Write(lead.Id, NpgsqlDbType.Uuid);
                importer.Write(lead.AccountId, NpgsqlDbType.Uuid);
                importer.Write(lead.FirstName, NpgsqlDbType.Text);
                WriteNullable(importer, lead.LastName, NpgsqlDbType.Text);
                importer.Write(lead.PhoneE164, NpgsqlDbType.Text);
                WriteNullable(importer, lead.PhoneExtension, NpgsqlDbType.Text);
                importer.Write(lead.PhoneKey, NpgsqlDbType.Text);
                WriteNullable(importer, lead.Email, NpgsqlDbType.Text);
                importer.Write(JsonSerializer.Serialize(lead.Tags), NpgsqlDbType.Jsonb);
                importer.Write(lead.Status, NpgsqlDbType.Text);
                importer.Write(lead.Source, NpgsqlDbType.Text);
                WriteNullable(importer, lead.SourceRef, NpgsqlDbType.Text);
                WriteNullable(importer, lead.SourceRow, NpgsqlDbType.Integer);
                importer.Write(lead.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
                importer.Write(lead.UpdatedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        var copied = Stopwatch.GetTimestamp();
        var insertSql = $"INSERT INTO leads ({Columns}) SELECT {Columns} FROM lead_import ON CONFLICT (account_id, phone_key) DO NOTHING";
        await using (var insert = new NpgsqlCommand(insertSql, connection, transaction))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        var inserted = Stopwatch.GetTimestamp();
        await transaction.CommitAsync(cancellationToken);
        var committed = Stopwatch.GetTimestamp();

        return string.Create(CultureInfo.InvariantCulture,
            $"COPY {Seconds(started, copied):0.000} s, INSERT … SELECT {Seconds(copied, inserted):0.000} s, commit {Seconds(inserted, committed):0.000} s");
    }

    private static double Seconds(long from, long to) => (to - from) / (double)Stopwatch.Frequency;

    private static void WriteNullable<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, type);
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
