using System.Net;
using System.Text.Json;
using Calliyo.Domain.Tokens;
using Calliyo.Testing;

namespace Calliyo.Server.Tests;

/// <summary>Batch, list, patch and bulk update of leads, idempotent retries and token management.</summary>
public abstract class PublicApiTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : ServerFixture
{
    private static readonly string CaseFolder = TestFiles.Fixture("cases", "23-json-api-typed-values");

    [Fact]
    public async Task JsonApiCase_AllRequests_LeaveSixLeads()
    {
        using var client = fixture.Client(await fixture.CreateOtherAccountTokenAsync());

        var single = await client.PostAsync("/v1/leads", Json.Body(await ReadCaseAsync("request-1-phone-as-json-number.json")));
        var batch = await Json.ReadAsync(await client.PostAsync("/v1/leads/batch", Json.Body(await ReadCaseAsync("request-2-batch-with-duplicates.json"))));
        var tags = await Json.ReadAsync(await client.PostAsync("/v1/leads/batch", Json.Body(await ReadCaseAsync("request-3-tags-array-and-string.json"))));
        var nulls = await Json.ReadAsync(await client.PostAsync("/v1/leads/batch", Json.Body(await ReadCaseAsync("request-4-nulls-and-missing.json"))));
        var escapes = await client.PostAsync("/v1/leads", Json.Body(await ReadCaseAsync("request-5-unicode-escapes.json")));
        var malformed = await client.PostAsync("/v1/leads", Json.Body(await ReadCaseAsync("request-6-invalid-json-leading-zero.json")));

        Assert.Equal(HttpStatusCode.BadRequest, single.StatusCode);

        var batchResults = Results(batch);
        Assert.Equal(["created", "duplicate", "created"], batchResults.Select(r => r.Text("outcome")));
        Assert.Equal(batchResults[0].Text("id"), batchResults[1].Text("existingLeadId"));
        Assert.Equal(0, batchResults[1].GetProperty("duplicateOfIndex").GetInt32());

        Assert.Equal(["created", "created"], Results(tags).Select(r => r.Text("outcome")));
        Assert.Equal(["created", "invalid"], Results(nulls).Select(r => r.Text("outcome")));
        Assert.Equal("phone", Results(nulls)[1].GetProperty("errors")[0].Text("field"));
        Assert.Equal(HttpStatusCode.Created, escapes.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);

        var leads = (await client.ListLeadsAsync()).ToDictionary(lead => lead.Text("phone")!);
        Assert.Equal(["+919876540232", "+919876540233", "+919876540234", "+919876540235", "+919876540236", "+919876540237"], leads.Keys.Order());
        Assert.Equal("Rahul", leads["+919876540232"].Text("firstName"));
        Assert.Equal(["vip", "hot"], Tags(leads["+919876540233"]));
        Assert.Equal(["vip", "hot"], Tags(leads["+919876540234"]));
        Assert.Equal(["vip", "hot"], Tags(leads["+919876540235"]));
        Assert.Null(leads["+919876540236"].Text("lastName"));
        Assert.Equal("Unassigned", leads["+919876540236"].Text("status"));
    }

    [Fact]
    public async Task Batch_OverLimitOrWrongShape_IsRejected()
    {
        using var client = fixture.Client();
        var tooMany = new { leads = Enumerable.Range(0, 1_001).Select(i => new { firstName = "A", phone = "9876500000" }) };

        var overLimit = await client.PostAsync("/v1/leads/batch", Json.Body(tooMany));
        var notArray = await client.PostAsync("/v1/leads/batch", Json.Body(new { leads = "none" }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, overLimit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notArray.StatusCode);
    }

    [Fact]
    public async Task List_FiltersAndCursor_ReturnMatchingLeadsNewestFirst()
    {
        using var client = fixture.Client(await fixture.CreateOtherAccountTokenAsync());
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsync("/v1/leads", Json.Body(new
            {
                firstName = i % 2 == 0 ? "Asha" : "Rahul",
                phone = $"+91 98765 460{i:D2}",
                email = $"person{i}@example.com",
                tags = i < 3 ? new[] { "VIP" } : new[] { "cold" },
                status = i == 4 ? "Interested" : null,
            }));
        }

        var firstPage = await Json.ReadAsync(await client.GetAsync("/v1/leads?limit=2"));
        var secondPage = await Json.ReadAsync(await client.GetAsync($"/v1/leads?limit=2&cursor={firstPage.Text("nextCursor")}"));

        Assert.Equal(["+919876546004", "+919876546003"], Phones(firstPage));
        Assert.Equal(["+919876546002", "+919876546001"], Phones(secondPage));
        Assert.Equal(3, (await client.ListLeadsAsync("tag=vip")).Count);
        Assert.Single(await client.ListLeadsAsync("status=interested"));
        Assert.Equal(3, (await client.ListLeadsAsync("q=asha")).Count);
        Assert.Single(await client.ListLeadsAsync("q=98765%2046003"));
        Assert.Single(await client.ListLeadsAsync("q=person2%40example"));
        Assert.Equal(5, (await client.ListLeadsAsync("source=api")).Count);
        Assert.Empty(await client.ListLeadsAsync("source=csv"));
        Assert.Empty(await client.ListLeadsAsync("createdFrom=2999-01-01T00:00:00Z"));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=abc")]
    [InlineData("cursor=nope")]
    [InlineData("source=fax")]
    [InlineData("createdFrom=yesterday")]
    public async Task List_InvalidParameter_Returns400NamingIt(string query)
    {
        using var client = fixture.Client();

        var response = await client.GetAsync($"/v1/leads?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var parameter = (await Json.ReadAsync(response)).GetProperty("error").GetProperty("details").Text("parameter");
        Assert.Equal(query.Split('=')[0], parameter);
    }

    [Fact]
    public async Task Patch_FieldsAndPhone_UpdatesWithoutDuplicates()
    {
        using var client = fixture.Client();
        var lead = await Json.ReadAsync(await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Asha", lastName = "V", phone = "+919876547001", email = "a@example.com" })));
        var other = await Json.ReadAsync(await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Rahul", phone = "+919876547002" })));
        var url = $"/v1/leads/{lead.Text("id")}";

        var changed = await client.PatchAsync(url, Json.Body("""{"status": "customer", "tags": "won; vip", "email": null}"""));
        var taken = await client.PatchAsync(url, Json.Body(new { phone = "09876547002" }));
        var moved = await client.PatchAsync(url, Json.Body(new { phone = "+91 98765 47003" }));
        var reuseOld = await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Meera", phone = "+919876547001" }));
        var clashWithMoved = await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Kiran", phone = "9876547003" }));
        var invalid = await client.PatchAsync(url, Json.Body(new { firstName = "" }));

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var body = await Json.ReadAsync(changed);
        Assert.Equal("Customer", body.Text("status"));
        Assert.Equal(["won", "vip"], Tags(body));
        Assert.Null(body.Text("email"));
        Assert.Equal("V", body.Text("lastName"));

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(other.Text("id"), (await Json.ReadAsync(taken)).GetProperty("error").GetProperty("details").Text("existingLeadId"));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("+919876547003", (await Json.ReadAsync(moved)).Text("phone"));
        Assert.Equal(HttpStatusCode.Created, reuseOld.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, clashWithMoved.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
    }

    [Fact]
    public async Task Patch_UnknownOrOtherAccountsLead_Returns404()
    {
        using var owner = fixture.Client();
        var lead = await Json.ReadAsync(await owner.PostAsync("/v1/leads", Json.Body(new { firstName = "Asha", phone = "+919876547010" })));
        using var stranger = fixture.Client(await fixture.CreateOtherAccountTokenAsync());

        var foreign = await stranger.PatchAsync($"/v1/leads/{lead.Text("id")}", Json.Body(new { status = "Busy" }));
        var unknown = await owner.PatchAsync($"/v1/leads/{Guid.CreateVersion7()}", Json.Body(new { status = "Busy" }));

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task BulkUpdate_ByPhone_ReturnsResultPerItemInOrder()
    {
        using var client = fixture.Client();
        await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Asha", phone = "+919876548001" }));
        await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Rahul", phone = "+919876548002" }));

        var response = await client.PostAsync("/v1/leads/bulk-update", Json.Body(new
        {
            items = new object[]
            {
                new { phone = "098765 48001", changes = new { status = "Interested" } },
                new { phone = "+919876548099", changes = new { status = "Busy" } },
                new { phone = "+919876548002", changes = new { status = "Qualified" } },
                new { phone = "12", changes = new { status = "Busy" } },
                new { phone = "+919876548002", changes = new { tags = new[] { "called" } } },
            },
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await Json.ReadAsync(response)).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["updated", "not_found", "invalid", "invalid", "updated"], results.Select(r => r.Text("outcome")));
        Assert.Equal("status", results[2].GetProperty("errors")[0].Text("field"));
        var asha = Assert.Single(await client.ListLeadsAsync("q=9876548001"));
        Assert.Equal("Interested", asha.Text("status"));
        Assert.Equal(["called"], Tags(Assert.Single(await client.ListLeadsAsync("q=9876548002"))));
    }

    [Fact]
    public async Task IdempotencyKey_Retry_ReturnsFirstAnswerAndCreatesOnce()
    {
        using var client = fixture.Client();
        var key = Guid.NewGuid().ToString();

        var first = await SendWithKeyAsync(client, key, new { firstName = "Asha", phone = "+919876549001" });
        var retry = await SendWithKeyAsync(client, key, new { firstName = "Asha", phone = "+919876549001" });
        var reused = await SendWithKeyAsync(client, key, new { firstName = "Other", phone = "+919876549002" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("idempotency_key_reused", (await Json.ReadAsync(reused)).GetProperty("error").Text("code"));
        Assert.Empty(await client.ListLeadsAsync("q=9876549002"));
    }

    [Fact]
    public async Task ApiTokens_CreateListRevoke_EnforcesScopes()
    {
        using var admin = fixture.Client(await fixture.CreateOtherAccountTokenAsync());

        var created = await admin.PostAsync("/v1/api-tokens", Json.Body(new { name = "zapier", scopes = new[] { "leads:write" } }));
        var createdBody = await Json.ReadAsync(created);
        var token = createdBody.Text("token")!;
        var tokenId = createdBody.Text("id")!;
        using var zapier = fixture.Client(token);

        var write = await zapier.PostAsync("/v1/leads", Json.Body(new { firstName = "Asha", phone = "+919876549101" }));
        var read = await zapier.GetAsync("/v1/leads");
        var settings = await zapier.PostAsync("/v1/webhook-keys", Json.Body(new { name = "x" }));
        var list = await admin.GetStringAsync("/v1/api-tokens");
        var revoked = await admin.DeleteAsync($"/v1/api-tokens/{tokenId}");
        var afterRevoke = await zapier.PostAsync("/v1/leads", Json.Body(new { firstName = "Asha", phone = "+919876549102" }));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("cly_", token, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, write.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, settings.StatusCode);
        Assert.Contains("zapier", list, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
    }

    [Fact]
    public async Task ApiTokens_UnknownScope_Returns422()
    {
        using var admin = fixture.Client();

        var response = await admin.PostAsync("/v1/api-tokens", Json.Body(new { name = "bad", scopes = new[] { "leads:delete" } }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("leads:delete", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiTokens_OtherAccountsToken_CannotBeRevoked()
    {
        using var admin = fixture.Client();
        using var stranger = fixture.Client(await fixture.CreateOtherAccountTokenAsync());
        var created = await Json.ReadAsync(await admin.PostAsync("/v1/api-tokens", Json.Body(new { name = "mine", scopes = new[] { TokenScopes.LeadsRead } })));

        var response = await stranger.DeleteAsync($"/v1/api-tokens/{created.Text("id")}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendWithKeyAsync(HttpClient client, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/leads") { Content = Json.Body(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private static Task<string> ReadCaseAsync(string file) => File.ReadAllTextAsync(Path.Combine(CaseFolder, file));

    private static List<JsonElement> Results(JsonElement batch) => batch.GetProperty("results").EnumerateArray().ToList();

    private static List<string?> Tags(JsonElement lead) => lead.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToList();

    private static List<string?> Phones(JsonElement page) => page.GetProperty("leads").EnumerateArray().Select(l => l.Text("phone")).ToList();
}

public sealed class SqlitePublicApiTests(SqliteServerFixture fixture) : PublicApiTests<SqliteServerFixture>(fixture);

public sealed class PostgreSqlPublicApiTests(PostgreSqlServerFixture fixture) : PublicApiTests<PostgreSqlServerFixture>(fixture);
