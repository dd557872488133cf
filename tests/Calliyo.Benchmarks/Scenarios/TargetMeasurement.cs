using Calliyo.Benchmarks.Data;
using Calliyo.Benchmarks.Hosting;
using Calliyo.Benchmarks.Load;
using Calliyo.Benchmarks.Machine;

namespace Calliyo.Benchmarks.Scenarios;

/// <summary>
/// Measures one HTTP target while a load runs against it: a checkpoint first, CPU over the
/// measured part only (the warm-up pays for JIT and connection set-up), the target's peak
/// memory, and its database's activity over the whole run.
/// </summary>
internal sealed class TargetMeasurement(BenchPostgres postgres, int? postmasterPid, TimeSpan warmup)
{
    /// <summary>How long to wait after a run before reading PostgreSQL's counters, which idle backends publish up to a second late.</summary>
    private static readonly TimeSpan StatisticsDelay = TimeSpan.FromSeconds(2);

    /// <summary>Starts the load with <paramref name="startLoad"/> and returns the target's figures once it ends.</summary>
    public async Task<HttpTargetResult> MeasureAsync(
        string label, ChildProcess target, string? database, int[] handled, Func<Task<LoadResult>> startLoad, CancellationToken cancellationToken)
    {
        await postgres.CheckpointAsync(cancellationToken);
        Console.WriteLine($"   measuring {label} (pid {target.Id}, log {target.LogPath})");
        var activityBefore = database is null ? null : await postgres.ReadActivityAsync(database, cancellationToken);

        var load = startLoad();
        await Task.Delay(warmup, cancellationToken);
        var window = new CpuWindow(target.Id, postmasterPid);
        var result = await load;
        var cpu = window.Stop();
        var peak = target.PeakWorkingSetBytes();

        DatabaseActivity? activity = null;
        if (database is not null)
        {
            await Task.Delay(StatisticsDelay, cancellationToken);
            activity = (await postgres.ReadActivityAsync(database, cancellationToken)).Since(activityBefore!);
        }

        return new HttpTargetResult(label, result, cpu, peak, handled, activity);
    }
}
