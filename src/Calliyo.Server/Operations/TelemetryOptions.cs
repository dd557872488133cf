namespace Calliyo.Server.Operations;

/// <summary>
/// What Calliyo collects and where it goes. Bound from the <c>Telemetry</c> section. The OTLP
/// exporter is configured by the standard OpenTelemetry variables instead
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>,
/// <c>OTEL_EXPORTER_OTLP_HEADERS</c>): with an endpoint set, traces, metrics and logs are
/// exported to it.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>
    /// The <c>service.name</c> of every span, metric and log record. Default
    /// <c>calliyo-capture</c>. Environment: <c>Telemetry__ServiceName</c>.
    /// </summary>
    public string ServiceName { get; set; } = "calliyo-capture";

    /// <summary>
    /// Whether spans are recorded. Default: on when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set,
    /// because without an exporter spans cost CPU on every request and go nowhere.
    /// Environment: <c>Telemetry__Tracing</c>.
    /// </summary>
    public bool? Tracing { get; set; }

    /// <summary>
    /// Fraction of traces recorded, from 0 to 1, decided where a trace starts; a call that
    /// arrives with a sampled parent is always recorded. Default 1. Environment:
    /// <c>Telemetry__TraceSampleRatio</c>.
    /// </summary>
    public double TraceSampleRatio { get; set; } = 1.0;

    /// <summary>
    /// Whether <c>GET /metrics</c> serves the Prometheus text format. It needs no token and
    /// carries no personal data; keep it off the public listener with the load balancer.
    /// Default true. Environment: <c>Telemetry__PrometheusEndpoint</c>.
    /// </summary>
    public bool PrometheusEndpoint { get; set; } = true;

    /// <summary>Returns the error in these settings, naming the setting, or null when they are valid.</summary>
    public string? Validate() => TraceSampleRatio is < 0 or > 1 or double.NaN
        ? $"Telemetry:TraceSampleRatio is {TraceSampleRatio}; set it between 0 and 1 (environment Telemetry__TraceSampleRatio)."
        : string.IsNullOrWhiteSpace(ServiceName)
            ? "Telemetry:ServiceName is empty; set a name such as calliyo-capture (environment Telemetry__ServiceName)."
            : null;
}
