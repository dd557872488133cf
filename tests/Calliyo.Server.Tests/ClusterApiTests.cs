using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Calliyo.Server.Operations;

namespace Calliyo.Server.Tests;

/// <summary>A single-node server with the Orleans dashboard turned on.</summary>
public sealed class DashboardServerFixture : ServerFixture
{
    public override StorageBackend CreateBackend() => new SqliteBackend();

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Orleans:Dashboard:Enabled"] = "true" };
}

/// <summary><c>GET /v1/cluster</c> on one node: admin only, and it reports the node as the only active silo.</summary>
public sealed class ClusterApiTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    [Fact]
    public async Task Cluster_AdminToken_ListsTheOneActiveSilo()
    {
        using var admin = fixture.Client();

        var response = await admin.GetAsync("/v1/cluster");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cluster = await Json.ReadAsync(response);
        Assert.StartsWith("test-", cluster.Text("clusterId"), StringComparison.Ordinal);
        Assert.Equal(1, cluster.GetProperty("activeSilos").GetInt32());
        var silo = Assert.Single(cluster.GetProperty("silos").EnumerateArray());
        Assert.Equal("active", silo.Text("status"));
        Assert.True(silo.GetProperty("isLocal").GetBoolean());
        Assert.Equal(cluster.Text("localSilo"), silo.Text("address"));
    }

    [Fact]
    public async Task Cluster_WithoutSettingsScope_IsRejected()
    {
        using var anonymous = fixture.Client(token: null);
        using var writer = fixture.Client(await fixture.CreateTokenAsync("leads:write"));

        var missing = await anonymous.GetAsync("/v1/cluster");
        var lacking = await writer.GetAsync("/v1/cluster");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, lacking.StatusCode);
        Assert.Equal("insufficient_scope", (await Json.ReadAsync(lacking)).GetProperty("error").Text("code"));
    }

    [Fact]
    public async Task OrleansDashboard_ByDefault_IsNotServed()
    {
        using var admin = fixture.Client();

        var response = await admin.GetAsync(OrleansDashboardSetup.Path + "/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

/// <summary>The Orleans dashboard when enabled: served from the package's embedded assets, to admins only.</summary>
public sealed class ClusterDashboardTests(DashboardServerFixture fixture) : IClassFixture<DashboardServerFixture>
{
    private const string Page = OrleansDashboardSetup.Path + "/";

    [Fact]
    public async Task Dashboard_WithoutToken_ChallengesForBasic()
    {
        using var anonymous = fixture.Client(token: null);

        var response = await anonymous.GetAsync(Page);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Dashboard_TokenWithoutSettingsScope_IsForbidden()
    {
        var token = await fixture.CreateTokenAsync("leads:read", "leads:write", "imports:write");
        using var bearer = fixture.Client(token);
        using var basic = BasicClient("admin", token);

        var withBearer = await bearer.GetAsync(Page);
        var withBasic = await basic.GetAsync(Page);

        Assert.Equal(HttpStatusCode.Forbidden, withBearer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withBasic.StatusCode);
    }

    [Fact]
    public async Task Dashboard_WrongBasicPassword_IsUnauthorized()
    {
        using var basic = BasicClient("admin", "not-a-token");

        var response = await basic.GetAsync(Page);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_AdminToken_ServesPageScriptAndData()
    {
        using var bearer = fixture.Client();
        using var basic = BasicClient("anyone", CalliyoServerFactory.BootstrapToken);

        var page = await bearer.GetAsync(Page);
        var script = await basic.GetAsync(OrleansDashboardSetup.Path + "/index.min.js");
        var stats = await basic.GetAsync(OrleansDashboardSetup.Path + "/ClusterStats");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 10_000, "The dashboard script is embedded in the package.");
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_WithDashboard_OmitsDashboardRoutes()
    {
        using var client = fixture.Client();

        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.DoesNotContain(OrleansDashboardSetup.Path, document, StringComparison.Ordinal);
    }

    private HttpClient BasicClient(string user, string password)
    {
        var client = fixture.Client(token: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }
}
