using System.Globalization;

namespace Calliyo.Benchmarks.Machine;

/// <summary>What a benchmark record needs to know about the machine it ran on, read from /proc.</summary>
internal static class MachineInfo
{
    public static string CpuModel() =>
        ReadLines("/proc/cpuinfo")
            .Where(line => line.StartsWith("model name", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
            .FirstOrDefault() ?? "unknown";

    /// <summary>Returns the total memory in GiB, from MemTotal in /proc/meminfo.</summary>
    public static double MemoryGiB()
    {
        var line = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        if (line is null)
        {
            return 0;
        }

        var kibibytes = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kibibytes / 1024.0 / 1024.0;
    }

    /// <summary>Returns the 1, 5 and 15 minute load averages as /proc/loadavg writes them.</summary>
    public static string LoadAverage()
    {
        var fields = ReadLines("/proc/loadavg").FirstOrDefault()?.Split(' ') ?? [];
        return fields.Length >= 3 ? string.Join(' ', fields[..3]) : "unknown";
    }

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
