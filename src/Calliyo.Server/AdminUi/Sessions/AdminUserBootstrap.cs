using Calliyo.Storage.Accounts;
using Calliyo.Storage.Users;
using Microsoft.Extensions.Options;

namespace Calliyo.Server.AdminUi.Sessions;

/// <summary>
/// Gives the default account its first admin user on first start. Registered after the start-up
/// initializer, so the migrations and the default account exist when it runs. Safe when several
/// silos start at once: the unique email index lets one of them create the user, and only that
/// one prints a generated password.
/// </summary>
public sealed partial class AdminUserBootstrap(
    AccountStore accounts,
    UserStore users,
    UserAccounts userAccounts,
    IOptions<AdminUiOptions> options,
    ILogger<AdminUserBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var accountId = await accounts.FindDefaultAccountIdAsync(cancellationToken)
            ?? throw new InvalidOperationException("The default account does not exist; the start-up initializer must run first.");
        if ((await users.ListAsync(accountId, cancellationToken)).Count > 0)
        {
            return;
        }

        var email = options.Value.BootstrapAdminEmail;
        var configured = options.Value.BootstrapAdminPassword;
        var password = string.IsNullOrWhiteSpace(configured) ? UserAccounts.GeneratePassword() : configured;

        var user = await userAccounts.CreateAsync(accountId, email, UserRoles.Admin, password, cancellationToken);
        if (user is null)
        {
            // Another silo created it first, or the email belongs to a user of another account.
            return;
        }

        LogAdminCreated(user.Id, user.Email);
        if (string.IsNullOrWhiteSpace(configured))
        {
            // Written to the console, not the log: logs are shipped and kept, and must never hold a password.
            Console.WriteLine();
            Console.WriteLine($"Calliyo Capture created the admin user {user.Email} for the admin pages. Its password is shown only this once:");
            Console.WriteLine($"    {password}");
            Console.WriteLine();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Created the admin user {UserId} ({Email}) of the default account")]
    private partial void LogAdminCreated(Guid userId, string email);
}
