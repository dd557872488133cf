using System.Globalization;
using Calliyo.Benchmarks.Load;
using Calliyo.Benchmarks.Machine;

namespace Calliyo.Benchmarks.Scenarios;

/// <summary>
/// The figures of one HTTP target (the server or a baseline) in one scenario.
/// <see cref="Activity"/> and <see cref="StoredLeads"/> cover the whole run, warm-up included,
/// and are null for the ceiling, which stores nothing.
/// </summary>
internal sealed record HttpTargetResult(
    string Label, LoadResult Load, CpuUse Cpu, long? PeakWorkingSetBytes, int[] HandledStatuses, Data.DatabaseActivity? Activity = null, long? StoredLeads = null)
{
    /// <summary>Measured responses per second whose status counts as handled (201, 409 too in a duplicate storm, 200 for a batch).</summary>
    public double HandledPerSecond => Load.RatePerSecond(HandledStatuses);

    public string Row() => string.Create(CultureInfo.InvariantCulture, $"{Label,-22} {HandledPerSecond,9:N0} {Figures()}");

    public static string Header() => $"{"target",-22} {"handled/s",9} {FiguresHeader}";

    /// <summary>Returns the row of a batch scenario: leads/s (handled requests/s × <paramref name="leadsPerRequest"/>), requests/s, then the per-request figures.</summary>
    public string BatchRow(int leadsPerRequest) => string.Create(CultureInfo.InvariantCulture,
        $"{Label,-22} {HandledPerSecond * leadsPerRequest,10:N0} {HandledPerSecond,10:N1} {Figures()}");

    public static string BatchHeader() => $"{"target",-22} {"leads/s",10} {"requests/s",10} {FiguresHeader}";

    private static string FiguresHeader =>
        $"{"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"peak RSS",9} {"cores t/load/pg/other",-20} {"leads/xact",10} {"leads/sync",10}  responses (whole run)";

    private string Figures() => string.Create(CultureInfo.InvariantCulture,
        $"{Load.Percentile(50),8:0.0} {Load.Percentile(95),8:0.0} {Load.Percentile(99),8:0.0} {Load.MaxLatency,8:0.0} {Megabytes(PeakWorkingSetBytes),9} {Cpu.Describe(),-20} {PerUnit(Activity?.Transactions),10} {PerUnit(Activity?.WalSyncs),10}  {Load.DescribeStatuses()}");

    /// <summary>Returns stored leads per transaction or per WAL flush, the measure of group commit.</summary>
    private string PerUnit(long? units) =>
        StoredLeads is { } stored && units is > 0 ? string.Create(CultureInfo.InvariantCulture, $"{(double)stored / units.Value:0.00}") : "-";

    private static string Megabytes(long? bytes) =>
        bytes is { } value ? string.Create(CultureInfo.InvariantCulture, $"{value / 1024.0 / 1024.0:0} MiB") : "-";
}

/// <summary>One correctness check of a scenario, printed as ok or FAILED.</summary>
internal sealed record Check(string Description, bool Passed)
{
    public override string ToString() => $"  check: {Description}: {(Passed ? "ok" : "FAILED")}";
}
