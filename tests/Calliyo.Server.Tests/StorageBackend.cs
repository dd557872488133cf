using Calliyo.Testing;

namespace Calliyo.Server.Tests;

/// <summary>A real database for one test class: a fresh SQLite file or a fresh PostgreSQL database.</summary>
public abstract class StorageBackend : IAsyncLifetime
{
    public abstract IReadOnlyDictionary<string, string?> Settings { get; }

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();
}

public sealed class SqliteBackend : StorageBackend
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"calliyo-test-{Guid.NewGuid():N}");

    public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:DataDirectory"] = _directory,
    };

    public override Task InitializeAsync() => Task.CompletedTask;

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}

public sealed class PostgreSqlBackend : StorageBackend
{
    private readonly PostgresDatabase _database = new();

    public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "PostgreSql",
        ["ConnectionStrings:Calliyo"] = _database.ConnectionString,
    };

    public override Task InitializeAsync() => _database.InitializeAsync();

    public override Task DisposeAsync() => _database.DisposeAsync();
}
