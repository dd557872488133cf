using System.Globalization;

namespace Calliyo.Benchmarks;

/// <summary>The command line of the benchmark program.</summary>
internal sealed record BenchOptions
{
    public const string PostgresVariable = "CALLIYO_BENCH_POSTGRES";

    public const string Usage = """
        Usage: Calliyo.Benchmarks [scenario...] [options]

        Scenarios (default: all but client-check):
          api-burst     unique leads over POST /v1/leads, beside a do-nothing endpoint and a
                        one-INSERT-per-request endpoint measured in the same run
          dup-storm     as api-burst, but 90% of requests repeat one of 1,000 phones
          webhook-burst as api-burst, but the server's target is POST /v1/hooks/{keyId} with the
                        key's X-Webhook-Token (the baselines are the same)
          batch-api     batches of new leads over POST /v1/leads/batch, beside the do-nothing
                        endpoint and a one-INSERT-per-batch endpoint; throughput in leads/s
          writer        LeadWriter alone on PostgreSQL and SQLite against a bulk-insert floor
          import        a generated 10 MiB lead CSV through POST /v1/imports, upload to completed
                        job, on PostgreSQL and SQLite, against the bulk-insert floor of its
                        unique valid rows
          client-check  the do-nothing endpoint driven by this program's HttpClient and by wrk,
                        to show whether the .NET load generator limits the figures

        Options:
          --duration SECONDS      measured time per HTTP target (default 15)
          --warmup SECONDS        unmeasured load before each measurement (default 15)
          --connections N         concurrent HTTP connections and requests (default 64)
          --batch-connections N   concurrent connections and batch requests in batch-api
                                  (default 8)
          --batch-size N          leads per batch request in batch-api, 1 to 1000 (default 1000)
          --writer-rows N         leads per writer run (default 100000)
          --writer-callers N      concurrent callers of the writer (default 1000)
          --server-dll PATH       the server to start (default: the Release build under src/)
          --server-setting K=V    a server setting such as Storage:Writer:MaxBatchSize=500,
                                  passed as an environment variable; repeatable
          --smoke                 about 2 s per scenario on tiny data, to run the checks;
                                  overrides --duration, --warmup, the writer sizes and the
                                  batch sizes (2 connections, 50 leads per request)
          --keep-logs             keep the server and baseline logs even when every check
                                  passes (they are always kept when one fails)
          --help                  this text

        PostgreSQL: set CALLIYO_BENCH_POSTGRES to a connection string of a server where the
        benchmark may create and drop databases; scripts/bench.sh starts one and sets it.
        The exit code is 1 when a correctness check (stored lead counts, unexpected HTTP
        statuses) fails, 2 for a usage error.
        """;

    public static readonly IReadOnlyList<string> AllScenarios = ["api-burst", "dup-storm", "webhook-burst", "batch-api", "writer", "import", "client-check"];

    public static readonly IReadOnlyList<string> DefaultScenarios = ["api-burst", "dup-storm", "webhook-burst", "batch-api", "writer", "import"];

    /// <summary>Maximum leads in one batch request, the server's limit for <c>POST /v1/leads/batch</c>.</summary>
    public const int MaxBatchSize = 1_000;

    public IReadOnlyList<string> Scenarios { get; init; } = DefaultScenarios;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Load before the measurement. 15 s by default: a fresh server needs about 10 s of a burst before its hot code is fully optimized.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(15);

    public int Connections { get; init; } = 64;

    /// <summary>Concurrent connections in <c>batch-api</c>, each with one batch request in flight.</summary>
    public int BatchConnections { get; init; } = 8;

    /// <summary>Leads per request in <c>batch-api</c>.</summary>
    public int BatchSize { get; init; } = MaxBatchSize;

    public int WriterRows { get; init; } = 100_000;

    public int WriterCallers { get; init; } = 1_000;

    public string? ServerDll { get; init; }

    /// <summary>Extra server settings (configuration keys with ':'), for experiments with its options.</summary>
    public IReadOnlyDictionary<string, string> ServerSettings { get; init; } = new Dictionary<string, string>();

    public bool Smoke { get; init; }

    /// <summary>Keep the work directory with the child processes' logs after a run whose checks all passed.</summary>
    public bool KeepLogs { get; init; }

    public bool ShowHelp { get; init; }

    public string? PostgresConnectionString { get; init; }

    /// <summary>Parses <paramref name="args"/>, throwing <see cref="ArgumentException"/> with a message for the user when one is invalid.</summary>
    public static BenchOptions Parse(string[] args)
    {
        var scenarios = new List<string>();
        var options = new BenchOptions { PostgresConnectionString = Environment.GetEnvironmentVariable(PostgresVariable) };
        var smoke = false;
        var serverSettings = new Dictionary<string, string>();

        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--help" or "-h":
                    return options with { ShowHelp = true };
                case "--smoke":
                    smoke = true;
                    break;
                case "--keep-logs":
                    options = options with { KeepLogs = true };
                    break;
                case "--duration":
                    options = options with { Duration = Seconds(arg, Value(args, ref i)) };
                    break;
                case "--warmup":
                    options = options with { Warmup = Seconds(arg, Value(args, ref i)) };
                    break;
                case "--connections":
                    options = options with { Connections = Count(arg, Value(args, ref i), max: 4_096) };
                    break;
                case "--batch-connections":
                    // The per-batch baseline's Npgsql pool has 100 connections by default, and
                    // requests beyond it would wait for a connection rather than the database.
                    options = options with { BatchConnections = Count(arg, Value(args, ref i), max: 100) };
                    break;
                case "--batch-size":
                    options = options with { BatchSize = Count(arg, Value(args, ref i), max: MaxBatchSize) };
                    break;
                case "--writer-rows":
                    options = options with { WriterRows = Count(arg, Value(args, ref i), max: 10_000_000) };
                    break;
                case "--writer-callers":
                    options = options with { WriterCallers = Count(arg, Value(args, ref i), max: 100_000) };
                    break;
                case "--server-dll":
                    options = options with { ServerDll = Value(args, ref i) };
                    break;
                case "--server-setting":
                    var setting = Value(args, ref i);
                    var equals = setting.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0)
                    {
                        throw new ArgumentException($"--server-setting '{setting}' is invalid; write KEY=VALUE, such as Storage:Writer:FlushWindow=00:00:00.005.");
                    }

                    serverSettings[setting[..equals]] = setting[(equals + 1)..];
                    break;
                default:
                    if (arg.StartsWith('-') || !AllScenarios.Contains(arg))
                    {
                        throw new ArgumentException($"Unknown argument '{arg}'; scenarios are {string.Join(", ", AllScenarios)}.");
                    }

                    scenarios.Add(arg);
                    break;
            }
        }

        options = options with { ServerSettings = serverSettings };
        if (scenarios.Count > 0)
        {
            options = options with { Scenarios = scenarios.Distinct().ToList() };
        }

        // Smoke sizes: long enough to pass through warm-up, start-up and one flush of every
        // path, short enough that each scenario takes seconds beyond its start-ups.
        return smoke
            ? options with
            {
                Smoke = true, Duration = TimeSpan.FromSeconds(2), Warmup = TimeSpan.FromSeconds(0.5), WriterRows = 2_000, WriterCallers = 200,
                BatchConnections = 2, BatchSize = 50,
            }
            : options;
    }

    private static string Value(string[] args, ref int i)
    {
        if (i + 1 >= args.Length)
        {
            throw new ArgumentException($"{args[i]} needs a value.");
        }

        return args[++i];
    }

    private static TimeSpan Seconds(string name, string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || seconds > 3_600)
        {
            throw new ArgumentException($"{name} '{text}' is invalid; give seconds between 0 and 3600, such as 15 or 0.5.");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private static int Count(string name, string text, int max)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1 || count > max)
        {
            throw new ArgumentException($"{name} '{text}' is invalid; give a whole number between 1 and {max}.");
        }

        return count;
    }
}
