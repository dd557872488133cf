using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace Calliyo.Storage.Migrations;

/// <summary>
/// Applies the migrations a database has not seen yet, in order, inside one transaction that
/// holds a database-wide lock. Several silos can start at once: the first applies the
/// migrations and the others wait, then find nothing left to do.
/// </summary>
public sealed partial class MigrationRunner(CalliyoDatabase database, ILogger<MigrationRunner> logger)
{
    /// <summary>The PostgreSQL advisory lock key that serializes migrations ("calliyo" in ASCII).</summary>
    private const long AdvisoryLockKey = 0x63616C6C69796F;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var migrations = MigrationCatalog.For(database.Provider);

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginLockedAsync(connection, cancellationToken).ConfigureAwait(false);

        await ExecuteAsync(connection, transaction,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
            cancellationToken).ConfigureAwait(false);

        var applied = await ReadAppliedAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var pending = migrations.Where(migration => !applied.Contains(migration.Version)).ToList();

        foreach (var migration in pending)
        {
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);

            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @applied_at)";
            SqlDialect.Add(record, "version", migration.Version);
            SqlDialect.Add(record, "name", migration.Name);
            SqlDialect.Add(record, "applied_at", DateTimeOffset.UtcNow.ToString("O"));
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

            LogApplied(migration.Version, migration.Name);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return pending.Count;
    }

    private async Task<DbTransaction> BeginLockedAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (database.Provider == StorageProvider.Sqlite)
        {
            // An immediate transaction takes SQLite's write lock up front.
            return ((Microsoft.Data.Sqlite.SqliteConnection)connection).BeginTransaction(deferred: false);
        }

        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken)
            .ConfigureAwait(false);
        return transaction;
    }

    private static async Task<HashSet<int>> ReadAppliedAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version FROM schema_migrations";

        var applied = new HashSet<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            applied.Add(reader.GetInt32(0));
        }

        return applied;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Runs migration SQL embedded in this assembly, never request input.")]
    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Applied database migration {Version} ({Name})")]
    private partial void LogApplied(int version, string name);
}
