using Calliyo.Storage.Accounts;
using Calliyo.Storage.Leads;
using Calliyo.Storage.Migrations;
using Calliyo.Storage.Sqlite;
using Calliyo.Storage.Tokens;
using Calliyo.Storage.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Calliyo.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database, the stores and the lead writer. The writer is also a hosted
    /// service: register storage before the Orleans silo so that it stops after the silo and
    /// flushes what the last grains queued.
    /// </summary>
    public static IServiceCollection AddCalliyoStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .Configure(options => options.ConnectionString ??= configuration.GetConnectionString("Calliyo"))
            .Validate(options => options.Provider != StorageProvider.PostgreSql || !string.IsNullOrWhiteSpace(options.ConnectionString),
                "Storage:Provider is PostgreSql but no connection string is set; set ConnectionStrings:Calliyo (environment ConnectionStrings__Calliyo).")
            .Validate(options => options.Provider != StorageProvider.Sqlite || !string.IsNullOrWhiteSpace(options.DataDirectory),
                "Storage:DataDirectory is empty; set it to the folder for the SQLite file (environment Storage__DataDirectory).")
            .ValidateOnStart();

        services.AddOptions<LeadWriterOptions>()
            .Bind(configuration.GetSection(LeadWriterOptions.SectionName))
            .Validate(options => options.MaxBatchSize is >= 1 and <= 10_000,
                "Storage:Writer:MaxBatchSize must be between 1 and 10000 (environment Storage__Writer__MaxBatchSize).")
            .Validate(options => options.FlushWindow >= TimeSpan.Zero && options.FlushWindow <= TimeSpan.FromSeconds(1),
                "Storage:Writer:FlushWindow must be between 00:00:00 and 00:00:01 (environment Storage__Writer__FlushWindow).")
            .Validate(options => options.MaxConcurrentFlushes is >= 1 and <= 64,
                "Storage:Writer:MaxConcurrentFlushes must be between 1 and 64 (environment Storage__Writer__MaxConcurrentFlushes).")
            .ValidateOnStart();

        services.AddSingleton(provider => DatabaseFactory.Create(provider.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(provider => provider.GetRequiredService<CalliyoDatabase>().DataSource);
        services.TryAddTimeProvider();

        services.AddSingleton<ILeadBatchInserter>(provider =>
        {
            var database = provider.GetRequiredService<CalliyoDatabase>();
            return database.DataSource switch
            {
                NpgsqlDataSource npgsql => new PostgreSqlLeadBatchInserter(npgsql),
                SqliteDataSource sqlite => new SqliteLeadBatchInserter(sqlite, database.Dialect),
                _ => throw new InvalidOperationException($"No lead inserter for {database.DataSource.GetType().Name}."),
            };
        });

        services.AddSingleton<LeadWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<LeadWriter>());

        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<LeadStore>();
        services.AddSingleton<AccountStore>();
        services.AddSingleton<PipelineStore>();
        services.AddSingleton<ApiTokenStore>();
        services.AddSingleton<WebhookKeyStore>();
        services.AddSingleton<Idempotency.IdempotencyStore>();
        services.AddSingleton<WebhookRequestLog>();
        services.AddHostedService(provider => provider.GetRequiredService<WebhookRequestLog>());
        return services;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(descriptor => descriptor.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
