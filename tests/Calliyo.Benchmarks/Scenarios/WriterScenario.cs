using System.Diagnostics;
using System.Globalization;
using Calliyo.Benchmarks.Data;
using Calliyo.Storage;
using Calliyo.Storage.Leads;
using Microsoft.Data.Sqlite;

namespace Calliyo.Benchmarks.Scenarios;

/// <summary>One row of the writer sweep: how many callers and which <see cref="LeadWriterOptions"/>.</summary>
internal sealed record WriterConfig(int Callers, int MaxBatchSize, TimeSpan FlushWindow, int MaxConcurrentFlushes);

/// <summary>
/// The <c>writer</c> scenario: <see cref="LeadWriter"/> alone, in this process, inserting N
/// unique leads from many concurrent callers into a fresh database, against the bulk-insert
/// floor for the same rows (<see cref="WriterFloors"/>), on PostgreSQL and on SQLite.
/// </summary>
internal sealed class WriterScenario(BenchOptions options, BenchPostgres postgres, string workDirectory)
{
    private int _runNumber;

    /// <summary>Runs both databases, prints a table for each and returns the checks.</summary>
    public async Task<IReadOnlyList<Check>> RunAsync(CancellationToken cancellationToken)
    {
        var checks = new List<Check>();
        foreach (var provider in new[] { StorageProvider.PostgreSql, StorageProvider.Sqlite })
        {
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"== writer on {provider}: {options.WriterRows:N0} unique leads per run, fresh database per run"));

            // One unreported run first, so that JIT and pool warm-up do not land in the first row.
            await RunWriterAsync(provider, Sweep(provider)[0], Math.Min(options.WriterRows, 2_000), cancellationToken);

            var floor = await RunFloorAsync(provider, cancellationToken);
            Console.WriteLine($"   floor: {WriterFloors.Describe(provider)}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"          {floor.Seconds:0.000} s, {floor.RowsPerSecond:N0} rows/s{(floor.Detail.Length > 0 ? $" ({floor.Detail})" : "")}"));
            checks.Add(new Check($"{provider} floor stored {floor.Stored:N0} of {options.WriterRows:N0} leads", floor.Stored == options.WriterRows));

            Console.WriteLine($"   {"callers",7} {"MaxBatchSize",12} {"FlushWindow",11} {"MaxConcurrentFlushes",20} {"seconds",8} {"rows/s",9} {"x floor",8} {"batches",8} {"mean batch",10}");
            foreach (var config in Sweep(provider))
            {
                var run = await RunWriterAsync(provider, config, options.WriterRows, cancellationToken);
                var flushes = provider == StorageProvider.Sqlite ? "1 (SQLite)" : config.MaxConcurrentFlushes.ToString(CultureInfo.InvariantCulture);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"   {config.Callers,7} {config.MaxBatchSize,12} {config.FlushWindow.TotalMilliseconds,8:0.#} ms {flushes,20} {run.Seconds,8:0.000} {run.RowsPerSecond,9:N0} {run.RowsPerSecond / floor.RowsPerSecond,8:0.00} {run.Batches,8:N0} {run.MeanBatch,10:0.0}"));
                checks.Add(new Check(string.Create(CultureInfo.InvariantCulture,
                    $"{provider} writer ({config.Callers} callers, batch {config.MaxBatchSize}, window {config.FlushWindow.TotalMilliseconds:0.#} ms, flushes {flushes}) inserted {run.Inserted:N0} and stored {run.Stored:N0} of {options.WriterRows:N0}"),
                    run.Inserted == options.WriterRows && run.Stored == options.WriterRows));
            }
        }

        foreach (var check in checks)
        {
            Console.WriteLine(check);
        }

        return checks;
    }

    /// <summary>
    /// The sweep: the defaults first, then one setting changed at a time, and last the API
    /// burst's concurrency (as many callers as HTTP connections) without and with a flush
    /// window. SQLite always writes one batch at a time, so its sweep leaves
    /// MaxConcurrentFlushes out.
    /// </summary>
    private List<WriterConfig> Sweep(StorageProvider provider)
    {
        var defaults = new LeadWriterOptions();
        var baseline = new WriterConfig(options.WriterCallers, defaults.MaxBatchSize, defaults.FlushWindow, defaults.MaxConcurrentFlushes);
        if (options.Smoke)
        {
            return [baseline];
        }

        List<WriterConfig> sweep =
        [
            baseline,
            baseline with { MaxBatchSize = 100 },
            baseline with { FlushWindow = TimeSpan.FromMilliseconds(2) },
            baseline with { FlushWindow = TimeSpan.FromMilliseconds(10) },
        ];

        if (provider == StorageProvider.PostgreSql)
        {
            sweep.Add(baseline with { MaxConcurrentFlushes = 1 });
            sweep.Add(baseline with { MaxConcurrentFlushes = 4 });
        }

        sweep.Add(baseline with { Callers = options.Connections });
        sweep.Add(baseline with { Callers = options.Connections, FlushWindow = TimeSpan.FromMilliseconds(2) });
        return sweep;
    }

    private async Task<WriterRun> RunWriterAsync(StorageProvider provider, WriterConfig config, int rows, CancellationToken cancellationToken)
    {
        var (settings, cleanup) = await NewDatabaseAsync(provider, cancellationToken);
        try
        {
            settings["Storage:Writer:MaxBatchSize"] = config.MaxBatchSize.ToString(CultureInfo.InvariantCulture);
            settings["Storage:Writer:FlushWindow"] = config.FlushWindow.ToString("c", CultureInfo.InvariantCulture);
            settings["Storage:Writer:MaxConcurrentFlushes"] = config.MaxConcurrentFlushes.ToString(CultureInfo.InvariantCulture);

            await using var storage = await StorageSetup.CreateAsync(settings, cancellationToken);
            var leads = WriterFloors.NewLeads(storage.AccountId, rows);
            var writer = storage.Writer;

            long batches = 0;
            writer.BatchWritten += (_, _) => Interlocked.Increment(ref batches);
            await writer.StartAsync(cancellationToken);

            var next = -1;
            long inserted = 0;
            async Task CallAsync()
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < leads.Count)
                {
                    var outcome = await writer.InsertAsync(leads[index], cancellationToken);
                    if (outcome.Inserted)
                    {
                        Interlocked.Increment(ref inserted);
                    }
                }
            }

            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, config.Callers).Select(_ => Task.Run(CallAsync, cancellationToken)));
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await writer.StopAsync(cancellationToken);

            var stored = await storage.CountLeadsAsync(cancellationToken);
            return new WriterRun(rows, seconds, inserted, stored, batches);
        }
        finally
        {
            await cleanup();
        }
    }

    private async Task<FloorRun> RunFloorAsync(StorageProvider provider, CancellationToken cancellationToken)
    {
        var (settings, cleanup) = await NewDatabaseAsync(provider, cancellationToken);
        try
        {
            await using var storage = await StorageSetup.CreateAsync(settings, cancellationToken);
            var leads = WriterFloors.NewLeads(storage.AccountId, options.WriterRows);
            var (seconds, detail) = await WriterFloors.InsertAsync(storage.Database, leads, cancellationToken);
            var stored = await storage.CountLeadsAsync(cancellationToken);
            return new FloorRun(options.WriterRows / seconds, seconds, stored, detail);
        }
        finally
        {
            await cleanup();
        }
    }

    /// <summary>Creates an empty database for one run and returns its storage settings and how to delete it.</summary>
    private async Task<(Dictionary<string, string?> Settings, Func<Task> Cleanup)> NewDatabaseAsync(StorageProvider provider, CancellationToken cancellationToken)
    {
        var number = ++_runNumber;
        if (provider == StorageProvider.PostgreSql)
        {
            var name = $"bench_writer_{number}";
            var connectionString = await postgres.CreateDatabaseAsync(name, cancellationToken);
            await postgres.CheckpointAsync(cancellationToken);
            return (new Dictionary<string, string?> { ["Storage:Provider"] = "PostgreSql", ["ConnectionStrings:Calliyo"] = connectionString },
                () => postgres.DropDatabaseAsync(name, CancellationToken.None));
        }

        var directory = Path.Combine(workDirectory, $"writer-sqlite-{number}");
        return (new Dictionary<string, string?> { ["Storage:Provider"] = "Sqlite", ["Storage:DataDirectory"] = directory },
            () =>
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(directory, recursive: true);
                return Task.CompletedTask;
            });
    }

    private sealed record WriterRun(int Rows, double Seconds, long Inserted, long Stored, long Batches)
    {
        public double RowsPerSecond => Rows / Seconds;

        public double MeanBatch => Batches == 0 ? 0 : (double)Rows / Batches;
    }

    private sealed record FloorRun(double RowsPerSecond, double Seconds, long Stored, string Detail);
}
