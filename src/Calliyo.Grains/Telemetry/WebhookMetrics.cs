using System.Diagnostics;
using System.Diagnostics.Metrics;
using Calliyo.Grains.Contracts;

namespace Calliyo.Grains.Telemetry;

/// <summary>
/// Webhook submissions by outcome. A submission that carried a lead also counts in
/// <see cref="CaptureMetrics.LeadsCaptured"/>, and a rate-limited one in
/// <see cref="RateLimitMetrics.RateLimited"/>. The key id is not an attribute: keys are
/// unbounded, and the key's own request log has the per-key detail.
/// </summary>
public sealed class WebhookMetrics(IMeterFactory meterFactory, CaptureMetrics capture, RateLimitMetrics rateLimits)
{
    /// <summary>Counter of submissions by <c>calliyo.webhook.outcome</c>; unit <c>{request}</c>.</summary>
    public const string Requests = "calliyo.webhook.requests";

    /// <summary>The outcome value of a platform re-delivery, which gets the stored response of the first delivery.</summary>
    public const string RepeatedDeliveryOutcome = "repeated_delivery";

    private readonly Counter<long> _requests = meterFactory.Create(CalliyoTelemetry.Name).CreateCounter<long>(
        Requests, "{request}", "Webhook submissions, by outcome (created, duplicate, invalid, unauthorized, rate_limited and so on).");

    /// <summary>Records the outcome of one submission and tags <paramref name="activity"/> with it.</summary>
    public void RecordSubmission(WebhookResult result, TimeSpan elapsed, Activity? activity = null)
    {
        var outcome = result.RepeatedDelivery ? RepeatedDeliveryOutcome : WebhookOutcomes.Name(result.Outcome);
        _requests.Add(1, new KeyValuePair<string, object?>(CalliyoTelemetry.Attributes.WebhookOutcome, outcome));
        activity?.SetTag(CalliyoTelemetry.Attributes.WebhookOutcome, outcome);

        if (result.Outcome == WebhookOutcome.RateLimited)
        {
            rateLimits.RecordWebhookKey();
        }

        RecordCapture(result, elapsed, activity);
    }

    /// <summary>Records the lead of an admin's replay of a rejected submission; it is not a new request from the platform.</summary>
    public void RecordReplay(WebhookResult result, TimeSpan elapsed, Activity? activity = null) => RecordCapture(result, elapsed, activity);

    private void RecordCapture(WebhookResult result, TimeSpan elapsed, Activity? activity)
    {
        // A re-delivery created nothing: the lead it names already existed.
        if (result.RepeatedDelivery && result.Outcome is WebhookOutcome.Created or WebhookOutcome.Duplicate)
        {
            capture.RecordCapture(LeadSource.Webhook, CaptureOutcome.Duplicate, elapsed, activity);
            return;
        }

        switch (result.Outcome)
        {
            case WebhookOutcome.Created:
                capture.RecordCapture(LeadSource.Webhook, CaptureOutcome.Created, elapsed, activity);
                break;
            case WebhookOutcome.Duplicate:
                capture.RecordCapture(LeadSource.Webhook, CaptureOutcome.Duplicate, elapsed, activity);
                break;
            case WebhookOutcome.Invalid:
                capture.RecordCapture(LeadSource.Webhook, CaptureOutcome.Invalid, elapsed, activity);
                break;
            case WebhookOutcome.Spam:
                capture.RecordSpam(LeadSource.Webhook, elapsed, activity);
                break;
        }
    }
}
