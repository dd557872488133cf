using Microsoft.Data.Sqlite;
using Npgsql;

namespace Calliyo.Storage;

/// <summary>
/// Database errors that a retry can cure: lost connections, serialization failures and
/// deadlocks on PostgreSQL, busy or locked databases on SQLite. Everything else is a fault
/// and is not retried.
/// </summary>
public static class TransientErrors
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.IsTransient || postgres.SqlState is "40001" or "40P01",
        NpgsqlException npgsql => npgsql.IsTransient,
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6,
        TimeoutException => true,
        _ => false,
    };
}
