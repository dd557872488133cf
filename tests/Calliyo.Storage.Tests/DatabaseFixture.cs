using Calliyo.Storage.Accounts;
using Calliyo.Storage.Migrations;
using Calliyo.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Calliyo.Storage.Tests;

/// <summary>A fresh, migrated database with one account; subclasses choose SQLite or PostgreSQL.</summary>
public abstract class DatabaseFixture : IAsyncLifetime
{
    public CalliyoDatabase Database { get; private set; } = null!;

    public StorageOptions Options { get; private set; } = null!;

    public Guid AccountId { get; private set; }

    protected abstract Task<StorageOptions> CreateAsync();

    protected abstract Task DropAsync();

    public async Task InitializeAsync()
    {
        Options = await CreateAsync();
        Database = DatabaseFactory.Create(Options);
        await NewRunner().RunAsync(CancellationToken.None);
        AccountId = await new AccountStore(Database, TimeProvider.System).CreateAsync("Storage tests", "IN", isDefault: false, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        await DropAsync();
    }

    public MigrationRunner NewRunner(CalliyoDatabase? database = null) =>
        new(database ?? Database, NullLogger<MigrationRunner>.Instance);
}

public sealed class SqliteDatabaseFixture : DatabaseFixture
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"calliyo-storage-{Guid.NewGuid():N}");

    protected override Task<StorageOptions> CreateAsync() =>
        Task.FromResult(new StorageOptions { Provider = StorageProvider.Sqlite, DataDirectory = _directory });

    protected override Task DropAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed class PostgreSqlDatabaseFixture : DatabaseFixture
{
    private readonly PostgresDatabase _database = new();

    protected override async Task<StorageOptions> CreateAsync()
    {
        await _database.InitializeAsync();
        return new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = _database.ConnectionString };
    }

    protected override Task DropAsync() => _database.DisposeAsync();
}
