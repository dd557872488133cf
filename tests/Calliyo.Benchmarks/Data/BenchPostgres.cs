using System.Globalization;
using Npgsql;

namespace Calliyo.Benchmarks.Data;

/// <summary>
/// The PostgreSQL server the benchmark runs against: it creates one fresh database per
/// measured target, so each starts with an empty <c>leads</c> table, and drops it afterwards.
/// </summary>
internal sealed class BenchPostgres(string serverConnectionString)
{
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", cancellationToken);
        await ExecuteAsync($"CREATE DATABASE {name}", cancellationToken);
        return ConnectionString(name);
    }

    public async Task DropDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", cancellationToken);
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = database }.ConnectionString;

    /// <summary>
    /// Writes all dirty pages now, so that a checkpoint forced by an earlier target's WAL does
    /// not land in the next target's measurement.
    /// </summary>
    public Task CheckpointAsync(CancellationToken cancellationToken) => ExecuteAsync("CHECKPOINT", cancellationToken);

    /// <summary>Returns the server version and the settings that decide commit cost, for the record.</summary>
    public async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        var settings = new List<string>();
        foreach (var name in new[] { "server_version", "fsync", "synchronous_commit", "wal_sync_method", "shared_buffers", "max_connections" })
        {
            settings.Add($"{name}={await ScalarAsync($"SHOW {name}", cancellationToken)}");
        }

        return string.Join(' ', settings);
    }

    /// <summary>Returns the postmaster's process id (first line of postmaster.pid), or null when the server is not on this machine.</summary>
    public async Task<int?> PostmasterPidAsync(CancellationToken cancellationToken)
    {
        var dataDirectory = await ScalarAsync("SHOW data_directory", cancellationToken);
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        var firstLine = (await File.ReadAllLinesAsync(pidFile, cancellationToken)).FirstOrDefault();
        return int.TryParse(firstLine, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    /// <summary>
    /// Returns the transactions of one database and the WAL flushes (fsync calls) of the whole
    /// server so far. Backends publish these counters when idle, up to about a second late.
    /// </summary>
    public async Task<DatabaseActivity> ReadActivityAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = @database), (SELECT wal_sync FROM pg_stat_wal)",
            connection);
        command.Parameters.AddWithValue("database", database);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new DatabaseActivity(reader.GetInt64(0), reader.GetInt64(1));
    }

    public static async Task<long> CountLeadsAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM leads", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<string> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) ?? "";
    }
}

/// <summary>Counters of database work: transactions in one database, WAL flushes in the whole server.</summary>
internal sealed record DatabaseActivity(long Transactions, long WalSyncs)
{
    public DatabaseActivity Since(DatabaseActivity earlier) => new(Transactions - earlier.Transactions, WalSyncs - earlier.WalSyncs);
}
