using Calliyo.Storage.Sqlite;
using Npgsql;

namespace Calliyo.Storage;

/// <summary>Builds the <see cref="CalliyoDatabase"/> that <see cref="StorageOptions"/> describe.</summary>
public static class DatabaseFactory
{
    public const string SqliteFileName = "calliyo.db";

    /// <summary>
    /// The name of the PostgreSQL data source. Npgsql puts it in the pool-name attribute of its
    /// metrics and spans; without it that attribute is the connection string.
    /// </summary>
    public const string PostgreSqlDataSourceName = "calliyo";

    public static CalliyoDatabase Create(StorageOptions options)
    {
        if (options.Provider == StorageProvider.PostgreSql)
        {
            var builder = new NpgsqlDataSourceBuilder(options.ConnectionString) { Name = PostgreSqlDataSourceName };
            return new CalliyoDatabase(StorageProvider.PostgreSql, builder.Build());
        }

        var directory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(directory);
        return new CalliyoDatabase(StorageProvider.Sqlite, new SqliteDataSource(Path.Combine(directory, SqliteFileName)));
    }
}
