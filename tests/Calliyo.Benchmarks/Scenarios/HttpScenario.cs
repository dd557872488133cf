using System.Globalization;
using Calliyo.Benchmarks.Baselines;
using Calliyo.Benchmarks.Data;
using Calliyo.Benchmarks.Hosting;
using Calliyo.Benchmarks.Load;
using Calliyo.Benchmarks.Machine;

namespace Calliyo.Benchmarks.Scenarios;

/// <summary>
/// The HTTP scenarios <c>api-burst</c> and <c>dup-storm</c>: the same closed-loop load against
/// the do-nothing ceiling, the one-INSERT-per-request baseline and the real server, one after
/// the other, each with its own fresh database and a checkpoint before it is measured.
/// </summary>
internal sealed class HttpScenario(BenchOptions options, BenchPostgres postgres, int? postmasterPid, string workDirectory)
{
    /// <summary>In a duplicate storm, the share of requests that repeat a hot number.</summary>
    public const double StormDuplicateShare = 0.9;

    /// <summary>In a duplicate storm, how many distinct numbers the repeats use.</summary>
    public const int StormHotPhones = 1_000;

    private LoadSettings Settings => new(options.Connections, options.Warmup, options.Duration);

    /// <summary>Runs <paramref name="scenario"/> (api-burst, dup-storm or webhook-burst), prints its figures and returns them with its checks.</summary>
    public async Task<HttpScenarioResult> RunAsync(string scenario, CancellationToken cancellationToken)
    {
        var storm = scenario == "dup-storm";
        int[] handled = storm ? [201, 409] : [201];
        Func<LeadBodies> newBodies = storm ? () => new LeadBodies(StormDuplicateShare, StormHotPhones) : LeadBodies.AllUnique;
        var checks = new List<Check>();

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"== {scenario}: {options.Connections} connections, {options.Warmup.TotalSeconds:0.#} s warm-up, {options.Duration.TotalSeconds:0.#} s measured per target"));
        if (storm)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   {StormDuplicateShare * 100:0}% of requests repeat one of {StormHotPhones:N0} numbers (each repeat in national or international form at random); the rest are new"));
        }

        if (options.ServerSettings.Count > 0)
        {
            Console.WriteLine($"   server settings: {string.Join(' ', options.ServerSettings.Select(pair => $"{pair.Key}={pair.Value}"))}");
        }

        var ceiling = await RunCeilingAsync(scenario, handled, newBodies(), checks, cancellationToken);
        var perRequest = await RunPerRequestInsertAsync(scenario, handled, newBodies(), checks, cancellationToken);
        var server = await RunServerAsync(scenario, handled, newBodies(), checks, cancellationToken);

        Console.WriteLine();
        Console.WriteLine(HttpTargetResult.Header());
        foreach (var target in new[] { ceiling, perRequest, server })
        {
            Console.WriteLine(target.Row());
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  ratio server/ceiling {Ratio(server, ceiling):0.000}, server/per-request-insert {Ratio(server, perRequest):0.00}; server peak RSS {server.PeakWorkingSetBytes / 1024.0 / 1024.0:0} MiB (VmHWM)"));
        foreach (var check in checks)
        {
            Console.WriteLine(check);
        }

        return new HttpScenarioResult(scenario, ceiling, perRequest, server, checks);
    }

    private async Task<HttpTargetResult> RunCeilingAsync(string scenario, int[] handled, LeadBodies bodies, List<Check> checks, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        await using var host = ChildProcess.StartDotnet(
            "ceiling baseline", BaselineHost.Arguments(BaselineHost.Ceiling, port), GcSettings(), LogPath($"{scenario}-ceiling"), workingDirectory: null);
        await host.WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{port}/ready"), cancellationToken);

        var result = await MeasureAsync("ceiling (do-nothing)", host, port, token: null, bodies, [201], database: null, cancellationToken);
        checks.Add(new Check($"ceiling returned 201 to every request ({result.Load.DescribeStatuses()})", result.Load.Unexpected(201) == 0));
        return result with { HandledStatuses = handled };
    }

    private async Task<HttpTargetResult> RunPerRequestInsertAsync(
        string scenario, int[] handled, LeadBodies bodies, List<Check> checks, CancellationToken cancellationToken)
    {
        var database = $"bench_{scenario.Replace('-', '_')}_per_request";
        var connectionString = await postgres.CreateDatabaseAsync(database, cancellationToken);
        try
        {
            Guid accountId;
            await using (var storage = await StorageSetup.CreateAsync(PostgresSettings(connectionString), cancellationToken))
            {
                accountId = storage.AccountId;
            }

            var port = FreePort.Next();
            await using var host = ChildProcess.StartDotnet(
                "per-request-insert baseline", BaselineHost.Arguments(BaselineHost.PerRequestInsert, port, connectionString, accountId),
                GcSettings(), LogPath($"{scenario}-per-request"), workingDirectory: null);
            await host.WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{port}/ready"), cancellationToken);

            var result = await MeasureAsync("per-request insert", host, port, token: null, bodies, handled, database, cancellationToken);
            return await AddStoredChecksAsync("per-request insert", result, bodies, connectionString, checks, cancellationToken);
        }
        finally
        {
            await postgres.DropDatabaseAsync(database, cancellationToken);
        }
    }

    private async Task<HttpTargetResult> RunServerAsync(string scenario, int[] handled, LeadBodies bodies, List<Check> checks, CancellationToken cancellationToken)
    {
        var serverDll = ServerDllPath();
        var database = $"bench_{scenario.Replace('-', '_')}_server";
        var connectionString = await postgres.CreateDatabaseAsync(database, cancellationToken);
        try
        {
            var port = FreePort.Next();
            var token = $"bench-{Guid.NewGuid():N}";
            var environment = ServerEnvironment(options, port, connectionString, token);

            // The working directory is the server's own folder, so it reads its appsettings.json.
            await using var server = ChildProcess.StartDotnet(
                "server", [serverDll], environment, LogPath($"{scenario}-server"), workingDirectory: Path.GetDirectoryName(serverDll));
            await server.WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{port}/health/ready"), cancellationToken);

            (Guid Id, string Token)? webhook = scenario == "webhook-burst" ? await CreateWebhookKeyAsync(port, token, cancellationToken) : null;
            var result = await MeasureAsync("server", server, port, token, bodies, handled, database, cancellationToken, webhook);
            return await AddStoredChecksAsync("server", result, bodies, connectionString, checks, cancellationToken);
        }
        finally
        {
            await postgres.DropDatabaseAsync(database, cancellationToken);
        }
    }

    /// <summary>
    /// Returns the server's environment: PostgreSQL at <paramref name="connectionString"/>, the
    /// bootstrap <paramref name="token"/>, HTTP on loopback <paramref name="port"/>, free Orleans
    /// ports, per-token rate limits far above any load, and the <c>--server-setting</c> values last.
    /// </summary>
    internal static Dictionary<string, string> ServerEnvironment(BenchOptions options, int port, string connectionString, string token)
    {
        var environment = new Dictionary<string, string>(GcSettings())
        {
            ["Storage__Provider"] = "PostgreSql",
            ["ConnectionStrings__Calliyo"] = connectionString,
            ["Calliyo__BootstrapToken"] = token,
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Orleans__AdvertisedAddress"] = "127.0.0.1",
            ["Orleans__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),

            // One token sends the whole burst; the per-token limit protects the service from
            // one integrator, which is not what this measures.
            ["Calliyo__RateLimits__TokenRequestsPerSecond"] = "10000000",
            ["Calliyo__RateLimits__TokenBurst"] = "10000000",
        };
        foreach (var (key, value) in options.ServerSettings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return environment;
    }

    /// <summary>Creates a webhook key whose rate limit the burst cannot reach; returns its id and token.</summary>
    private static async Task<(Guid Id, string Token)> CreateWebhookKeyAsync(int port, string apiToken, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiToken);
        using var body = new StringContent("""{"name": "Benchmark form", "rateLimitPerMinute": 10000000}""", System.Text.Encoding.UTF8, "application/json");
        var response = await client.PostAsync("/v1/webhook-keys", body, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var key = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return (key.RootElement.GetProperty("id").GetGuid(), key.RootElement.GetProperty("token").GetString()!);
    }

    private Task<HttpTargetResult> MeasureAsync(
        string label, ChildProcess target, int port, string? token, LeadBodies bodies, int[] handled, string? database, CancellationToken cancellationToken,
        (Guid Id, string Token)? webhook = null)
    {
        // A webhook burst posts the same bodies to the key's URL with its token instead of an API token.
        var url = new Uri(webhook is { } key ? $"http://127.0.0.1:{port}/v1/hooks/{key.Id}" : $"http://127.0.0.1:{port}/v1/leads");
        return new TargetMeasurement(postgres, postmasterPid, options.Warmup).MeasureAsync(label, target, database, handled,
            () => LoadGenerator.RunAsync(url, webhook is null ? token : null, bodies.Next, Settings, cancellationToken, webhook?.Token), cancellationToken);
    }

    /// <summary>
    /// Adds the stored-count checks: every 201 is exactly one stored lead, no request got an
    /// unexpected response, and in a duplicate storm one lead exists per distinct number sent.
    /// </summary>
    private static async Task<HttpTargetResult> AddStoredChecksAsync(
        string label, HttpTargetResult result, LeadBodies bodies, string connectionString, List<Check> checks, CancellationToken cancellationToken)
    {
        var stored = await BenchPostgres.CountLeadsAsync(connectionString, cancellationToken);
        var created = result.Load.Count(201);
        checks.Add(new Check(string.Create(CultureInfo.InvariantCulture,
            $"{label} stored {stored:N0} leads for {created:N0} responses 201"), stored == created));

        if (result.HandledStatuses.Contains(409))
        {
            var distinct = bodies.DistinctPhones;
            checks.Add(new Check(string.Create(CultureInfo.InvariantCulture,
                $"{label} stored one lead per distinct number sent ({distinct:N0})"), stored == distinct));
        }

        var unexpected = result.Load.Unexpected(result.HandledStatuses);
        checks.Add(new Check(string.Create(CultureInfo.InvariantCulture,
            $"{label} returned {string.Join(" or ", result.HandledStatuses)} to every request ({unexpected:N0} other)"), unexpected == 0));
        return result with { StoredLeads = stored };
    }

    public string ServerDllPath()
    {
        var path = options.ServerDll ?? Path.Combine(RepositoryRoot(), "src", "Calliyo.Server", "bin", "Release", "net10.0", "Calliyo.Server.dll");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The server build {path} does not exist; run `dotnet build -c Release Calliyo.sln` or pass --server-dll PATH.");
        }

        return Path.GetFullPath(path);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Calliyo.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Calliyo.sln above {AppContext.BaseDirectory}; pass --server-dll PATH.");
    }

    /// <summary>Server GC, as the server's project file sets it, for the server and the baselines alike.</summary>
    internal static Dictionary<string, string> GcSettings() => new() { ["DOTNET_gcServer"] = "1" };

    internal static Dictionary<string, string?> PostgresSettings(string connectionString) => new()
    {
        ["Storage:Provider"] = "PostgreSql",
        ["ConnectionStrings:Calliyo"] = connectionString,
    };

    private string LogPath(string name) => Path.Combine(workDirectory, $"{name}.log");

    private static double Ratio(HttpTargetResult numerator, HttpTargetResult denominator) =>
        denominator.HandledPerSecond > 0 ? numerator.HandledPerSecond / denominator.HandledPerSecond : double.NaN;
}

/// <summary>The three targets of one HTTP scenario and its checks.</summary>
internal sealed record HttpScenarioResult(
    string Scenario, HttpTargetResult Ceiling, HttpTargetResult PerRequestInsert, HttpTargetResult Server, IReadOnlyList<Check> Checks);
