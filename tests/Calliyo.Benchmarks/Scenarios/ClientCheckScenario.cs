using System.Diagnostics;
using System.Globalization;
using Calliyo.Benchmarks.Baselines;
using Calliyo.Benchmarks.Hosting;
using Calliyo.Benchmarks.Load;
using Calliyo.Benchmarks.Machine;

namespace Calliyo.Benchmarks.Scenarios;

/// <summary>
/// The <c>client-check</c> scenario: drives the do-nothing ceiling with this program's
/// HttpClient load generator and then with wrk (Debian package <c>wrk</c>), with the same
/// connections and a body of the same shape. If wrk gets much more out of the same endpoint,
/// the .NET generator, not the target, limits the ceiling figure.
/// </summary>
internal sealed class ClientCheckScenario(BenchOptions options, string workDirectory)
{
    /// <summary>Builds one lead body per request with a new number, like <see cref="LeadBodies.AllUnique"/>.</summary>
    private const string WrkScript = """
        local counter = 0
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
        request = function()
          counter = counter + 1
          local body = string.format(
            '{"firstName":"Lead%d","lastName":"Bench","phone":"+91 98%03d %05d","email":"lead%d@example.com","tags":["bench","burst"]}',
            counter, math.floor(counter / 100000) % 1000, counter % 100000, counter)
          return wrk.format(nil, "/v1/leads", nil, body)
        end
        """;

    public async Task<IReadOnlyList<Check>> RunAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"== client-check: the ceiling endpoint, {options.Connections} connections, {options.Duration.TotalSeconds:0.#} s each, .NET HttpClient then wrk"));

        var port = FreePort.Next();
        await using var host = ChildProcess.StartDotnet(
            "ceiling baseline", BaselineHost.Arguments(BaselineHost.Ceiling, port), new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" },
            Path.Combine(workDirectory, "client-check-ceiling.log"), workingDirectory: null);
        await host.WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{port}/ready"), cancellationToken);

        var url = new Uri($"http://127.0.0.1:{port}/v1/leads");
        var settings = new LoadSettings(options.Connections, options.Warmup, options.Duration);
        var load = LoadGenerator.RunAsync(url, null, LeadBodies.AllUnique().Next, settings, cancellationToken);
        await Task.Delay(options.Warmup, cancellationToken);
        var window = new CpuWindow(host.Id, postgresPid: null);
        var dotnet = await load;
        var dotnetCpu = window.Stop();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   .NET HttpClient: {dotnet.RatePerSecond(201),9:N0} requests/s, p50 {dotnet.Percentile(50):0.00} ms, p99 {dotnet.Percentile(99):0.00} ms; cores target/load/pg/other {dotnetCpu.Describe()}"));

        var wrk = await RunWrkAsync(url, host.Id, cancellationToken);
        if (wrk is { } measured)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   wrk:             {measured.RequestsPerSecond,9:N0} requests/s; cores target/load/pg/other {measured.Cpu.Describe()}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   .NET/wrk {dotnet.RatePerSecond(201) / measured.RequestsPerSecond:0.00}"));
        }

        return [new Check($"ceiling returned 201 to every .NET request ({dotnet.DescribeStatuses()})", dotnet.Unexpected(201) == 0)];
    }

    /// <summary>Runs wrk against <paramref name="url"/>, or prints a note and returns null when wrk is not installed.</summary>
    private async Task<(double RequestsPerSecond, CpuUse Cpu)?> RunWrkAsync(Uri url, int targetPid, CancellationToken cancellationToken)
    {
        var wrkPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(directory => Path.Combine(directory, "wrk"))
            .FirstOrDefault(File.Exists);
        if (wrkPath is null)
        {
            Console.WriteLine("   wrk: not installed, skipped (apt-get install -y wrk)");
            return null;
        }

        var script = Path.Combine(workDirectory, "post-lead.lua");
        await File.WriteAllTextAsync(script, WrkScript, cancellationToken);

        var start = new ProcessStartInfo(wrkPath) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "-t2", $"-c{options.Connections}", string.Create(CultureInfo.InvariantCulture, $"-d{Math.Max(1, options.Duration.TotalSeconds):0}s"),
            "--latency", "-s", script, url.ToString(),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var window = new CpuWindow(targetPid, postgresPid: null);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);

        // wrk's own CPU is read while it runs, because its /proc entry is gone once it exits.
        var wrkCpu = TimeSpan.Zero;
        while (!process.HasExited)
        {
            var reading = CpuMeter.Process(process.Id);
            wrkCpu = reading > wrkCpu ? reading : wrkCpu;
            await Task.Delay(100, cancellationToken);
        }

        var cpu = window.Stop() with { LoadGenerator = wrkCpu.TotalSeconds };
        var text = await output;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Console.WriteLine($"     | {line}");
        }

        var rateLine = text.Split('\n').FirstOrDefault(line => line.StartsWith("Requests/sec:", StringComparison.Ordinal));
        var rate = rateLine is null ? 0 : double.Parse(rateLine["Requests/sec:".Length..].Trim(), CultureInfo.InvariantCulture);
        return (rate, cpu);
    }
}
