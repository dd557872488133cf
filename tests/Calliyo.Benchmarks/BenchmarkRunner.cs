using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using Calliyo.Benchmarks.Data;
using Calliyo.Benchmarks.Machine;
using Calliyo.Benchmarks.Scenarios;

namespace Calliyo.Benchmarks;

/// <summary>Prints the machine, runs the chosen scenarios in order and turns their checks into the exit code.</summary>
internal static class BenchmarkRunner
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        var cancellationToken = cancellation.Token;

        var needsPostgres = options.Scenarios.Any(scenario => scenario != "client-check");
        if (needsPostgres && string.IsNullOrWhiteSpace(options.PostgresConnectionString))
        {
            Console.Error.WriteLine($"{BenchOptions.PostgresVariable} is not set; run scripts/bench.sh, which starts a PostgreSQL server and sets it.");
            return 2;
        }

        var workDirectory = Directory.CreateTempSubdirectory("calliyo-bench-").FullName;
        var postgres = needsPostgres ? new BenchPostgres(options.PostgresConnectionString!) : null;
        var postmasterPid = postgres is null ? null : await postgres.PostmasterPidAsync(cancellationToken);
        await PrintMachineAsync(options, postgres, workDirectory, cancellationToken);

        var checks = new List<Check>();
        var http = new Dictionary<string, HttpScenarioResult>();
        foreach (var scenario in options.Scenarios)
        {
            try
            {
                switch (scenario)
                {
                    case "api-burst" or "dup-storm" or "webhook-burst":
                        var result = await new HttpScenario(options, postgres!, postmasterPid, workDirectory).RunAsync(scenario, cancellationToken);
                        http[scenario] = result;
                        checks.AddRange(result.Checks);
                        break;
                    case BatchScenario.Name:
                        checks.AddRange(await new BatchScenario(options, postgres!, postmasterPid, workDirectory).RunAsync(cancellationToken));
                        break;
                    case "writer":
                        checks.AddRange(await new WriterScenario(options, postgres!, workDirectory).RunAsync(cancellationToken));
                        break;
                    case "import":
                        var serverDll = new HttpScenario(options, postgres!, postmasterPid, workDirectory).ServerDllPath;
                        checks.AddRange(await new ImportScenario(options, postgres!, workDirectory, serverDll).RunAsync(cancellationToken));
                        break;
                    case "client-check":
                        checks.AddRange(await new ClientCheckScenario(options, workDirectory).RunAsync(cancellationToken));
                        break;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Console.WriteLine($"  {scenario} failed: {exception.GetType().Name}: {exception.Message}");
                checks.Add(new Check($"{scenario} ran to the end", false));
            }
        }

        if (http.TryGetValue("api-burst", out var burst) && http.TryGetValue("dup-storm", out var storm))
        {
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"== dup-storm/api-burst, server handled/s: {storm.Server.HandledPerSecond / burst.Server.HandledPerSecond:0.00} (target: at least 1)"));
        }

        var failed = checks.Count(check => !check.Passed);
        Console.WriteLine();

        // A server log can reach tens of megabytes per run, so it is kept only when it may explain a failure.
        if (failed == 0 && !options.KeepLogs)
        {
            Directory.Delete(workDirectory, recursive: true);
            Console.WriteLine($"checks: {checks.Count} passed, 0 failed; logs deleted (--keep-logs keeps them)");
            return 0;
        }

        Console.WriteLine($"checks: {checks.Count - failed} passed, {failed} failed; logs in {workDirectory}");
        return failed == 0 ? 0 : 1;
    }

    private static async Task PrintMachineAsync(BenchOptions options, BenchPostgres? postgres, string workDirectory, CancellationToken cancellationToken)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Calliyo benchmarks, {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}{(options.Smoke ? " (smoke)" : "")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"machine: {Environment.ProcessorCount} cores, {MachineInfo.CpuModel()}, {MachineInfo.MemoryGiB():0.0} GiB, load average {MachineInfo.LoadAverage()}"));
        Console.WriteLine($"runtime: {RuntimeInformation.FrameworkDescription}, load generator server GC {GCSettings.IsServerGC}");
        if (postgres is not null)
        {
            Console.WriteLine($"PostgreSQL: {await postgres.DescribeAsync(cancellationToken)}");
        }

        Console.WriteLine($"scenarios: {string.Join(' ', options.Scenarios)}; logs: {workDirectory}");
    }
}
