using Calliyo.Grains.Hosting;
using Calliyo.Grains.Imports;
using Calliyo.Storage;
using Calliyo.Storage.Accounts;
using Calliyo.Storage.Migrations;
using Calliyo.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;

namespace Calliyo.Grains.Tests;

/// <summary>
/// A real two-silo Orleans test cluster whose grains use a fresh database, each silo with its
/// own batching lead writer, as in production. Subclasses choose SQLite or PostgreSQL.
/// </summary>
public abstract class GrainClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Returns silo <paramref name="index"/>'s (0 or 1) instance of a per-silo service, such as the lead capture path.</summary>
    public T SiloService<T>(int index)
        where T : notnull => Cluster.Silos[index].ServiceProvider.GetRequiredService<T>();

    public Guid AccountId { get; private set; }

    public StorageOptions Storage { get; private set; } = null!;

    protected abstract Task<StorageOptions> CreateStorageAsync();

    protected virtual Task DropStorageAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        Storage = await CreateStorageAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = Storage.Provider.ToString(),
            ["Storage:DataDirectory"] = Storage.DataDirectory,
            ["ConnectionStrings:Calliyo"] = Storage.ConnectionString,
        }).Build();

        await using (var database = DatabaseFactory.Create(Storage))
        {
            await new MigrationRunner(database, NullLogger<MigrationRunner>.Instance).RunAsync(CancellationToken.None);
            AccountId = await new AccountStore(database, TimeProvider.System).CreateAsync("Grain tests", "IN", isDefault: false, CancellationToken.None);
        }

        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((options, siloBuilder) =>
        {
            siloBuilder.Services.AddCalliyoStorage(configuration);
            siloBuilder.Services.AddCalliyoImports(configuration);
            siloBuilder.AddCalliyoGrains();
        });

        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await DropStorageAsync();
    }

    /// <summary>Runs a scalar SQL query on the cluster's database.</summary>
    public async Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var database = DatabaseFactory.Create(Storage);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class SqliteGrainClusterFixture : GrainClusterFixture
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"calliyo-grains-{Guid.NewGuid():N}");

    protected override Task<StorageOptions> CreateStorageAsync() =>
        Task.FromResult(new StorageOptions { Provider = StorageProvider.Sqlite, DataDirectory = _directory });

    protected override Task DropStorageAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed class PostgreSqlGrainClusterFixture : GrainClusterFixture
{
    private readonly PostgresDatabase _database = new();

    protected override async Task<StorageOptions> CreateStorageAsync()
    {
        await _database.InitializeAsync();
        return new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = _database.ConnectionString };
    }

    protected override Task DropStorageAsync() => _database.DisposeAsync();
}
