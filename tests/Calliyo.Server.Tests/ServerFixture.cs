using Calliyo.Server.Hosting;
using Calliyo.Storage.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Calliyo.Server.Tests;

/// <summary>One running server on its own database, shared by the tests of one class.</summary>
public abstract class ServerFixture : IAsyncLifetime
{
    public StorageBackend Backend { get; private set; } = null!;

    public CalliyoServerFactory Factory { get; private set; } = null!;

    public abstract StorageBackend CreateBackend();

    /// <summary>Settings added to the backend's, for fixtures that turn on optional features.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        Backend = CreateBackend();
        await Backend.InitializeAsync();
        Factory = new CalliyoServerFactory(Backend.Settings.Concat(ExtraSettings).ToDictionary());
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Backend.DisposeAsync();
    }

    public HttpClient Client(string? token = CalliyoServerFactory.BootstrapToken) => Factory.CreateClient(token);

    /// <summary>Creates a second account with its own token, for isolation checks.</summary>
    public async Task<string> CreateOtherAccountTokenAsync()
    {
        var accounts = Factory.Services.GetRequiredService<AccountStore>();
        var bootstrap = Factory.Services.GetRequiredService<AccountBootstrap>();
        var accountId = await accounts.CreateAsync("Other", "IN", isDefault: false, CancellationToken.None);
        return await bootstrap.CreateTokenAsync(accountId, "other", Calliyo.Domain.Tokens.TokenScopes.All, CancellationToken.None);
    }

    /// <summary>Creates a token for the default account with only <paramref name="scopes"/>.</summary>
    public async Task<string> CreateTokenAsync(params string[] scopes)
    {
        var accounts = Factory.Services.GetRequiredService<AccountStore>();
        var bootstrap = Factory.Services.GetRequiredService<AccountBootstrap>();
        var accountId = (await accounts.FindDefaultAccountIdAsync(CancellationToken.None))!.Value;
        return await bootstrap.CreateTokenAsync(accountId, "scoped", scopes, CancellationToken.None);
    }
}

public sealed class SqliteServerFixture : ServerFixture
{
    public override StorageBackend CreateBackend() => new SqliteBackend();
}

public sealed class PostgreSqlServerFixture : ServerFixture
{
    public override StorageBackend CreateBackend() => new PostgreSqlBackend();
}
