using System.Diagnostics.Metrics;
using Calliyo.Domain.Imports;
using Calliyo.Grains.Contracts;

namespace Calliyo.Grains.Telemetry;

/// <summary>
/// CSV import telemetry, recorded by the import job: rows by outcome, runs in progress on this
/// silo and the duration of finished jobs.
/// </summary>
/// <remarks>
/// The import job calls <see cref="RecordRows"/> once for every row it counts in its summary,
/// wraps each run on this silo (a new job or one resumed after a crash) in
/// <see cref="TrackRun"/>, and calls <see cref="RecordJobEnded"/> once when the job reaches a
/// final status. Rows and running jobs are observable instruments, so their series exist, at
/// zero, from the start of the process and dashboards and alerts see 0 instead of no data.
/// A row counted by a silo that then crashes may be counted again by the silo that resumes the
/// job from its last checkpoint. Row rates are therefore approximate across a crash, while the
/// job's own summary stays exact.
/// </remarks>
public sealed class ImportMetrics
{
    /// <summary>Counter of rows by <c>calliyo.import.row.outcome</c>; unit <c>{row}</c>.</summary>
    public const string Rows = "calliyo.import.rows";

    /// <summary>Import runs in progress on this silo; unit <c>{job}</c>.</summary>
    public const string RunningJobs = "calliyo.import.jobs.running";

    /// <summary>Histogram of job duration, from start to a final status, by <c>calliyo.import.job.status</c>; unit seconds.</summary>
    public const string JobDuration = "calliyo.import.job.duration";

    /// <summary>Bucket bounds for job duration, in seconds: a 10 MB file is expected to take tens of seconds.</summary>
    private static readonly double[] DurationBuckets = [1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

    private static readonly ImportRowOutcome[] RowOutcomes = Enum.GetValues<ImportRowOutcome>();

    private readonly CaptureMetrics _capture;
    private readonly long[] _rows = new long[RowOutcomes.Length];
    private readonly Histogram<double> _duration;
    private int _running;

    public ImportMetrics(IMeterFactory meterFactory, CaptureMetrics capture)
    {
        _capture = capture;
        var meter = meterFactory.Create(CalliyoTelemetry.Name);
        meter.CreateObservableCounter(Rows, ObserveRows, "{row}", "CSV rows processed by imports, by outcome (imported, duplicate, duplicate_in_file, invalid, blank).");
        meter.CreateObservableUpDownCounter(RunningJobs, () => Volatile.Read(ref _running), "{job}", "Import runs in progress on this silo.");
        _duration = meter.CreateHistogram<double>(JobDuration, "s", "Duration of finished import jobs, from start to a final status, by status.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    /// <summary>
    /// Counts <paramref name="count"/> rows with <paramref name="outcome"/>. Rows that import,
    /// duplicate or fail also count in <c>calliyo.leads.captured</c> with source <c>csv</c>
    /// (as created, duplicate or invalid); blank rows do not.
    /// </summary>
    public void RecordRows(ImportRowOutcome outcome, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Interlocked.Add(ref _rows[(int)outcome], count);

        var captured = outcome switch
        {
            ImportRowOutcome.Import => CaptureMetrics.OutcomeValues.Created,
            ImportRowOutcome.DuplicateInFile or ImportRowOutcome.DuplicateOfExistingLead => CaptureMetrics.OutcomeValues.Duplicate,
            ImportRowOutcome.Error => CaptureMetrics.OutcomeValues.Invalid,
            _ => null,
        };

        if (captured is not null && count > 0)
        {
            _capture.AddCaptured(LeadSource.Csv, captured, count);
        }
    }

    /// <summary>
    /// Counts a run as in progress until the returned scope is disposed. Dispose it when the run
    /// stops for any reason: finished, cancelled, failed, or stopped by a deactivation.
    /// </summary>
    public IDisposable TrackRun()
    {
        Interlocked.Increment(ref _running);
        return new RunScope(this);
    }

    /// <summary>Records a job that reached a final status, <paramref name="duration"/> after it started.</summary>
    public void RecordJobEnded(ImportJobEnd end, TimeSpan duration) =>
        _duration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>(CalliyoTelemetry.Attributes.ImportJobStatus, end switch
        {
            ImportJobEnd.Completed => "completed",
            ImportJobEnd.Cancelled => "cancelled",
            _ => "failed",
        }));

    private IEnumerable<Measurement<long>> ObserveRows()
    {
        foreach (var outcome in RowOutcomes)
        {
            yield return new Measurement<long>(Volatile.Read(ref _rows[(int)outcome]),
                new KeyValuePair<string, object?>(CalliyoTelemetry.Attributes.ImportRowOutcome, RowOutcomeValue(outcome)));
        }
    }

    private static string RowOutcomeValue(ImportRowOutcome outcome) => outcome switch
    {
        ImportRowOutcome.Import => "imported",
        ImportRowOutcome.DuplicateOfExistingLead => "duplicate",
        ImportRowOutcome.DuplicateInFile => "duplicate_in_file",
        ImportRowOutcome.Error => "invalid",
        _ => "blank",
    };

    private sealed class RunScope(ImportMetrics metrics) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref metrics._running);
            }
        }
    }
}

/// <summary>The final status of an import job, for <see cref="ImportMetrics.RecordJobEnded"/>.</summary>
public enum ImportJobEnd
{
    Completed,
    Cancelled,
    Failed,
}
