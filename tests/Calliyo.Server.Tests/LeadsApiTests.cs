using System.Net;
using System.Text.Json;
using Calliyo.Domain.Tokens;
using Calliyo.Testing;

namespace Calliyo.Server.Tests;

/// <summary>The public lead API against a real database; each backend runs the same suite.</summary>
public abstract class LeadsApiTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : ServerFixture
{
    private static readonly string CaseFolder = TestFiles.Fixture("cases", "23-json-api-typed-values");

    [Fact]
    public async Task Create_ValidLead_Returns201WithStoredLead()
    {
        using var client = fixture.Client();

        var response = await client.PostAsync("/v1/leads", Json.Body(new
        {
            firstName = "  Asha ",
            lastName = "Verma",
            phone = "+91 98765 41001",
            email = "asha.verma@example.com",
            tags = new[] { "vip", "VIP", "hot" },
        }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var lead = await Json.ReadAsync(response);
        Assert.Equal("Asha", lead.Text("firstName"));
        Assert.Equal("+919876541001", lead.Text("phone"));
        Assert.Null(lead.Text("phoneExtension"));
        Assert.Equal(["vip", "hot"], lead.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("Unassigned", lead.Text("status"));
        Assert.Equal("api", lead.Text("source"));
        Assert.Equal($"/v1/leads/{lead.Text("id")}", response.Headers.Location!.ToString());

        var read = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("+919876541001", (await Json.ReadAsync(read)).Text("phone"));
    }

    [Fact]
    public async Task Create_SameNumberTypedDifferently_Returns409WithExistingId()
    {
        using var client = fixture.Client();
        var first = await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Kiran", phone = "+91 98765 41002" }));
        var firstId = (await Json.ReadAsync(first)).Text("id");

        var again = await client.PostAsync("/v1/leads", Json.Body(new { firstName = "K", phone = "098765 41002" }));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var error = (await Json.ReadAsync(again)).GetProperty("error");
        Assert.Equal("duplicate_phone", error.Text("code"));
        Assert.Equal(firstId, error.GetProperty("details").Text("existingLeadId"));
    }

    [Fact]
    public async Task Create_ConcurrentSameNumber_CreatesExactlyOne()
    {
        using var client = fixture.Client();
        string[] formats = ["+91 98765 41003", "098765 41003", "9876541003", "919876541003", "0091 98765 41003"];

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            client.PostAsync("/v1/leads", Json.Body(new { firstName = $"Caller {i}", phone = formats[i % formats.Length] }))));

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        var duplicates = responses.Where(r => r.StatusCode == HttpStatusCode.Conflict).ToList();
        Assert.Single(created);
        Assert.Equal(49, duplicates.Count);

        var createdId = (await Json.ReadAsync(created[0])).Text("id");
        foreach (var duplicate in duplicates)
        {
            var details = (await Json.ReadAsync(duplicate)).GetProperty("error").GetProperty("details");
            Assert.Equal(createdId, details.Text("existingLeadId"));
        }
    }

    [Fact]
    public async Task Create_InvalidFields_Returns422WithEveryField()
    {
        using var client = fixture.Client();

        var response = await client.PostAsync("/v1/leads", Json.Body(new
        {
            firstName = " ",
            phone = "98765 4321",
            email = "asha@",
            status = "Qualified",
        }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = (await Json.ReadAsync(response)).GetProperty("error");
        Assert.Equal("validation_failed", error.Text("code"));
        var fields = error.GetProperty("details").GetProperty("fields").EnumerateArray().ToList();
        Assert.Equal(["firstName", "phone", "email", "status"], fields.Select(f => f.Text("field")));
        Assert.Equal("98765 4321", fields[1].Text("value"));
        Assert.Contains("98765 4321", fields[1].Text("message"), StringComparison.Ordinal);
        Assert.Contains("Followups", fields[3].Text("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_StatusAnyCase_StoresCanonicalSpelling()
    {
        using var client = fixture.Client();

        var response = await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Meera", phone = "98765 41004", status = "not INTERESTED" }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Not Interested", (await Json.ReadAsync(response)).Text("status"));
    }

    [Fact]
    public async Task Create_Extension_DedupesOnNumberAndExtension()
    {
        using var client = fixture.Client();

        var first = await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Asha", phone = "+91 80 4567 1100 ext. 101" }));
        var otherDesk = await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Rahul", phone = "080 4567 1100 x102" }));
        var sameDesk = await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Meera", phone = "080-4567-1100 ext. 101" }));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var lead = await Json.ReadAsync(first);
        Assert.Equal("+918045671100", lead.Text("phone"));
        Assert.Equal("101", lead.Text("phoneExtension"));
        Assert.Equal(HttpStatusCode.Created, otherDesk.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, sameDesk.StatusCode);
    }

    [Fact]
    public async Task Create_PhoneAsJsonNumber_Returns400NamingPhone()
    {
        using var client = fixture.Client();
        var body = await File.ReadAllTextAsync(Path.Combine(CaseFolder, "request-1-phone-as-json-number.json"));

        var response = await client.PostAsync("/v1/leads", Json.Body(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await Json.ReadAsync(response)).GetProperty("error");
        var field = Assert.Single(error.GetProperty("details").GetProperty("fields").EnumerateArray());
        Assert.Equal("phone", field.Text("field"));
        Assert.Equal("wrong_type", field.Text("code"));
        Assert.Contains("\"919876540231\"", field.Text("message"), StringComparison.Ordinal);
        Assert.Contains("in quotes", field.Text("message"), StringComparison.Ordinal);

        // Nothing was stored: the same number sent as a string is new.
        var asString = await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Asha", phone = "+919876540231" }));
        Assert.Equal(HttpStatusCode.Created, asString.StatusCode);
    }

    [Fact]
    public async Task Create_MalformedJson_Returns400WithLine()
    {
        using var client = fixture.Client();
        var body = await File.ReadAllTextAsync(Path.Combine(CaseFolder, "request-6-invalid-json-leading-zero.json"));

        var response = await client.PostAsync("/v1/leads", Json.Body(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await Json.ReadAsync(response)).GetProperty("error");
        Assert.Equal("malformed_json", error.Text("code"));
        Assert.Equal(4, error.GetProperty("details").GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Create_UnicodeEscapes_StoresExactText()
    {
        using var client = fixture.Client();
        var body = await File.ReadAllTextAsync(Path.Combine(CaseFolder, "request-5-unicode-escapes.json"));

        var response = await client.PostAsync("/v1/leads", Json.Body(body));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var lead = await Json.ReadAsync(response);
        Assert.Equal("\u0906\u0936\u093E \U0001F338", lead.Text("firstName"));
        Assert.Equal("\u0935\u0930\u094D\u092E\u093E", lead.Text("lastName"));
        Assert.Equal("+919876540237", lead.Text("phone"));
    }

    [Fact]
    public async Task Create_NullsAndMissingPhone_DefaultsOrRejects()
    {
        using var client = fixture.Client();
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(CaseFolder, "request-4-nulls-and-missing.json")));
        var items = document.RootElement.GetProperty("leads").EnumerateArray().Select(item => item.GetRawText()).ToList();

        var withNulls = await client.PostAsync("/v1/leads", Json.Body(items[0]));
        var withoutPhone = await client.PostAsync("/v1/leads", Json.Body(items[1]));

        Assert.Equal(HttpStatusCode.Created, withNulls.StatusCode);
        var lead = await Json.ReadAsync(withNulls);
        Assert.Equal("+919876540236", lead.Text("phone"));
        Assert.Null(lead.Text("lastName"));
        Assert.Null(lead.Text("email"));
        Assert.Equal("Unassigned", lead.Text("status"));
        Assert.Empty(lead.GetProperty("tags").EnumerateArray());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, withoutPhone.StatusCode);
        var field = Assert.Single((await Json.ReadAsync(withoutPhone)).GetProperty("error").GetProperty("details").GetProperty("fields").EnumerateArray());
        Assert.Equal("phone", field.Text("field"));
        Assert.Equal("required", field.Text("code"));
    }

    [Fact]
    public async Task Create_EmptyBody_Returns400NotServerError()
    {
        using var client = fixture.Client();

        var lead = await client.PostAsync("/v1/leads", Json.Body(""));
        var (keyId, token) = await client.CreateWebhookKeyAsync(new { name = "Empty bodies" });
        var hook = await client.PostHookAsync(keyId, token, Json.Body(""));

        Assert.Equal(HttpStatusCode.BadRequest, lead.StatusCode);
        Assert.Equal("malformed_json", (await Json.ReadAsync(lead)).GetProperty("error").Text("code"));
        Assert.Equal(HttpStatusCode.BadRequest, hook.StatusCode);
    }

    [Fact]
    public async Task Create_HugeFieldValue_IsEchoedShortened()
    {
        using var client = fixture.Client();

        var response = await client.PostAsync("/v1/leads", Json.Body(new { firstName = new string('A', 5_000), phone = "9876541020" }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var field = Assert.Single((await Json.ReadAsync(response)).GetProperty("error").GetProperty("details").GetProperty("fields").EnumerateArray());
        Assert.Equal("too_long", field.Text("code"));
        Assert.Equal(201, field.Text("value")!.Length);
    }

    [Fact]
    public async Task Create_WrongContentType_Returns400()
    {
        using var client = fixture.Client();

        var response = await client.PostAsync("/v1/leads", new StringContent("firstName=Asha&phone=9876541005", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_media_type", (await Json.ReadAsync(response)).GetProperty("error").Text("code"));
    }

    [Fact]
    public async Task Create_OversizedBody_Returns413()
    {
        using var client = fixture.Client();
        var padding = new string('a', 70 * 1024);

        var response = await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Asha", phone = "9876541006", note = padding }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("payload_too_large", (await Json.ReadAsync(response)).GetProperty("error").Text("code"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("cly_0000000000000000_not-a-real-secret")]
    [InlineData("some-other-token")]
    public async Task Create_MissingOrUnknownToken_Returns401(string? token)
    {
        using var client = fixture.Client(token);

        var response = await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Asha", phone = "9876541007" }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", (await Json.ReadAsync(response)).GetProperty("error").Text("code"));
    }

    [Fact]
    public async Task Create_TokenWithoutWriteScope_Returns403()
    {
        using var client = fixture.Client(await fixture.CreateTokenAsync(TokenScopes.LeadsRead));

        var response = await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Asha", phone = "9876541008" }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = (await Json.ReadAsync(response)).GetProperty("error");
        Assert.Equal("insufficient_scope", error.Text("code"));
        Assert.Equal("leads:write", error.GetProperty("details").Text("requiredScope"));
    }

    [Fact]
    public async Task Get_UnknownOrMalformedId_Returns404()
    {
        using var client = fixture.Client();

        var unknown = await client.GetAsync($"/v1/leads/{Guid.CreateVersion7()}");
        var malformed = await client.GetAsync("/v1/leads/not-a-lead-id");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        Assert.Equal("not_found", (await Json.ReadAsync(unknown)).GetProperty("error").Text("code"));
    }

    [Fact]
    public async Task Get_LeadOfAnotherAccount_Returns404()
    {
        using var owner = fixture.Client();
        var created = await owner.PostAsync("/v1/leads", Json.Body(new { firstName = "Asha", phone = "9876541009" }));
        var location = created.Headers.Location;
        using var stranger = fixture.Client(await fixture.CreateOtherAccountTokenAsync());

        var response = await stranger.GetAsync(location);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Create_SameNumberInAnotherAccount_IsNotDuplicate()
    {
        using var owner = fixture.Client();
        using var other = fixture.Client(await fixture.CreateOtherAccountTokenAsync());

        var first = await owner.PostAsync("/v1/leads", Json.Body(new { firstName = "Asha", phone = "9876541010" }));
        var second = await other.PostAsync("/v1/leads", Json.Body(new { firstName = "Asha", phone = "9876541010" }));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
    }

    [Fact]
    public async Task Health_ReadyAndLive_Return200()
    {
        using var client = fixture.Client(null);

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var checks = (await Json.ReadAsync(ready)).GetProperty("checks");
        Assert.Equal("healthy", checks.GetProperty("database").Text("status"));
        Assert.Equal("healthy", checks.GetProperty("silo").Text("status"));
    }
}

public sealed class SqliteLeadsApiTests(SqliteServerFixture fixture) : LeadsApiTests<SqliteServerFixture>(fixture);

public sealed class PostgreSqlLeadsApiTests(PostgreSqlServerFixture fixture) : LeadsApiTests<PostgreSqlServerFixture>(fixture);
