using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Calliyo.Storage.Sqlite;

/// <summary>
/// A <see cref="DbDataSource"/> for SQLite, which Microsoft.Data.Sqlite does not ship. Orleans
/// and Calliyo open every connection through it, so each one gets the tuned settings.
/// </summary>
public sealed class SqliteDataSource : DbDataSource
{
    private readonly string _connectionString;

    public SqliteDataSource(string databasePath)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();

        EnableWriteAheadLog();
    }

    public override string ConnectionString => _connectionString;

    protected override DbConnection CreateDbConnection() => new TunedSqliteConnection(_connectionString);

    /// <summary>WAL mode is stored in the database file, so setting it once per start is enough.</summary>
    private void EnableWriteAheadLog()
    {
        using var connection = CreateDbConnection();
        connection.Open();

        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }
}
