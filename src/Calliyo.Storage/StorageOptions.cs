namespace Calliyo.Storage;

/// <summary>Where Calliyo keeps leads, accounts and Orleans state. Bound from the <c>Storage</c> section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// <c>Sqlite</c> (default: one database file, single node) or <c>PostgreSql</c> (several silos
    /// form one cluster through the database). Environment: <c>Storage__Provider</c>.
    /// </summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// Folder of the SQLite database file <c>calliyo.db</c>, created when missing; relative paths
    /// start at the working directory. Default <c>./data</c>. Environment: <c>Storage__DataDirectory</c>.
    /// </summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// PostgreSQL connection string, read from <c>ConnectionStrings:Calliyo</c>
    /// (environment <c>ConnectionStrings__Calliyo</c>). Required when <see cref="Provider"/> is PostgreSql.
    /// </summary>
    public string? ConnectionString { get; set; }
}

public enum StorageProvider
{
    Sqlite,
    PostgreSql,
}
