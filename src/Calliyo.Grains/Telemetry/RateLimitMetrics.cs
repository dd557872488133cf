using System.Diagnostics.Metrics;

namespace Calliyo.Grains.Telemetry;

/// <summary>Requests answered 429 by one of Calliyo's rate limits.</summary>
public sealed class RateLimitMetrics
{
    /// <summary>Counter of rejected requests by <c>calliyo.rate_limit.scope</c>; unit <c>{request}</c>.</summary>
    public const string RateLimited = "calliyo.requests.rate_limited";

    private readonly Counter<long> _rejected;

    public RateLimitMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(CalliyoTelemetry.Name);
        _rejected = meter.CreateCounter<long>(RateLimited, "{request}", "Requests rejected with 429, by the limit that rejected them (api_token, webhook_key).");
    }

    /// <summary>Counts a request that an API token's per-silo limit rejected.</summary>
    public void RecordApiToken() => Record("api_token");

    /// <summary>Counts a submission that a webhook key's per-minute limit rejected.</summary>
    public void RecordWebhookKey() => Record("webhook_key");

    private void Record(string scope) =>
        _rejected.Add(1, new KeyValuePair<string, object?>(CalliyoTelemetry.Attributes.RateLimitScope, scope));
}
