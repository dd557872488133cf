using System.Diagnostics;

namespace Calliyo.Grains.Telemetry;

/// <summary>
/// The names of Calliyo's one meter, one activity source and the attributes they share.
/// Attribute values are always drawn from small fixed sets (sources, outcomes, scopes), never
/// from request data, so no phone number, name, email or token can reach a metric or a span
/// through them.
/// </summary>
public static class CalliyoTelemetry
{
    /// <summary>The name of Calliyo's meter and activity source; add it to an OpenTelemetry provider to collect them.</summary>
    public const string Name = "Calliyo.Capture";

    /// <summary>Calliyo's spans: one per lead capture and per webhook submission.</summary>
    public static readonly ActivitySource ActivitySource = new(Name, typeof(CalliyoTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Attribute names, following OpenTelemetry naming rules under the <c>calliyo.</c> namespace.</summary>
    public static class Attributes
    {
        /// <summary>How a lead entered: <c>manual</c>, <c>csv</c>, <c>webhook</c> or <c>api</c>.</summary>
        public const string LeadSource = "calliyo.lead.source";

        /// <summary>What a capture did: <c>created</c>, <c>duplicate</c>, <c>invalid</c> or <c>spam</c>.</summary>
        public const string CaptureOutcome = "calliyo.capture.outcome";

        /// <summary>The snake_case outcome of a webhook submission, such as <c>created</c> or <c>unauthorized</c>.</summary>
        public const string WebhookOutcome = "calliyo.webhook.outcome";

        /// <summary>Which limit rejected a request: <c>api_token</c> or <c>webhook_key</c>.</summary>
        public const string RateLimitScope = "calliyo.rate_limit.scope";

        /// <summary>What an import did with a row: <c>imported</c>, <c>duplicate</c>, <c>duplicate_in_file</c>, <c>invalid</c> or <c>blank</c>.</summary>
        public const string ImportRowOutcome = "calliyo.import.row.outcome";

        /// <summary>How an import job ended: <c>completed</c>, <c>cancelled</c> or <c>failed</c>.</summary>
        public const string ImportJobStatus = "calliyo.import.job.status";

        /// <summary>A silo's membership status: <c>active</c>, <c>joining</c>, <c>shutting_down</c> and so on.</summary>
        public const string SiloStatus = "calliyo.silo.status";
    }
}
