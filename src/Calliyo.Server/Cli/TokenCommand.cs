using Calliyo.Domain.Tokens;
using Calliyo.Server.Hosting;
using Calliyo.Storage;
using Calliyo.Storage.Migrations;
using Microsoft.Extensions.Options;

namespace Calliyo.Server.Cli;

/// <summary>
/// Command-line tasks of the server binary that work on the configured database without
/// starting the silo: <c>migrate</c> and <c>tokens create --name NAME --scopes a,b</c>.
/// </summary>
public static class CliCommands
{
    public const string Usage = """
        Usage:
          Calliyo.Server                                   start the service
          Calliyo.Server migrate                           apply database migrations and exit
          Calliyo.Server tokens create --name NAME --scopes SCOPE[,SCOPE...]
                                                           issue an API token for the default account
        Scopes: leads:read, leads:write, imports:write, settings:write.
        """;

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "migrate" or "tokens" or "help" or "--help";

    /// <summary>Runs the command in <paramref name="args"/>; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args[0] is "help" or "--help")
        {
            Console.WriteLine(Usage);
            return 0;
        }

        var builder = Host.CreateApplicationBuilder(args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) || a.Contains('=', StringComparison.Ordinal)).ToArray());
        builder.Services.AddCalliyoStorage(builder.Configuration);
        builder.Services.AddOptions<CalliyoOptions>().Bind(builder.Configuration.GetSection(CalliyoOptions.SectionName));
        builder.Services.AddSingleton<AccountBootstrap>();
        using var host = builder.Build();

        var services = host.Services;
        await services.GetRequiredService<MigrationRunner>().RunAsync(CancellationToken.None);
        if (args[0] == "migrate")
        {
            Console.WriteLine("Database migrations are up to date.");
            return 0;
        }

        return args is ["tokens", "create", ..]
            ? await CreateTokenAsync(args, services)
            : Fail($"Unknown command '{string.Join(' ', args)}'.");
    }

    private static async Task<int> CreateTokenAsync(string[] args, IServiceProvider services)
    {
        var name = OptionValue(args, "--name");
        var scopesText = OptionValue(args, "--scopes");
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(scopesText))
        {
            return Fail("tokens create needs --name NAME and --scopes SCOPE[,SCOPE...].");
        }

        var scopes = scopesText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = TokenScopes.FindUnknown(scopes);
        if (unknown.Count > 0)
        {
            return Fail($"Unknown scope '{unknown[0]}'; use one of {string.Join(", ", TokenScopes.All)}.");
        }

        var bootstrap = services.GetRequiredService<AccountBootstrap>();
        var region = services.GetRequiredService<IOptions<CalliyoOptions>>().Value.DefaultRegion;
        var (accountId, _) = await bootstrap.EnsureDefaultAccountAsync(region, CancellationToken.None);
        var token = await bootstrap.CreateTokenAsync(accountId, name, scopes, CancellationToken.None);

        Console.WriteLine($"Created API token '{name}' with scopes {string.Join(' ', scopes)}. It is shown only this once:");
        Console.WriteLine(token);
        return 0;
    }

    private static string? OptionValue(string[] args, string option)
    {
        var index = Array.IndexOf(args, option);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        Console.Error.WriteLine(Usage);
        return 2;
    }
}
