using System.Diagnostics.Metrics;

namespace Calliyo.Grains.Telemetry;

/// <summary>
/// Requests rejected with 429 by one of Calliyo's rate limits. It is an observable counter, so
/// both scopes are reported, at zero, from the start of the process, and a rejection-rate
/// alert reads 0 instead of no data.
/// </summary>
public sealed class RateLimitMetrics
{
    /// <summary>Counter of rejected requests by <c>calliyo.rate_limit.scope</c>; unit <c>{request}</c>.</summary>
    public const string RateLimited = "calliyo.requests.rate_limited";

    private long _apiToken;
    private long _webhookKey;

    public RateLimitMetrics(IMeterFactory meterFactory)
    {
        meterFactory.Create(CalliyoTelemetry.Name).CreateObservableCounter(RateLimited, Observe, "{request}",
            "Requests rejected with 429, by the limit that rejected them (api_token, webhook_key).");
    }

    /// <summary>Counts a request that an API token's per-silo limit rejected.</summary>
    public void RecordApiToken() => Interlocked.Increment(ref _apiToken);

    /// <summary>Counts a submission that a webhook key's per-minute limit rejected.</summary>
    public void RecordWebhookKey() => Interlocked.Increment(ref _webhookKey);

    private IEnumerable<Measurement<long>> Observe() =>
    [
        new(Volatile.Read(ref _apiToken), new KeyValuePair<string, object?>(CalliyoTelemetry.Attributes.RateLimitScope, "api_token")),
        new(Volatile.Read(ref _webhookKey), new KeyValuePair<string, object?>(CalliyoTelemetry.Attributes.RateLimitScope, "webhook_key")),
    ];
}
