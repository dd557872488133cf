using System.Data.Common;

namespace Calliyo.Storage.Imports;

/// <summary>
/// Stores imports: the uploaded file with its <c>import_jobs</c> row, the row's progress
/// updates, and the account's listing. The import-job grain is the only writer after upload.
/// </summary>
public sealed class ImportJobStore(CalliyoDatabase database, TimeProvider timeProvider)
{
    private const string Columns = """
        id, account_id, file_name, size_bytes, status, rows_total, rows_processed, imported,
        duplicates_existing, duplicates_in_file, errors, blank_rows, failure, created_at, started_at, finished_at
        """;

    private SqlDialect Dialect => database.Dialect;

    /// <summary>Writes the job row and the file bytes in one transaction, so a job never exists without its file.</summary>
    /// <remarks>NOTE: nothing deletes uploaded files yet; a retention rule is needed before the table grows large.</remarks>
    public async Task CreateAsync(ImportJobRecord job, byte[] content, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginAsync(connection, cancellationToken).ConfigureAwait(false);

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = $"""
                INSERT INTO import_jobs ({Columns}, updated_at)
                VALUES (@id, @account_id, @file_name, @size_bytes, @status, @rows_total, @rows_processed, @imported,
                        @duplicates_existing, @duplicates_in_file, @errors, @blank_rows, @failure, @created_at, @started_at,
                        @finished_at, @updated_at)
                """;
            Bind(insert, job);
            SqlDialect.Add(insert, "account_id", Dialect.Id(job.AccountId));
            SqlDialect.Add(insert, "file_name", job.FileName);
            SqlDialect.Add(insert, "size_bytes", job.SizeBytes);
            SqlDialect.Add(insert, "rows_total", job.RowsTotal);
            SqlDialect.Add(insert, "created_at", Dialect.Time(job.CreatedAt));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO import_files (job_id, content) VALUES (@job_id, @content)";
            SqlDialect.Add(insert, "job_id", Dialect.Id(job.Id));
            SqlDialect.Add(insert, "content", content);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Overwrites the status, counts and times of the job's row with <paramref name="job"/>'s.</summary>
    public async Task UpdateAsync(ImportJobRecord job, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE import_jobs
            SET status = @status, rows_processed = @rows_processed, imported = @imported,
                duplicates_existing = @duplicates_existing, duplicates_in_file = @duplicates_in_file,
                errors = @errors, blank_rows = @blank_rows, failure = @failure, started_at = @started_at,
                finished_at = @finished_at, updated_at = @updated_at
            WHERE id = @id
            """;
        Bind(command, job);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the uploaded bytes of the job, or null when the job has no file.</summary>
    public async Task<byte[]?> ReadFileAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT content FROM import_files WHERE job_id = @job_id";
        SqlDialect.Add(command, "job_id", Dialect.Id(jobId));

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetFieldValue<byte[]>(0) : null;
    }

    /// <summary>
    /// Returns one page of the account's imports, newest first; <paramref name="before"/> is the id
    /// of the last import of the previous page.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Only fixed SQL fragments are concatenated; values are parameters.")]
    public async Task<IReadOnlyList<ImportJobRecord>> ListAsync(Guid accountId, Guid? before, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var cursor = before is null ? "" : "AND id < @before";
        command.CommandText = $"SELECT {Columns} FROM import_jobs WHERE account_id = @account_id {cursor} ORDER BY id DESC LIMIT @limit";
        SqlDialect.Add(command, "account_id", Dialect.Id(accountId));
        SqlDialect.Add(command, "limit", limit);
        if (before is { } id)
        {
            SqlDialect.Add(command, "before", Dialect.Id(id));
        }

        var jobs = new List<ImportJobRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            jobs.Add(Read(reader));
        }

        return jobs;
    }

    private async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        database.Provider == StorageProvider.Sqlite
            ? ((Microsoft.Data.Sqlite.SqliteConnection)connection).BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Binds the parameters that both the insert and the progress update set.</summary>
    private void Bind(DbCommand command, ImportJobRecord job)
    {
        SqlDialect.Add(command, "id", Dialect.Id(job.Id));
        SqlDialect.Add(command, "status", job.Status);
        SqlDialect.Add(command, "rows_processed", job.RowsProcessed);
        SqlDialect.Add(command, "imported", job.Imported);
        SqlDialect.Add(command, "duplicates_existing", job.DuplicatesExisting);
        SqlDialect.Add(command, "duplicates_in_file", job.DuplicatesInFile);
        SqlDialect.Add(command, "errors", job.Errors);
        SqlDialect.Add(command, "blank_rows", job.BlankRows);
        SqlDialect.Add(command, "failure", job.Failure);
        SqlDialect.Add(command, "started_at", job.StartedAt is { } started ? Dialect.Time(started) : null);
        SqlDialect.Add(command, "finished_at", job.FinishedAt is { } finished ? Dialect.Time(finished) : null);
        SqlDialect.Add(command, "updated_at", Dialect.Time(timeProvider.GetUtcNow()));
    }

    private ImportJobRecord Read(DbDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetGuid(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.GetInt32(3),
        reader.GetString(4),
        reader.GetInt32(5),
        reader.GetInt32(6),
        reader.GetInt32(7),
        reader.GetInt32(8),
        reader.GetInt32(9),
        reader.GetInt32(10),
        reader.GetInt32(11),
        reader.IsDBNull(12) ? null : reader.GetString(12),
        Dialect.ReadTime(reader, 13),
        reader.IsDBNull(14) ? null : Dialect.ReadTime(reader, 14),
        reader.IsDBNull(15) ? null : Dialect.ReadTime(reader, 15));
}
