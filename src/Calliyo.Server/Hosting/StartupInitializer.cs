using Calliyo.Domain.Tokens;
using Calliyo.Storage.Migrations;
using Microsoft.Extensions.Options;

namespace Calliyo.Server.Hosting;

/// <summary>
/// Prepares the database before the silo starts: applies migrations (the Orleans providers
/// read their SQL from the database at start-up), creates the default account and the
/// bootstrap token. Registered before the silo, so hosted-service start order runs it first.
/// </summary>
public sealed partial class StartupInitializer(
    MigrationRunner migrations,
    AccountBootstrap bootstrap,
    IOptions<CalliyoOptions> options,
    ILogger<StartupInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrations.RunAsync(cancellationToken);

        var (accountId, created) = await bootstrap.EnsureDefaultAccountAsync(options.Value.DefaultRegion, cancellationToken);
        if (created)
        {
            LogDefaultAccountCreated(accountId);
        }

        var configured = options.Value.BootstrapToken;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            await bootstrap.EnsureBootstrapTokenAsync(accountId, configured.Trim(), cancellationToken);
        }
        else if (created)
        {
            var token = await bootstrap.CreateTokenAsync(accountId, "first-start", TokenScopes.All, cancellationToken);

            // Written to the console, not the log: logs are shipped and kept, and must never hold a token.
            Console.WriteLine();
            Console.WriteLine("Calliyo Capture created the default account. Its API token (all scopes) is shown only this once:");
            Console.WriteLine($"    {token}");
            Console.WriteLine();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Created the default account {AccountId}")]
    private partial void LogDefaultAccountCreated(Guid accountId);
}
