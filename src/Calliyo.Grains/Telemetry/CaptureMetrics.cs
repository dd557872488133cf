using System.Diagnostics;
using System.Diagnostics.Metrics;
using Calliyo.Grains.Contracts;

namespace Calliyo.Grains.Telemetry;

/// <summary>
/// Leads received by every capture path and how long a capture took. One instance per silo, safe to
/// call from any thread.
/// </summary>
public sealed class CaptureMetrics
{
    /// <summary>Counter of leads by <c>calliyo.lead.source</c> and <c>calliyo.capture.outcome</c>; unit <c>{lead}</c>.</summary>
    public const string LeadsCaptured = "calliyo.leads.captured";

    /// <summary>Histogram of capture time, from the capture call to its outcome (a created lead is committed by then); unit seconds.</summary>
    public const string CaptureDuration = "calliyo.capture.duration";

    /// <summary>Bucket bounds for capture time, in seconds: a capture usually takes milliseconds, a slow flush up to seconds.</summary>
    private static readonly double[] DurationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> _captured;
    private readonly Histogram<double> _duration;

    public CaptureMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(CalliyoTelemetry.Name);
        _captured = meter.CreateCounter<long>(LeadsCaptured, "{lead}", "Leads received, by source and outcome (created, duplicate, invalid, spam).");
        _duration = meter.CreateHistogram<double>(CaptureDuration, "s", "Time from a capture call to its outcome, by source and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    /// <summary>
    /// Records one capture, and tags <paramref name="activity"/> with its source and outcome.
    /// <paramref name="elapsed"/> is the time of the call that captured it; every item of a batch
    /// is recorded with the batch's time.
    /// </summary>
    public void RecordCapture(LeadSource source, CaptureOutcome outcome, TimeSpan elapsed, Activity? activity = null) =>
        Record(SourceValue(source), OutcomeValue(outcome), elapsed, activity);

    /// <summary>Records a submission dropped as spam (a filled honeypot field), which gets the same 2xx response as a success.</summary>
    public void RecordSpam(LeadSource source, TimeSpan elapsed, Activity? activity = null) =>
        Record(SourceValue(source), OutcomeValues.Spam, elapsed, activity);

    /// <summary>Counts <paramref name="count"/> leads without a duration, for paths such as imports that time whole jobs instead.</summary>
    internal void AddCaptured(LeadSource source, string outcome, int count) =>
        _captured.Add(count, new KeyValuePair<string, object?>(CalliyoTelemetry.Attributes.LeadSource, SourceValue(source)),
            new KeyValuePair<string, object?>(CalliyoTelemetry.Attributes.CaptureOutcome, outcome));

    private void Record(string source, string outcome, TimeSpan elapsed, Activity? activity)
    {
        var sourceTag = new KeyValuePair<string, object?>(CalliyoTelemetry.Attributes.LeadSource, source);
        var outcomeTag = new KeyValuePair<string, object?>(CalliyoTelemetry.Attributes.CaptureOutcome, outcome);
        _captured.Add(1, sourceTag, outcomeTag);
        _duration.Record(elapsed.TotalSeconds, sourceTag, outcomeTag);

        activity?.SetTag(CalliyoTelemetry.Attributes.LeadSource, source);
        activity?.SetTag(CalliyoTelemetry.Attributes.CaptureOutcome, outcome);
    }

    /// <summary>Returns the attribute value of a source, the lower-case name the API and the leads table use.</summary>
    internal static string SourceValue(LeadSource source) => source switch
    {
        LeadSource.Manual => "manual",
        LeadSource.Csv => "csv",
        LeadSource.Webhook => "webhook",
        LeadSource.Api => "api",
        _ => "other",
    };

    private static string OutcomeValue(CaptureOutcome outcome) => outcome switch
    {
        CaptureOutcome.Created => OutcomeValues.Created,
        CaptureOutcome.Duplicate => OutcomeValues.Duplicate,
        _ => OutcomeValues.Invalid,
    };

    /// <summary>The values of <c>calliyo.capture.outcome</c>.</summary>
    internal static class OutcomeValues
    {
        public const string Created = "created";
        public const string Duplicate = "duplicate";
        public const string Invalid = "invalid";
        public const string Spam = "spam";
    }
}
