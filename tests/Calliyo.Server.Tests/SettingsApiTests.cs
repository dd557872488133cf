using System.Net;
using System.Text.Json;

namespace Calliyo.Server.Tests;

/// <summary>The pipeline and column aliases of an account; each test works in an account of its own.</summary>
public abstract class SettingsApiTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : ServerFixture
{
    [Fact]
    public async Task Statuses_NewAccount_HasDefaultPipelineWithLocks()
    {
        using var client = fixture.Client(await fixture.CreateOtherAccountTokenAsync());

        var statuses = await ReadStatusesAsync(client);

        Assert.Equal(
            ["Unassigned", "Assigned", "Followups", "Interested", "Not Interested", "Busy", "Not Picked", "Missed", "Wrong Number", "Customer"],
            statuses.Select(s => s.Text("name")));
        Assert.Equal(["Unassigned", "Followups", "Customer"], statuses.Where(s => s.GetProperty("protected").GetBoolean()).Select(s => s.Text("name")));
    }

    [Fact]
    public async Task Statuses_AddRenameReorderDelete_ApplyInOrder()
    {
        using var client = fixture.Client(await fixture.CreateOtherAccountTokenAsync());

        var added = await client.PostAsync("/v1/statuses", Json.Body(new { name = "Demo Booked" }));
        var lead = await Json.ReadAsync(await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Asha", phone = "+919876550001", status = "demo booked" })));
        var renamed = await client.PatchAsync("/v1/statuses/Demo%20Booked", Json.Body(new { name = "Demo Scheduled" }));
        var names = (await ReadStatusesAsync(client)).Select(s => s.Text("name")).Reverse().ToList();
        var reordered = await client.PutAsync("/v1/statuses/order", Json.Body(new { names }));
        var inUse = await client.DeleteAsync("/v1/statuses/Demo%20Scheduled");
        var deleted = await client.DeleteAsync("/v1/statuses/Busy");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("Demo Booked", lead.Text("status"));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("Demo Scheduled", (await Json.ReadAsync(await client.GetAsync($"/v1/leads/{lead.Text("id")}"))).Text("status"));
        Assert.Equal(HttpStatusCode.OK, reordered.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, inUse.StatusCode);
        Assert.Equal("status_in_use", (await Json.ReadAsync(inUse)).GetProperty("error").Text("code"));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);

        var final = (await ReadStatusesAsync(client)).Select(s => s.Text("name")).ToList();
        Assert.Equal(names.Where(n => n != "Busy"), final);
    }

    [Theory]
    [InlineData("Customer")]
    [InlineData("followups")]
    public async Task Statuses_Protected_CannotBeRenamedOrDeleted(string name)
    {
        using var client = fixture.Client(await fixture.CreateOtherAccountTokenAsync());

        var rename = await client.PatchAsync($"/v1/statuses/{name}", Json.Body(new { name = "Won" }));
        var delete = await client.DeleteAsync($"/v1/statuses/{name}");

        Assert.Equal(HttpStatusCode.Conflict, rename.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Equal("status_protected", (await Json.ReadAsync(delete)).GetProperty("error").Text("code"));
    }

    [Fact]
    public async Task Statuses_DuplicateOrBadInput_IsRejected()
    {
        using var client = fixture.Client(await fixture.CreateOtherAccountTokenAsync());

        var duplicate = await client.PostAsync("/v1/statuses", Json.Body(new { name = "busy" }));
        var empty = await client.PostAsync("/v1/statuses", Json.Body(new { name = " " }));
        var partialOrder = await client.PutAsync("/v1/statuses/order", Json.Body(new { names = new[] { "Busy" } }));
        var unknown = await client.DeleteAsync("/v1/statuses/Nope");

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, partialOrder.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task ColumnAliases_Put_AppliesToWebhookFields()
    {
        using var client = fixture.Client(await fixture.CreateOtherAccountTokenAsync());

        var put = await client.PutAsync("/v1/settings/column-aliases", Json.Body(new { aliases = new Dictionary<string, string> { ["Customer Mobile"] = "phone", ["Nick"] = "firstName" } }));
        var (keyId, token) = await client.CreateWebhookKeyAsync(new { name = "Aliases" });
        var submitted = await client.PostHookAsync(keyId, token, Json.Body(new Dictionary<string, string> { ["customer_mobile"] = "+919876550101", ["nick"] = "Asha" }));
        var bad = await client.PutAsync("/v1/settings/column-aliases", Json.Body(new { aliases = new Dictionary<string, string> { ["X"] = "salary" } }));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var aliases = (await Json.ReadAsync(await client.GetAsync("/v1/settings/column-aliases"))).GetProperty("aliases");
        Assert.Equal("phone", aliases.Text("Customer Mobile"));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
    }

    private static async Task<List<JsonElement>> ReadStatusesAsync(HttpClient client) =>
        (await Json.ReadAsync(await client.GetAsync("/v1/statuses"))).GetProperty("statuses").EnumerateArray().ToList();
}

public sealed class SqliteSettingsApiTests(SqliteServerFixture fixture) : SettingsApiTests<SqliteServerFixture>(fixture);

public sealed class PostgreSqlSettingsApiTests(PostgreSqlServerFixture fixture) : SettingsApiTests<PostgreSqlServerFixture>(fixture);
