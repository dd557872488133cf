using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Calliyo.Grains.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Registers Calliyo's instruments classes, one per feature, all on the one
    /// <see cref="CalliyoTelemetry.Name"/> meter. They are created when the host starts, so that
    /// observable series exist from the start and the lead writer is observed from its first
    /// batch. Collecting them is the host's choice (OpenTelemetry, a MeterListener in tests).
    /// </summary>
    public static IServiceCollection AddCalliyoInstruments(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<CaptureMetrics>();
        services.TryAddSingleton<WebhookMetrics>();
        services.TryAddSingleton<RateLimitMetrics>();
        services.TryAddSingleton<ImportMetrics>();
        services.TryAddSingleton<LeadWriterMetrics>();
        services.TryAddSingleton<ClusterMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, InstrumentsStartup>());
        return services;
    }

    /// <summary>Creates every instruments class at start-up; resolving them is all it does.</summary>
    private sealed class InstrumentsStartup(
        CaptureMetrics capture,
        WebhookMetrics webhooks,
        RateLimitMetrics rateLimits,
        ImportMetrics imports,
        LeadWriterMetrics writer,
        ClusterMetrics cluster) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive((capture, webhooks, rateLimits, imports, writer, cluster));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
