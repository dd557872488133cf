using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Calliyo.Server.Tests;

public sealed class RateLimitAndOpenApiTests : IAsyncLifetime
{
    private readonly SqliteBackend _backend = new();
    private CalliyoServerFactory _factory = null!;

    public async Task InitializeAsync()
    {
        await _backend.InitializeAsync();
        var settings = new Dictionary<string, string?>(_backend.Settings)
        {
            ["Calliyo:RateLimits:TokenRequestsPerSecond"] = "1",
            ["Calliyo:RateLimits:TokenBurst"] = "3",
        };
        _factory = new CalliyoServerFactory(settings);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task TokenRateLimit_Exceeded_Returns429WithRetryAfter()
    {
        using var client = _factory.CreateClient(CalliyoServerFactory.BootstrapToken);

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            responses.Add(await client.GetAsync("/v1/statuses"));
        }

        var limited = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, responses[0].StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("rate_limited", (await Json.ReadAsync(limited)).GetProperty("error").Text("code"));
    }

    [Fact]
    public async Task OpenApiDocument_MatchesCheckedInCopy()
    {
        using var client = _factory.CreateClient(null);

        var served = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var path = Path.Combine(RepositoryRoot(), "docs", "openapi.json");
        var pretty = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

        if (Environment.GetEnvironmentVariable("CALLIYO_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, pretty);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests once with CALLIYO_UPDATE_OPENAPI=1 to write it.");
        var checkedIn = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        Assert.True(JsonNode.DeepEquals(served, checkedIn),
            "docs/openapi.json differs from the served document; rerun with CALLIYO_UPDATE_OPENAPI=1 and commit the change.");
        Assert.NotNull(served["paths"]!["/v1/leads/batch"]);
        Assert.NotNull(served["paths"]!["/v1/hooks/{keyId}"]);
        Assert.NotNull(served["components"]!["securitySchemes"]!["bearer"]);
    }

    [Fact]
    public async Task ReferencePage_IsServed()
    {
        using var client = _factory.CreateClient(null);

        var page = await client.GetAsync("/docs/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Calliyo Capture API", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Calliyo.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Calliyo.sln was not found above the test folder.");
    }
}
