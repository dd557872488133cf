using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Calliyo.Benchmarks.Hosting;

/// <summary>
/// A process that the benchmark started (the server or a baseline host), with its output
/// copied to a log file and its memory read from /proc. Disposing kills it.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Children not yet disposed, killed when the benchmark exits so that none outlives it.</summary>
    private static readonly ConcurrentDictionary<int, Process> Running = new();

    /// <summary>
    /// Kills the children on SIGTERM. The .NET 10 runtime ends the process on SIGTERM without
    /// raising ProcessExit or unwinding awaits, so disposal alone would leave them running.
    /// </summary>
    private static readonly PosixSignalRegistration TerminateRegistration =
        PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => KillAll());

    static ChildProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
    }

    private readonly Process _process;
    private readonly StreamWriter _log;
    private bool _logClosed;

    private ChildProcess(string name, Process process, StreamWriter log, string logPath)
    {
        Name = name;
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string Name { get; }

    public string LogPath { get; }

    public int Id => _process.Id;

    /// <summary>
    /// Starts <c>dotnet <paramref name="arguments"/></c> with <paramref name="environment"/> added to
    /// ours, in <paramref name="workingDirectory"/> (null: ours).
    /// </summary>
    public static ChildProcess StartDotnet(
        string name, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath, string? workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Starting {name} failed: dotnet did not start.");
        var child = new ChildProcess(name, process, log, logPath);
        Running[process.Id] = process;

        // Both pipes are drained at all times: a child whose pipe fills up blocks on its next write.
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits until <paramref name="readyUrl"/> returns 200, and throws with the log path if the process exits or the time runs out.</summary>
    public async Task WaitUntilReadyAsync(Uri readyUrl, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.GetTimestamp() + (long)(StartTimeout.TotalSeconds * Stopwatch.Frequency);

        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was ready; see {LogPath}.");
            }

            try
            {
                using var response = await client.GetAsync(readyUrl, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Listening, but still starting.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"{Name} was not ready within {StartTimeout.TotalSeconds:0} s; see {LogPath}.");
    }

    /// <summary>Returns the peak resident set size since start (VmHWM in /proc/PID/status), in bytes, or null when unreadable.</summary>
    public long? PeakWorkingSetBytes() => ReadStatusKibibytes("VmHWM:") * 1024;

    /// <summary>Ends the process with SIGKILL, which is safe because the benchmark has read what it needs from the database by then.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        Running.TryRemove(_process.Id, out _);
        _process.Dispose();
        lock (_log)
        {
            _logClosed = true;
            _log.Dispose();
        }
    }

    private static void KillAll()
    {
        foreach (var process in Running.Values)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It has exited already.
            }
        }
    }

    private long? ReadStatusKibibytes(string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null
                ? null
                : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }
        }
    }
}

/// <summary>Loopback ports that nothing listens on at the time of the call.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
