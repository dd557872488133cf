using Calliyo.Grains.Accounts;
using Calliyo.Grains.Leads;
using Calliyo.Grains.Telemetry;
using Calliyo.Grains.Webhooks;
using Calliyo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Calliyo.Grains.Hosting;

public static class CalliyoSiloBuilderExtensions
{
    /// <summary>The name of the grain-state provider that Calliyo grains use.</summary>
    public const string StateStorage = "calliyo";

    /// <summary>
    /// Adds what Calliyo grains need in a silo: grain state and reminders through the Orleans
    /// ADO.NET providers on the same database and pooled data source as the leads, and the
    /// per-silo caches and instruments. Storage must be registered with <c>AddCalliyoStorage</c>.
    /// </summary>
    public static ISiloBuilder AddCalliyoGrains(this ISiloBuilder siloBuilder)
    {
        siloBuilder.AddAdoNetGrainStorage(StateStorage, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
            options.Configure<CalliyoDatabase>((storage, database) =>
            {
                storage.Invariant = database.OrleansInvariant;
                storage.DataSource = database.DataSource;
            }));

        siloBuilder.UseAdoNetReminderService((OptionsBuilder<AdoNetReminderTableOptions> options) =>
            options.Configure<CalliyoDatabase>((reminders, database) =>
            {
                reminders.Invariant = database.OrleansInvariant;
                reminders.DataSource = database.DataSource;
            }));

        siloBuilder.Services.AddSingleton<AccountRulesCache>();
        siloBuilder.Services.AddSingleton<LeadCapture>();
        siloBuilder.Services.AddSingleton<WebhookKeyCache>();
        siloBuilder.Services.AddSingleton<WebhookRateLimiters>();
        siloBuilder.Services.AddSingleton<WebhookIntake>();
        siloBuilder.Services.AddCalliyoInstruments();
        return siloBuilder;
    }
}
