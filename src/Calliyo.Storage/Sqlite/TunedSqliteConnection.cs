using Microsoft.Data.Sqlite;

namespace Calliyo.Storage.Sqlite;

/// <summary>
/// A SQLite connection that applies the per-connection settings after every open.
/// <c>synchronous=NORMAL</c> in WAL mode keeps every commit across a process crash (only a
/// power loss can drop the last commits) and avoids an fsync per transaction;
/// <c>busy_timeout</c> makes a writer wait for the lock instead of failing at once.
/// </summary>
internal sealed class TunedSqliteConnection(string connectionString) : SqliteConnection(connectionString)
{
    /// <summary>How long a statement waits for another connection's write lock, in milliseconds.</summary>
    public const int BusyTimeoutMilliseconds = 10_000;

    private const string ConnectionPragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    public override void Open()
    {
        base.Open();

        using var command = CreateCommand();
        command.CommandText = ConnectionPragmas;
        command.ExecuteNonQuery();
    }
}
