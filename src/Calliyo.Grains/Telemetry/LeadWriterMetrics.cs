using System.Diagnostics.Metrics;
using Calliyo.Storage.Leads;

namespace Calliyo.Grains.Telemetry;

/// <summary>
/// The batching lead writer's group commits: how many leads each batch held and how long its
/// insert and commit took, retries included. Fed by <see cref="LeadWriter.BatchWritten"/>,
/// which fires only for batches that were committed.
/// </summary>
public sealed class LeadWriterMetrics : IDisposable
{
    /// <summary>Histogram of leads per committed batch; unit <c>{lead}</c>.</summary>
    public const string BatchSize = "calliyo.writer.batch.size";

    /// <summary>Histogram of the time to insert and commit one batch; unit seconds.</summary>
    public const string FlushDuration = "calliyo.writer.flush.duration";

    /// <summary>Bucket bounds for leads per batch, up to the largest allowed <c>Storage:Writer:MaxBatchSize</c> (10,000).</summary>
    private static readonly long[] SizeBuckets = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    /// <summary>Bucket bounds for flush time, in seconds.</summary>
    private static readonly double[] DurationBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly LeadWriter _writer;
    private readonly Histogram<long> _size;
    private readonly Histogram<double> _duration;

    public LeadWriterMetrics(IMeterFactory meterFactory, LeadWriter writer)
    {
        var meter = meterFactory.Create(CalliyoTelemetry.Name);
        _size = meter.CreateHistogram<long>(BatchSize, "{lead}", "Leads written per batch by the batching lead writer.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = SizeBuckets });
        _duration = meter.CreateHistogram<double>(FlushDuration, "s", "Time to insert and commit one batch of new leads, retries included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

        _writer = writer;
        _writer.BatchWritten += OnBatchWritten;
    }

    public void Dispose() => _writer.BatchWritten -= OnBatchWritten;

    private void OnBatchWritten(int count, TimeSpan elapsed)
    {
        _size.Record(count);
        _duration.Record(elapsed.TotalSeconds);
    }
}
