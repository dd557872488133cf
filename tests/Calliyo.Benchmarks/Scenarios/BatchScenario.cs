using System.Globalization;
using System.Text.Json;
using Calliyo.Benchmarks.Baselines;
using Calliyo.Benchmarks.Data;
using Calliyo.Benchmarks.Hosting;
using Calliyo.Benchmarks.Load;
using Calliyo.Benchmarks.Machine;

namespace Calliyo.Benchmarks.Scenarios;

/// <summary>
/// The scenario <c>batch-api</c>. A few connections each keep one <c>POST /v1/leads/batch</c> of
/// new valid leads in flight against the do-nothing ceiling, the one-statement-per-batch baseline
/// and the real server. The targets run one after the other, each with its own fresh database and
/// a checkpoint before it is measured. Throughput is in leads/s and latencies are per request.
/// </summary>
internal sealed class BatchScenario(BenchOptions options, BenchPostgres postgres, int? postmasterPid, string workDirectory)
{
    public const string Name = "batch-api";

    private const string BatchPath = "/v1/leads/batch";

    /// <summary>The batch endpoint returns 200 even when some items are duplicates or invalid.</summary>
    private static readonly int[] Handled = [200];

    private LoadSettings Settings => new(options.BatchConnections, options.Warmup, options.Duration);

    /// <summary>Runs the three targets, prints their figures and returns the checks.</summary>
    public async Task<IReadOnlyList<Check>> RunAsync(CancellationToken cancellationToken)
    {
        var checks = new List<Check>();

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"== {Name}: {options.BatchConnections} connections, {options.BatchSize:N0} new leads per request, {options.Warmup.TotalSeconds:0.#} s warm-up, {options.Duration.TotalSeconds:0.#} s measured per target"));
        if (options.ServerSettings.Count > 0)
        {
            Console.WriteLine($"   server settings: {string.Join(' ', options.ServerSettings.Select(pair => $"{pair.Key}={pair.Value}"))}");
        }

        var ceiling = await RunCeilingAsync(checks, cancellationToken);
        var perBatch = await RunPerBatchInsertAsync(checks, cancellationToken);
        var server = await RunServerAsync(checks, cancellationToken);

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   leads/s = requests/s answered 200 × {options.BatchSize:N0} leads per request; latencies are per request"));
        Console.WriteLine(HttpTargetResult.BatchHeader());
        foreach (var target in new[] { ceiling, perBatch, server })
        {
            Console.WriteLine(target.BatchRow(options.BatchSize));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  ratio in leads/s server/ceiling {Ratio(server, ceiling):0.000}, server/per-batch-insert {Ratio(server, perBatch):0.00}; server peak RSS {server.PeakWorkingSetBytes / 1024.0 / 1024.0:0} MiB (VmHWM)"));
        foreach (var check in checks)
        {
            Console.WriteLine(check);
        }

        return checks;
    }

    private async Task<HttpTargetResult> RunCeilingAsync(List<Check> checks, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        await using var host = ChildProcess.StartDotnet(
            "ceiling baseline", BaselineHost.Arguments(BaselineHost.Ceiling, port), HttpScenario.GcSettings(), LogPath("ceiling"), workingDirectory: null);
        await host.WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{port}/ready"), cancellationToken);

        var result = await MeasureAsync("ceiling (do-nothing)", host, port, token: null, database: null, cancellationToken);
        checks.Add(new Check($"ceiling returned 200 to every request ({result.Load.DescribeStatuses()})", result.Load.Unexpected(Handled) == 0));
        return result;
    }

    private async Task<HttpTargetResult> RunPerBatchInsertAsync(List<Check> checks, CancellationToken cancellationToken)
    {
        var database = "bench_batch_api_per_batch";
        var connectionString = await postgres.CreateDatabaseAsync(database, cancellationToken);
        try
        {
            Guid accountId;
            await using (var storage = await StorageSetup.CreateAsync(HttpScenario.PostgresSettings(connectionString), cancellationToken))
            {
                accountId = storage.AccountId;
            }

            var port = FreePort.Next();
            await using var host = ChildProcess.StartDotnet(
                "per-batch-insert baseline", BaselineHost.Arguments(BaselineHost.PerBatchInsert, port, connectionString, accountId),
                HttpScenario.GcSettings(), LogPath("per-batch"), workingDirectory: null);
            await host.WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{port}/ready"), cancellationToken);

            var result = await MeasureAsync("per-batch insert", host, port, token: null, database, cancellationToken);
            return await AddStoredChecksAsync("per-batch insert", result, connectionString, checks, cancellationToken);
        }
        finally
        {
            await postgres.DropDatabaseAsync(database, cancellationToken);
        }
    }

    private async Task<HttpTargetResult> RunServerAsync(List<Check> checks, CancellationToken cancellationToken)
    {
        var serverDll = new HttpScenario(options, postgres, postmasterPid, workDirectory).ServerDllPath();
        var database = "bench_batch_api_server";
        var connectionString = await postgres.CreateDatabaseAsync(database, cancellationToken);
        try
        {
            var port = FreePort.Next();
            var token = $"bench-{Guid.NewGuid():N}";
            var environment = HttpScenario.ServerEnvironment(options, port, connectionString, token);

            // The working directory is the server's own folder, so it reads its appsettings.json.
            await using var server = ChildProcess.StartDotnet(
                "server", [serverDll], environment, LogPath("server"), workingDirectory: Path.GetDirectoryName(serverDll));
            await server.WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{port}/health/ready"), cancellationToken);

            var result = await MeasureAsync("server", server, port, token, database, cancellationToken, keepFirstBodies: true);
            AddCreatedCountCheck(result, checks);
            return await AddStoredChecksAsync("server", result, connectionString, checks, cancellationToken);
        }
        finally
        {
            await postgres.DropDatabaseAsync(database, cancellationToken);
        }
    }

    private Task<HttpTargetResult> MeasureAsync(
        string label, ChildProcess target, int port, string? token, string? database, CancellationToken cancellationToken, bool keepFirstBodies = false)
    {
        var bodies = LeadBodies.AllUnique();
        var url = new Uri($"http://127.0.0.1:{port}{BatchPath}");
        return new TargetMeasurement(postgres, postmasterPid, options.Warmup).MeasureAsync(label, target, database, Handled,
            () => LoadGenerator.RunAsync(url, token, random => bodies.NextBatch(random, options.BatchSize), Settings, cancellationToken, keepFirstBodies: keepFirstBodies),
            cancellationToken);
    }

    /// <summary>
    /// Adds the stored-count checks: every lead sent is new and valid, so each 200 is exactly one
    /// batch of stored leads, and no request got another response.
    /// </summary>
    private async Task<HttpTargetResult> AddStoredChecksAsync(
        string label, HttpTargetResult result, string connectionString, List<Check> checks, CancellationToken cancellationToken)
    {
        var stored = await BenchPostgres.CountLeadsAsync(connectionString, cancellationToken);
        var answered = result.Load.Count(200);
        var expected = answered * options.BatchSize;
        checks.Add(new Check(string.Create(CultureInfo.InvariantCulture,
            $"{label} stored {stored:N0} leads for {answered:N0} responses 200 × {options.BatchSize:N0} leads ({expected:N0})"), stored == expected));

        var unexpected = result.Load.Unexpected(Handled);
        checks.Add(new Check(string.Create(CultureInfo.InvariantCulture,
            $"{label} returned 200 to every request ({unexpected:N0} other)"), unexpected == 0));
        return result with { StoredLeads = stored };
    }

    /// <summary>Adds the check that each connection's first server response counted every lead of its batch as created.</summary>
    private void AddCreatedCountCheck(HttpTargetResult result, List<Check> checks)
    {
        var samples = result.Load.FirstBodies;
        var matching = samples.Count(body => CreatedCount(body) == options.BatchSize);
        checks.Add(new Check(string.Create(CultureInfo.InvariantCulture,
            $"server counted all {options.BatchSize:N0} leads as created in {matching} of {samples.Count} sampled responses (each connection's first)"),
            samples.Count > 0 && matching == samples.Count));
    }

    /// <summary>Returns <c>counts.created</c> of a batch response, or -1 when the body is not a batch response.</summary>
    private static int CreatedCount(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("counts", out var counts)
                && counts.ValueKind == JsonValueKind.Object
                && counts.TryGetProperty("created", out var created)
                && created.ValueKind == JsonValueKind.Number
                && created.TryGetInt32(out var value))
            {
                return value;
            }

            return -1;
        }
        catch (JsonException)
        {
            return -1;
        }
    }

    private string LogPath(string name) => Path.Combine(workDirectory, $"{Name}-{name}.log");

    /// <summary>Returns the ratio of handled requests/s, which is the ratio of leads/s because every target gets the same batch size.</summary>
    private static double Ratio(HttpTargetResult numerator, HttpTargetResult denominator) =>
        denominator.HandledPerSecond > 0 ? numerator.HandledPerSecond / denominator.HandledPerSecond : double.NaN;
}
