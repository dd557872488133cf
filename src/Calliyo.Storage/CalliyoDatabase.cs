using System.Data.Common;

namespace Calliyo.Storage;

/// <summary>
/// The configured database: one pooled <see cref="DbDataSource"/> shared by Calliyo's stores
/// and the Orleans ADO.NET providers, and the SQL dialect spoken to it.
/// </summary>
public sealed class CalliyoDatabase : IAsyncDisposable
{
    public CalliyoDatabase(StorageProvider provider, DbDataSource dataSource)
    {
        Provider = provider;
        DataSource = dataSource;
        Dialect = provider == StorageProvider.PostgreSql ? new PostgreSqlDialect() : new SqliteDialect();
    }

    public StorageProvider Provider { get; }

    public DbDataSource DataSource { get; }

    internal SqlDialect Dialect { get; }

    /// <summary>The invariant name that Orleans ADO.NET providers expect for this database.</summary>
    public string OrleansInvariant => Provider == StorageProvider.PostgreSql ? "Npgsql" : "System.Data.SQLite";

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    /// <summary>Opens a pooled connection.</summary>
    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
}
