using Calliyo.Server.Hosting;
using Calliyo.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Calliyo.Server.Tests;

/// <summary>
/// The real server (silo, storage, HTTP pipeline) in memory, on the database that
/// <paramref name="storage"/> names, with its own silo ports so test classes can run at once.
/// </summary>
public sealed class CalliyoServerFactory(IReadOnlyDictionary<string, string?> storage) : WebApplicationFactory<Program>
{
    public const string BootstrapToken = "cly_test_bootstrap_token_for_the_suite";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in storage)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting($"{CalliyoOptions.SectionName}:BootstrapToken", BootstrapToken);
        builder.UseSetting("Orleans:SiloPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:ClusterId", $"test-{Guid.NewGuid():N}");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    /// <summary>An HTTP client that sends <paramref name="token"/> as its bearer token.</summary>
    public HttpClient CreateClient(string? token)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}
