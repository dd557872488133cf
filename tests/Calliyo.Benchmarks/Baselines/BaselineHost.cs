using System.Globalization;
using Npgsql;

namespace Calliyo.Benchmarks.Baselines;

/// <summary>
/// A minimal ASP.NET Core program that serves one baseline at <c>POST /v1/leads</c> or
/// <c>POST /v1/leads/batch</c> (the ceiling at both), run as a child process of the benchmark
/// with the same builder and Kestrel defaults as the server: <c>WebApplication.CreateBuilder</c>,
/// HTTP/1.1 on one loopback port, warnings-only logging. It has no authentication, so the gap to the server includes the token check.
/// </summary>
internal static class BaselineHost
{
    public const string Command = "baseline-host";

    public const string Ceiling = "ceiling";

    public const string PerRequestInsert = "per-request-insert";

    public const string PerBatchInsert = "per-batch-insert";

    /// <summary>Returns the arguments that start a baseline host for <paramref name="kind"/>.</summary>
    public static IReadOnlyList<string> Arguments(string kind, int port, string? postgres = null, Guid? accountId = null)
    {
        List<string> arguments = [typeof(BaselineHost).Assembly.Location, Command, kind, port.ToString(CultureInfo.InvariantCulture)];
        if (postgres is not null && accountId is { } account)
        {
            arguments.AddRange([postgres, account.ToString()]);
        }

        return arguments;
    }

    /// <summary>Serves until killed. Arguments: KIND PORT [POSTGRES ACCOUNT_ID].</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            Console.Error.WriteLine($"Usage: {Command} {Ceiling}|{PerRequestInsert}|{PerBatchInsert} PORT [POSTGRES_CONNECTION_STRING ACCOUNT_ID]");
            return 2;
        }

        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");

        NpgsqlDataSource? dataSource = null;
        if (args[0] is PerRequestInsert or PerBatchInsert)
        {
            if (args.Length < 4 || !Guid.TryParse(args[3], out var accountId))
            {
                Console.Error.WriteLine($"{args[0]} needs a PostgreSQL connection string and an account id.");
                return 2;
            }

            dataSource = NpgsqlDataSource.Create(args[2]);
            if (args[0] == PerRequestInsert)
            {
                builder.Services.AddSingleton(new PerRequestInsertEndpoint(dataSource, accountId));
            }
            else
            {
                builder.Services.AddSingleton(new PerBatchInsertEndpoint(dataSource, accountId));
            }
        }
        else if (args[0] != Ceiling)
        {
            Console.Error.WriteLine($"Unknown baseline '{args[0]}'; use {Ceiling}, {PerRequestInsert} or {PerBatchInsert}.");
            return 2;
        }

        await using var app = builder.Build();
        app.MapGet("/ready", () => Results.Ok());
        switch (args[0])
        {
            case Ceiling:
                app.MapPost("/v1/leads", CeilingEndpoint.HandleAsync);
                app.MapPost("/v1/leads/batch", CeilingEndpoint.HandleBatchAsync);
                break;
            case PerRequestInsert:
                app.MapPost("/v1/leads", app.Services.GetRequiredService<PerRequestInsertEndpoint>().HandleAsync);
                break;
            default:
                app.MapPost("/v1/leads/batch", app.Services.GetRequiredService<PerBatchInsertEndpoint>().HandleAsync);
                break;
        }

        await app.RunAsync();
        if (dataSource is not null)
        {
            await dataSource.DisposeAsync();
        }

        return 0;
    }
}
