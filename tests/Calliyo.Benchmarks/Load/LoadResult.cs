using System.Diagnostics;

namespace Calliyo.Benchmarks.Load;

/// <summary>What one load worker saw: status counts for all requests, latencies of measured ones.</summary>
internal sealed class WorkerResult
{
    /// <summary>The status recorded for a request that got no HTTP response (connection error or timeout).</summary>
    public const int TransportError = 0;

    public Dictionary<int, long> AllStatuses { get; } = [];

    public Dictionary<int, long> MeasuredStatuses { get; } = [];

    /// <summary>Latencies of measured requests, in <see cref="Stopwatch"/> ticks.</summary>
    public List<long> MeasuredLatencies { get; } = new(capacity: 16_384);

    /// <summary>When the last measured request completed, as a <see cref="Stopwatch"/> timestamp, or 0 when none did.</summary>
    public long LastMeasuredCompletion { get; private set; }

    /// <summary>The body of this worker's first HTTP response, whatever its status, when the run keeps it.</summary>
    public byte[]? FirstBody { get; set; }

    public void Record(int status, bool measured, long latencyTicks, long completedAt)
    {
        AllStatuses[status] = AllStatuses.GetValueOrDefault(status) + 1;
        if (!measured)
        {
            return;
        }

        MeasuredStatuses[status] = MeasuredStatuses.GetValueOrDefault(status) + 1;
        MeasuredLatencies.Add(latencyTicks);
        LastMeasuredCompletion = Math.Max(LastMeasuredCompletion, completedAt);
    }
}

/// <summary>
/// The figures of one load run. Throughput counts the requests sent after the warm-up, over
/// the time from the end of the warm-up to the completion of the last of them.
/// </summary>
internal sealed class LoadResult
{
    private readonly double[] _sortedLatencyMs;

    private LoadResult(
        IReadOnlyDictionary<int, long> allStatuses, IReadOnlyDictionary<int, long> measuredStatuses, double[] sortedLatencyMs, double seconds,
        IReadOnlyList<byte[]> firstBodies)
    {
        AllStatuses = allStatuses;
        MeasuredStatuses = measuredStatuses;
        _sortedLatencyMs = sortedLatencyMs;
        MeasuredSeconds = seconds;
        FirstBodies = firstBodies;
    }

    /// <summary>Responses by HTTP status over the whole run, warm-up included. Status 0 is a transport error.</summary>
    public IReadOnlyDictionary<int, long> AllStatuses { get; }

    /// <summary>Responses by HTTP status of the measured requests only.</summary>
    public IReadOnlyDictionary<int, long> MeasuredStatuses { get; }

    public double MeasuredSeconds { get; }

    public long MeasuredRequests => _sortedLatencyMs.Length;

    /// <summary>The first response body of each worker that got a response, for a run that kept them; empty otherwise.</summary>
    public IReadOnlyList<byte[]> FirstBodies { get; }

    public static LoadResult Merge(IReadOnlyList<WorkerResult> workers, long measureFrom)
    {
        var all = new Dictionary<int, long>();
        var measured = new Dictionary<int, long>();
        foreach (var worker in workers)
        {
            Add(all, worker.AllStatuses);
            Add(measured, worker.MeasuredStatuses);
        }

        var latencies = workers
            .SelectMany(worker => worker.MeasuredLatencies)
            .Select(ticks => ticks * 1000.0 / Stopwatch.Frequency)
            .ToArray();
        Array.Sort(latencies);

        var end = workers.Max(worker => worker.LastMeasuredCompletion);
        var seconds = end > measureFrom ? (end - measureFrom) / (double)Stopwatch.Frequency : 0;
        var firstBodies = workers.Where(worker => worker.FirstBody is not null).Select(worker => worker.FirstBody!).ToList();
        return new LoadResult(all, measured, latencies, seconds, firstBodies);
    }

    /// <summary>Returns the responses of the whole run with <paramref name="status"/>.</summary>
    public long Count(int status) => AllStatuses.GetValueOrDefault(status);

    /// <summary>Returns measured responses per second whose status is one of <paramref name="statuses"/>.</summary>
    public double RatePerSecond(params int[] statuses) =>
        MeasuredSeconds > 0 ? statuses.Sum(status => MeasuredStatuses.GetValueOrDefault(status)) / MeasuredSeconds : 0;

    /// <summary>Returns the responses of the whole run whose status is not one of <paramref name="expected"/>, transport errors included.</summary>
    public long Unexpected(params int[] expected) =>
        AllStatuses.Where(pair => !expected.Contains(pair.Key)).Sum(pair => pair.Value);

    /// <summary>Returns the latency in milliseconds below which <paramref name="percent"/> of measured requests completed (nearest rank).</summary>
    public double Percentile(double percent)
    {
        if (_sortedLatencyMs.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100 * _sortedLatencyMs.Length);
        return _sortedLatencyMs[Math.Clamp(rank - 1, 0, _sortedLatencyMs.Length - 1)];
    }

    public double MaxLatency => _sortedLatencyMs.Length == 0 ? double.NaN : _sortedLatencyMs[^1];

    /// <summary>Returns the statuses as "201=1234 409=5", transport errors as "transport=N".</summary>
    public string DescribeStatuses() => string.Join(' ', AllStatuses
        .OrderBy(pair => pair.Key)
        .Select(pair => pair.Key == WorkerResult.TransportError ? $"transport={pair.Value}" : $"{pair.Key}={pair.Value}"));

    private static void Add(Dictionary<int, long> total, Dictionary<int, long> part)
    {
        foreach (var (status, count) in part)
        {
            total[status] = total.GetValueOrDefault(status) + count;
        }
    }
}
