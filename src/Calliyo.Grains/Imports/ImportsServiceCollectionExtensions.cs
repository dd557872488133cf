using Calliyo.Storage.Imports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Hosting;

namespace Calliyo.Grains.Imports;

public static class ImportsServiceCollectionExtensions
{
    /// <summary>
    /// Registers what import jobs need in a silo: their stores and the <see cref="ImportJobOptions"/>
    /// bound from the <c>Imports</c> section, validated at start-up. Needs <c>AddCalliyoStorage</c>
    /// and a silo built with <c>AddCalliyoGrains</c>.
    /// </summary>
    public static IServiceCollection AddCalliyoImports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ImportJobOptions>()
            .Bind(configuration.GetSection(ImportJobOptions.SectionName))
            .Validate(options => options.MaxRowsInFlight is >= 1 and <= 10_000,
                "Imports:MaxRowsInFlight must be between 1 and 10000 (environment Imports__MaxRowsInFlight).")
            .Validate(options => options.CheckpointInterval >= TimeSpan.FromMilliseconds(10) && options.CheckpointInterval <= TimeSpan.FromMinutes(1),
                "Imports:CheckpointInterval must be between 00:00:00.010 and 00:01:00 (environment Imports__CheckpointInterval).")
            .Validate(options => options.ResumeReminderPeriod >= TimeSpan.FromSeconds(1) && options.ResumeReminderPeriod <= TimeSpan.FromHours(1),
                "Imports:ResumeReminderPeriod must be between 00:00:01 and 01:00:00 (environment Imports__ResumeReminderPeriod).")
            .Validate(options => options.MaxFailedRuns is >= 1 and <= 100,
                "Imports:MaxFailedRuns must be between 1 and 100 (environment Imports__MaxFailedRuns).")
            .ValidateOnStart();

        // Orleans rejects reminder periods below its minimum, so a shorter resume period
        // (useful in tests) lowers the minimum to match.
        services.AddOptions<ReminderOptions>().Configure<IOptions<ImportJobOptions>>((reminders, imports) =>
        {
            if (imports.Value.ResumeReminderPeriod < reminders.MinimumReminderPeriod)
            {
                reminders.MinimumReminderPeriod = imports.Value.ResumeReminderPeriod;
            }
        });

        services.AddSingleton<ImportJobStore>();
        services.AddSingleton<ImportLeadLookup>();
        return services;
    }
}
