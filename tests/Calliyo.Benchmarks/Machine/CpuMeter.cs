using System.Globalization;

namespace Calliyo.Benchmarks.Machine;

/// <summary>
/// CPU time read from /proc, to show where the cores went during a measurement: the target
/// process, this load generator, the PostgreSQL server and everything else on the machine
/// (other builds share these cores).
/// </summary>
internal static class CpuMeter
{
    /// <summary>Kernel clock ticks per second (USER_HZ), 100 on Linux for x86-64 and arm64.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>Returns the user plus system CPU time of one process, or zero when it is gone.</summary>
    public static TimeSpan Process(int pid)
    {
        var fields = StatFields(pid);
        return fields is null ? TimeSpan.Zero : Ticks(fields, 11) + Ticks(fields, 12);
    }

    /// <summary>Returns the CPU time of a process and its direct children, such as a postmaster and its backends.</summary>
    public static TimeSpan ProcessAndChildren(int parentPid)
    {
        var total = Process(parentPid);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            var fields = StatFields(pid);
            if (fields is not null && fields[1] == parentPid.ToString(CultureInfo.InvariantCulture))
            {
                total += Ticks(fields, 11) + Ticks(fields, 12);
            }
        }

        return total;
    }

    /// <summary>Returns the busy (non-idle, non-iowait) CPU time of the whole machine, summed over cores.</summary>
    public static TimeSpan MachineBusy()
    {
        var line = File.ReadLines("/proc/stat").First();
        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture))
            .ToArray();

        // Columns: user nice system idle iowait irq softirq steal guest guest_nice. Guest time
        // is already inside user, so only the first eight count.
        var busy = values[0] + values[1] + values[2] + values[5] + values[6] + values[7];
        return TimeSpan.FromSeconds(busy / TicksPerSecond);
    }

    /// <summary>
    /// Returns the fields of /proc/PID/stat after the command name, which may itself contain
    /// spaces: [0] is the state, [1] the parent pid, [11] utime and [12] stime.
    /// </summary>
    private static string[]? StatFields(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        var afterName = text.LastIndexOf(')');
        return afterName < 0 ? null : text[(afterName + 2)..].Split(' ');
    }

    private static TimeSpan Ticks(string[] fields, int index) =>
        TimeSpan.FromSeconds(long.Parse(fields[index], CultureInfo.InvariantCulture) / TicksPerSecond);
}

/// <summary>CPU seconds used during one measurement, split by who used them.</summary>
internal sealed record CpuUse(double Target, double LoadGenerator, double Postgres, double MachineBusy, double Seconds)
{
    /// <summary>CPU seconds of processes that are neither the target, the load generator nor PostgreSQL.</summary>
    public double Other => Math.Max(0, MachineBusy - Target - LoadGenerator - Postgres);

    /// <summary>Returns a compact "target/load/pg/other" line in cores (CPU seconds per wall second).</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Target / Seconds:0.00}/{LoadGenerator / Seconds:0.00}/{Postgres / Seconds:0.00}/{Other / Seconds:0.00}");
}

/// <summary>A CPU reading at the start of a measurement, from which <see cref="Stop"/> returns the use since then.</summary>
internal sealed class CpuWindow
{
    private readonly int _targetPid;
    private readonly int? _postgresPid;
    private readonly TimeSpan _target;
    private readonly TimeSpan _self;
    private readonly TimeSpan _postgres;
    private readonly TimeSpan _machine;
    private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();

    public CpuWindow(int targetPid, int? postgresPid)
    {
        _targetPid = targetPid;
        _postgresPid = postgresPid;
        _target = CpuMeter.Process(targetPid);
        _self = CpuMeter.Process(Environment.ProcessId);
        _postgres = postgresPid is { } pg ? CpuMeter.ProcessAndChildren(pg) : TimeSpan.Zero;
        _machine = CpuMeter.MachineBusy();
    }

    public CpuUse Stop()
    {
        var target = CpuMeter.Process(_targetPid) - _target;
        var self = CpuMeter.Process(Environment.ProcessId) - _self;
        var postgres = _postgresPid is { } pg ? CpuMeter.ProcessAndChildren(pg) - _postgres : TimeSpan.Zero;
        var machine = CpuMeter.MachineBusy() - _machine;
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(_started).TotalSeconds;
        return new CpuUse(target.TotalSeconds, self.TotalSeconds, Math.Max(0, postgres.TotalSeconds), machine.TotalSeconds, seconds);
    }
}
