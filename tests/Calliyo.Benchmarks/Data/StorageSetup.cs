using Calliyo.Storage;
using Calliyo.Storage.Accounts;
using Calliyo.Storage.Leads;
using Calliyo.Storage.Migrations;
using Microsoft.Extensions.Configuration;

namespace Calliyo.Benchmarks.Data;

/// <summary>
/// Calliyo's own storage services, composed as the server composes them
/// (<c>AddCalliyoStorage</c> over configuration), for a database that the benchmark owns.
/// </summary>
internal sealed class StorageSetup : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private StorageSetup(ServiceProvider services, Guid accountId)
    {
        _services = services;
        AccountId = accountId;
    }

    /// <summary>The account that the benchmark's leads belong to.</summary>
    public Guid AccountId { get; }

    public LeadWriter Writer => _services.GetRequiredService<LeadWriter>();

    public CalliyoDatabase Database => _services.GetRequiredService<CalliyoDatabase>();

    /// <summary>
    /// Applies the server's migrations to the database that <paramref name="settings"/> describe
    /// (keys as in the server's configuration, such as <c>Storage:Provider</c>) and creates one account.
    /// </summary>
    public static async Task<StorageSetup> CreateAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning))
            .AddCalliyoStorage(configuration)
            .BuildServiceProvider();

        try
        {
            await services.GetRequiredService<MigrationRunner>().RunAsync(cancellationToken);
            var accountId = await services.GetRequiredService<AccountStore>().CreateAsync("Benchmark", "IN", isDefault: true, cancellationToken);
            return new StorageSetup(services, accountId);
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    public Task<long> CountLeadsAsync(CancellationToken cancellationToken) =>
        _services.GetRequiredService<LeadStore>().CountAsync(AccountId, cancellationToken);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
