using Calliyo.Grains.Telemetry;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace Calliyo.Server.Operations;

public static class TelemetrySetup
{
    /// <summary>The environment variable that turns on OTLP export, as every OpenTelemetry SDK reads it.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Where the Prometheus exporter serves the scrape.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The meter of Orleans' runtime instruments (activations, messaging, membership, storage).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>
    /// Adds OpenTelemetry: metrics from Calliyo's meter, ASP.NET Core, the .NET runtime, Orleans
    /// and Npgsql (for <c>/metrics</c> and OTLP); traces from ASP.NET Core, Orleans grain calls
    /// (propagated across silos), Npgsql and Calliyo's spans; logs with trace ids, exported over
    /// OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Call after <c>AddCalliyoSilo</c>.
    /// </summary>
    public static WebApplicationBuilder AddCalliyoTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.Validate() is { } error)
        {
            throw new InvalidOperationException(error);
        }

        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]);
        var tracing = options.Tracing ?? otlp;

        // Every log record written inside a request or grain call carries its trace and span id,
        // as scopes in the console (JSON formatter with IncludeScopes) and as fields over OTLP.
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(CalliyoTelemetry.Name)
                    .AddMeter(OrleansMeter)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation();

                if (options.PrometheusEndpoint)
                {
                    metrics.AddPrometheusExporter();
                }
            });

        if (tracing)
        {
            telemetry.WithTracing(traces => traces
                .AddProcessor(new PhoneGrainKeyRedactor())
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TraceSampleRatio)))
                .AddSource(CalliyoTelemetry.Name)
                .AddSource(ActivitySources.RuntimeActivitySourceName, ActivitySources.ApplicationGrainActivitySourceName)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = http => !IsOperationsPath(http.Request.Path))
                .AddNpgsql());
        }

        if (otlp)
        {
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.IncludeScopes = true;
                logging.IncludeFormattedMessage = true;
            });
            telemetry.UseOtlpExporter();
        }

        // Carries the current trace through grain calls, also between silos.
        builder.UseOrleans(siloBuilder => siloBuilder.AddActivityPropagation());
        return builder;
    }

    /// <summary>Health probes, scrapes and dashboard polling: frequent, and not worth a trace each.</summary>
    private static bool IsOperationsPath(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath) || path.StartsWithSegments(OrleansDashboardSetup.Path);
}
