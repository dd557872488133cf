using System.Globalization;
using System.Net;
using Calliyo.Server.AdminUi.Sessions;
using Calliyo.Server.Hosting;
using Calliyo.Storage.Accounts;
using Calliyo.Storage.Users;
using Calliyo.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Calliyo.Ui.Tests;

/// <summary>
/// The real server (silo, storage, HTTP pipeline, pages) on Kestrel at a loopback port, because a
/// browser cannot reach the in-memory test server. Its database is the one the fixture passes in.
/// </summary>
public sealed class UiServer : WebApplicationFactory<Program>
{
    public const string BootstrapToken = "cly_ui_test_bootstrap_token";
    public const string AdminEmail = "admin@calliyo.local";
    public const string AdminPassword = "ui-test-admin-password";

    private readonly IReadOnlyDictionary<string, string?> _storage;
    private readonly int _port = FreePort.Next();

    public UiServer(IReadOnlyDictionary<string, string?> storage)
    {
        _storage = storage;
        UseKestrel(options => options.Listen(IPAddress.Loopback, _port));
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{_port}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _storage)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting($"{CalliyoOptions.SectionName}:BootstrapToken", BootstrapToken);
        builder.UseSetting("Calliyo:BootstrapAdminPassword", AdminPassword);
        builder.UseSetting("Orleans:SiloPort", FreePort.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", FreePort.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:ClusterId", $"ui-test-{Guid.NewGuid():N}");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    /// <summary>An HTTP client for the API on the server's real port, with <paramref name="token"/> as its bearer token.</summary>
    public HttpClient CreateApiClient(string? token = BootstrapToken)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Creates a new account with an admin user of its own, so a test can change settings without touching other tests' data.</summary>
    public async Task<TestUser> CreateAccountWithAdminAsync()
    {
        var accountId = await Services.GetRequiredService<AccountStore>().CreateAsync("UI test", "IN", isDefault: false, CancellationToken.None);
        return await CreateUserAsync(accountId, UserRoles.Admin);
    }

    /// <summary>Creates a user with a random email in <paramref name="accountId"/> (the default account when null).</summary>
    public async Task<TestUser> CreateUserAsync(Guid? accountId, string role)
    {
        var account = accountId ?? (await Services.GetRequiredService<AccountStore>().FindDefaultAccountIdAsync(CancellationToken.None))!.Value;
        var email = $"{role}-{Guid.NewGuid():N}@example.com";
        const string password = "test-password-123";
        var user = await Services.GetRequiredService<UserAccounts>().CreateAsync(account, email, role, password, CancellationToken.None)
            ?? throw new InvalidOperationException($"Creating user {email} failed.");
        return new TestUser(user.Id, account, email, password);
    }

    /// <summary>Issues an API token with every scope for <paramref name="accountId"/>.</summary>
    public Task<string> CreateTokenAsync(Guid accountId) =>
        Services.GetRequiredService<AccountBootstrap>().CreateTokenAsync(accountId, "ui-test", Calliyo.Domain.Tokens.TokenScopes.All, CancellationToken.None);
}

public sealed record TestUser(Guid Id, Guid AccountId, string Email, string Password);
