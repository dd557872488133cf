using System.Data.Common;
using System.Text.Json;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Calliyo.Storage.Webhooks;

/// <summary>
/// The per-key log of recent webhook submissions. Entries are queued and written in batches in
/// the background, so logging adds no database round trip to a submission. Readers see a key's
/// newest <see cref="MaxEntriesPerKey"/> entries. Each process deletes older ones after every
/// <see cref="TrimEvery"/> entries it wrote for a key (see <see cref="RequestLogTrimPlan"/>), so
/// a key stores at most about MaxEntriesPerKey + TrimEvery + one batch per silo. Entries still
/// queued when the process is killed are lost, which is acceptable for a diagnostic log but not
/// for leads.
/// </summary>
public sealed partial class WebhookRequestLog(CalliyoDatabase database, ILogger<WebhookRequestLog> logger) : IHostedService
{
    /// <summary>How many entries each key keeps.</summary>
    public const int MaxEntriesPerKey = 1_000;

    /// <summary>New entries of a key, written by this process, between two deletions of its old ones.</summary>
    public const int TrimEvery = 500;

    private const int MaxBatch = 500;

    /// <summary>Entries per INSERT statement on SQLite: 9 parameters each, far below its parameter limit.</summary>
    private const int RowsPerInsert = 100;

    private readonly RequestLogTrimPlan _trimPlan = new();

    private readonly Channel<WebhookRequestRecord> _queue = Channel.CreateUnbounded<WebhookRequestRecord>(new UnboundedChannelOptions { SingleReader = true });
    private long _appended;
    private long _settled;
    private Task? _loop;

    private SqlDialect Dialect => database.Dialect;

    /// <summary>Queues an entry; it is visible to readers once its batch is written, usually within milliseconds.</summary>
    public void Append(WebhookRequestRecord entry)
    {
        if (_queue.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _appended);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until every entry appended before the call is written (or dropped after a failed write).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var target = Interlocked.Read(ref _appended);
        while (Interlocked.Read(ref _settled) < target)
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<WebhookRequestRecord>> ListAsync(Guid keyId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, key_id, received_at, outcome, status_code, reason, lead_id, format, fields
            FROM webhook_requests WHERE key_id = @key_id ORDER BY id DESC LIMIT @limit
            """;
        SqlDialect.Add(command, "key_id", Dialect.Id(keyId));
        SqlDialect.Add(command, "limit", limit);

        var entries = new List<WebhookRequestRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(Read(reader));
        }

        return entries;
    }

    public async Task<WebhookRequestRecord?> FindAsync(Guid keyId, Guid requestId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, key_id, received_at, outcome, status_code, reason, lead_id, format, fields
            FROM webhook_requests WHERE key_id = @key_id AND id = @id
            """;
        SqlDialect.Add(command, "key_id", Dialect.Id(keyId));
        SqlDialect.Add(command, "id", Dialect.Id(requestId));

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var batch = new List<WebhookRequestRecord>();
            while (batch.Count < MaxBatch && reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            try
            {
                await WriteAsync(batch, CancellationToken.None).ConfigureAwait(false);
            }
            catch (DbException exception)
            {
                LogWriteFailed(exception, batch.Count);
            }
            finally
            {
                Interlocked.Add(ref _settled, batch.Count);
            }
        }
    }

    private async Task WriteAsync(List<WebhookRequestRecord> batch, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Under a burst the log gets thousands of entries a second, and a statement per entry cost
        // the database more than the leads themselves.
        if (database.Provider == StorageProvider.PostgreSql)
        {
            await InsertWithArraysAsync(connection, transaction, batch, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            foreach (var chunk in batch.Chunk(RowsPerInsert))
            {
                await InsertRowsAsync(connection, transaction, chunk, cancellationToken).ConfigureAwait(false);
            }
        }

        var trims = _trimPlan.Plan(batch);
        foreach (var trim in trims)
        {
            await TrimAsync(connection, transaction, trim, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _trimPlan.Record(batch, trims);
    }

    /// <summary>
    /// Inserts the batch on PostgreSQL with one statement over arrays, whose text never changes,
    /// so the data source prepares it once per connection instead of parsing a long VALUES list each time.
    /// </summary>
    private static async Task InsertWithArraysAsync(DbConnection connection, DbTransaction transaction, List<WebhookRequestRecord> batch, CancellationToken cancellationToken)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO webhook_requests (id, key_id, received_at, outcome, status_code, reason, lead_id, format, fields)
            SELECT id, key_id, received_at, outcome, status_code, reason, lead_id, format, fields::jsonb
            FROM unnest(@ids, @key_ids, @received_ats, @outcomes, @status_codes, @reasons, @lead_ids, @formats, @fields)
                 AS t(id, key_id, received_at, outcome, status_code, reason, lead_id, format, fields)
            """;
        var p = insert.Parameters;
        p.Add(new NpgsqlParameter<Guid[]>("ids", batch.Select(e => e.Id).ToArray()));
        p.Add(new NpgsqlParameter<Guid[]>("key_ids", batch.Select(e => e.KeyId).ToArray()));
        p.Add(new NpgsqlParameter<DateTime[]>("received_ats", batch.Select(e => e.ReceivedAt.UtcDateTime).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        p.Add(new NpgsqlParameter<string[]>("outcomes", batch.Select(e => e.Outcome).ToArray()));
        p.Add(new NpgsqlParameter<int[]>("status_codes", batch.Select(e => e.StatusCode).ToArray()));
        p.Add(new NpgsqlParameter<string?[]>("reasons", batch.Select(e => e.Reason).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter<Guid?[]>("lead_ids", batch.Select(e => e.LeadId).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        p.Add(new NpgsqlParameter<string?[]>("formats", batch.Select(e => e.Format).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter<string?[]>("fields", batch.Select(FieldsJson).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts up to <see cref="RowsPerInsert"/> entries with one multi-row INSERT, on SQLite.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Only parameter names and the dialect's fixed JSON cast are interpolated.")]
    private async Task InsertRowsAsync(DbConnection connection, DbTransaction transaction, WebhookRequestRecord[] chunk, CancellationToken cancellationToken)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        var rows = new List<string>(chunk.Length);
        for (var i = 0; i < chunk.Length; i++)
        {
            var entry = chunk[i];
            rows.Add($"(@id{i}, @key_id{i}, @received_at{i}, @outcome{i}, @status_code{i}, @reason{i}, @lead_id{i}, @format{i}, {Dialect.JsonParameter($"fields{i}")})");
            SqlDialect.Add(insert, $"id{i}", Dialect.Id(entry.Id));
            SqlDialect.Add(insert, $"key_id{i}", Dialect.Id(entry.KeyId));
            SqlDialect.Add(insert, $"received_at{i}", Dialect.Time(entry.ReceivedAt));
            SqlDialect.Add(insert, $"outcome{i}", entry.Outcome);
            SqlDialect.Add(insert, $"status_code{i}", entry.StatusCode);
            SqlDialect.Add(insert, $"reason{i}", entry.Reason);
            SqlDialect.Add(insert, $"lead_id{i}", entry.LeadId is { } leadId ? Dialect.Id(leadId) : null);
            SqlDialect.Add(insert, $"format{i}", entry.Format);
            SqlDialect.Add(insert, $"fields{i}", FieldsJson(entry));
        }

        insert.CommandText = $"""
            INSERT INTO webhook_requests (id, key_id, received_at, outcome, status_code, reason, lead_id, format, fields)
            VALUES {string.Join(",\n       ", rows)}
            """;
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string? FieldsJson(WebhookRequestRecord entry) =>
        entry.Fields is null ? null : JsonSerializer.Serialize(entry.Fields, StorageJson.Default.IReadOnlyDictionaryStringString);

    /// <summary>
    /// Deletes a key's entries below the trim's cut. The range starts at the previous cut: below
    /// it everything was deleted already, and scanning those dead index entries again before a
    /// vacuum made each deletion slower than the inserts. An entry from another silo that lands
    /// below a cut after its trim stays until this process trims the key from the start, after
    /// a restart.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The text is one of two constant statements.")]
    private async Task TrimAsync(DbConnection connection, DbTransaction transaction, RequestLogTrimPlan.Trim trim, CancellationToken cancellationToken)
    {
        await using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = trim.From is null
            ? "DELETE FROM webhook_requests WHERE key_id = @key_id AND id < @below"
            : "DELETE FROM webhook_requests WHERE key_id = @key_id AND id < @below AND id >= @from";
        SqlDialect.Add(delete, "key_id", Dialect.Id(trim.KeyId));
        SqlDialect.Add(delete, "below", Dialect.Id(trim.Below));
        if (trim.From is { } from)
        {
            SqlDialect.Add(delete, "from", Dialect.Id(from));
        }

        await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private WebhookRequestRecord Read(DbDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetGuid(1),
        Dialect.ReadTime(reader, 2),
        reader.GetString(3),
        reader.GetInt32(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetGuid(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : JsonSerializer.Deserialize(reader.GetString(8), StorageJson.Default.DictionaryStringString));

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Writing {Count} webhook request log entries failed; they are dropped")]
    private partial void LogWriteFailed(Exception exception, int count);
}
