namespace Calliyo.Server.Operations;

public static class OperationsSetup
{
    /// <summary>
    /// Adds what SREs need to run Calliyo: OpenTelemetry (see <see cref="TelemetrySetup"/>), the
    /// Orleans dashboard when enabled, and logs of membership changes and of a graceful stop.
    /// Call after <c>AddCalliyoSilo</c>.
    /// </summary>
    public static WebApplicationBuilder AddCalliyoOperations(this WebApplicationBuilder builder)
    {
        builder.AddCalliyoTelemetry();
        builder.AddCalliyoOrleansDashboard();
        builder.Services.AddHostedService<MembershipLogging>();
        builder.Services.AddHostedService<ShutdownLogging>();
        return builder;
    }

    /// <summary>
    /// Maps the Prometheus scrape at <c>/metrics</c> (unless <c>Telemetry:PrometheusEndpoint</c> is
    /// false), <c>GET /v1/cluster</c> for admins, and the Orleans dashboard when enabled.
    /// </summary>
    public static WebApplication MapCalliyoOperations(this WebApplication app)
    {
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value.PrometheusEndpoint)
        {
            app.MapPrometheusScrapingEndpoint(TelemetrySetup.MetricsPath);
        }

        app.MapClusterApi();
        app.MapCalliyoOrleansDashboard(app.Configuration);
        return app;
    }
}
