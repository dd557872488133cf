using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Calliyo.Storage.Webhooks;
using Calliyo.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Calliyo.Server.Tests;

/// <summary>Inbound webhooks end to end: keys, submissions of each payload shape, and their checks.</summary>
public abstract class WebhookTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : ServerFixture
{
    [Fact]
    public async Task GoogleAdsLeadForm_CaseSequence_GivesExpectedOutcomes()
    {
        using var admin = fixture.Client(await fixture.CreateOtherAccountTokenAsync());
        var (keyId, token) = await admin.CreateWebhookKeyAsync(new { name = "Google Ads" });
        var folder = TestFiles.Fixture("cases", "20-google-ads-lead-form-webhook");

        // Google sends the key inside the body; the admin pasted our token into Google's key field.
        async Task<HttpResponseMessage> SendAsync(string file)
        {
            var body = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, file)))!;
            if ((string?)body["google_key"] == "calliyo-demo-key-7f3a")
            {
                body["google_key"] = token;
            }

            return await admin.PostHookAsync(keyId, null, Json.Body(body.ToJsonString()));
        }

        var first = await SendAsync("request-1-real-lead.json");
        var redelivered = await SendAsync("request-2-same-lead-redelivered.json");
        var wrongKey = await SendAsync("request-3-wrong-google-key.json");
        var testButton = await SendAsync("request-4-google-test-button.json");
        var threePartName = await SendAsync("request-5-three-part-name-work-email.json");
        var customQuestion = await SendAsync("request-6-first-last-custom-question.json");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(first.StatusCode, redelivered.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await redelivered.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.DoesNotContain(token, await wrongKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, testButton.StatusCode);
        Assert.Equal("test", (await Json.ReadAsync(testButton)).Text("outcome"));
        Assert.Equal(HttpStatusCode.Created, threePartName.StatusCode);
        Assert.Equal(HttpStatusCode.Created, customQuestion.StatusCode);

        var leads = (await admin.ListLeadsAsync()).ToDictionary(lead => lead.Text("phone")!);
        Assert.Equal(["+919876540201", "+919876540205", "+919876540206"], leads.Keys.Order());
        Assert.Equal(("Asha", "Verma", "asha.verma@example.com"), Person(leads["+919876540201"]));
        Assert.Equal(("Mohammed", "Irfan Khan", "irfan.khan@example.com"), Person(leads["+919876540205"]));
        Assert.Equal(("Meera", "Iyer", null), Person(leads["+919876540206"]));
        Assert.All(leads.Values, lead => Assert.Equal("webhook", lead.Text("source")));
        Assert.All(leads.Values, lead => Assert.Equal(keyId.ToString(), lead.Text("sourceRef")));
    }

    [Fact]
    public async Task MetaLeadAdsViaZapier_CaseSequence_GivesExpectedOutcomes()
    {
        using var admin = fixture.Client(await fixture.CreateOtherAccountTokenAsync());
        var (keyId, token) = await admin.CreateWebhookKeyAsync(new { name = "Zapier" });
        var folder = TestFiles.Fixture("cases", "21-meta-lead-ads-via-zapier");
        string[] files =
        [
            "request-1-graph-lead-forwarded.json", "request-2-first-last-multiselect.json", "request-3-meta-test-lead.json",
            "request-4-same-lead-redelivered.json", "request-5-zap-mapped-fields.json",
        ];

        var responses = new List<HttpResponseMessage>();
        foreach (var file in files)
        {
            responses.Add(await admin.PostHookAsync(keyId, token, Json.Body(await File.ReadAllTextAsync(Path.Combine(folder, file)))));
        }

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode}"));
        Assert.Equal("test", (await Json.ReadAsync(responses[2])).Text("outcome"));
        Assert.Equal(await responses[0].Content.ReadAsStringAsync(), await responses[3].Content.ReadAsStringAsync());

        var leads = (await admin.ListLeadsAsync()).ToDictionary(lead => lead.Text("phone")!);
        Assert.Equal(["+919876540211", "+919876540212", "+919876540215"], leads.Keys.Order());
        Assert.Equal(("Rahul", "Nair", "rahul.nair@example.com"), Person(leads["+919876540211"]));
        Assert.Equal("Zoya", leads["+919876540212"].Text("firstName"));
        Assert.Equal("Khan", leads["+919876540212"].Text("lastName"));
        Assert.Equal(("Dev", "Patel", "dev.patel@example.com"), Person(leads["+919876540215"]));
        Assert.Equal(["fb-ads", "hot"], leads["+919876540215"].GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task HtmlForm_WithDefaultsAndUnencodedPlus_CreatesLead()
    {
        using var admin = fixture.Client();
        var (keyId, token) = await admin.CreateWebhookKeyAsync(new { name = "Site", defaultStatus = "followups", defaultTags = new[] { "website" } });
        var form = new StringContent($"name=Kabir+Shah&phone=+919876545001&tags=vip&webhook_token={token}", Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await admin.PostHookAsync(keyId, null, form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var leadId = (await Json.ReadAsync(response)).Text("leadId");
        var lead = await Json.ReadAsync(await admin.GetAsync($"/v1/leads/{leadId}"));
        Assert.Equal("Kabir", lead.Text("firstName"));
        Assert.Equal("Shah", lead.Text("lastName"));
        Assert.Equal("+919876545001", lead.Text("phone"));
        Assert.Equal("Followups", lead.Text("status"));
        Assert.Equal(["website", "vip"], lead.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Honeypot_Filled_AnswersOkAndStoresNothing()
    {
        using var admin = fixture.Client();
        var (keyId, token) = await admin.CreateWebhookKeyAsync(new { name = "Spam trap", honeypotField = "website" });

        var response = await admin.PostHookAsync(keyId, token, Json.Body(new { name = "Bot", phone = "+919876545002", website = "http://spam.example" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await admin.ListLeadsAsync("q=9876545002"));
        var entry = Assert.Single(await ReadLogAsync(admin, keyId));
        Assert.Equal("spam", entry.Text("outcome"));
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("fields").ValueKind);
    }

    [Theory]
    [InlineData("https://shop.example.com", HttpStatusCode.Created)]
    [InlineData("https://a.b.example.com", HttpStatusCode.Created)]
    [InlineData("https://example.com", HttpStatusCode.Forbidden)]
    [InlineData("https://evil-example.com", HttpStatusCode.Forbidden)]
    [InlineData("https://forms.partner.org:8443", HttpStatusCode.Created)]
    [InlineData(null, HttpStatusCode.Created)]
    public async Task AllowedDomains_Wildcards_CheckOrigin(string? origin, HttpStatusCode expected)
    {
        using var admin = fixture.Client();
        var (keyId, token) = await admin.CreateWebhookKeyAsync(new { name = "Domains", allowedDomains = new[] { "*.example.com", "forms.partner.org" } });
        var phone = $"+9198765{Random.Shared.Next(10_000, 99_999)}";

        var response = await admin.PostHookAsync(keyId, token, Json.Body(new { firstName = "Asha", phone }), origin);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Token_WrongMissingOrRegenerated_IsRejected()
    {
        using var admin = fixture.Client();
        var (keyId, token) = await admin.CreateWebhookKeyAsync(new { name = "Rotate" });
        var body = new { firstName = "Asha", phone = "+919876545003" };

        var wrong = await admin.PostHookAsync(keyId, "whk_wrong", Json.Body(body));
        var missing = await admin.PostHookAsync(keyId, null, Json.Body(body));
        var regenerated = await Json.ReadAsync(await admin.PostAsync($"/v1/webhook-keys/{keyId}/regenerate", null));
        var withOld = await admin.PostHookAsync(keyId, token, Json.Body(body));
        var withNew = await admin.PostHookAsync(keyId, regenerated.Text("token"), Json.Body(body));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.Created, withNew.StatusCode);
    }

    [Fact]
    public async Task Key_DisabledOrUnknown_Returns403Or404()
    {
        using var admin = fixture.Client();
        var (keyId, token) = await admin.CreateWebhookKeyAsync(new { name = "Old form" });

        var deleted = await admin.DeleteAsync($"/v1/webhook-keys/{keyId}");
        var disabled = await admin.PostHookAsync(keyId, token, Json.Body(new { firstName = "Asha", phone = "+919876545004" }));
        var unknown = await admin.PostHookAsync(Guid.CreateVersion7(), token, Json.Body(new { firstName = "Asha", phone = "+919876545004" }));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.False((await Json.ReadAsync(await admin.GetAsync($"/v1/webhook-keys/{keyId}"))).GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Submission_KnownPhone_Answers200Duplicate()
    {
        using var admin = fixture.Client();
        var (keyId, token) = await admin.CreateWebhookKeyAsync(new { name = "Dupes" });

        var first = await admin.PostHookAsync(keyId, token, Json.Body(new { firstName = "Asha", phone = "+919876545005" }));
        var again = await admin.PostHookAsync(keyId, token, Json.Body(new { firstName = "Asha", phone = "09876545005" }));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await Json.ReadAsync(again);
        Assert.Equal("duplicate", body.Text("outcome"));
        Assert.Equal((await Json.ReadAsync(first)).Text("leadId"), body.Text("existingLeadId"));
    }

    [Fact]
    public async Task RateLimit_Exceeded_Returns429WithRetryAfter()
    {
        using var admin = fixture.Client();
        var (keyId, token) = await admin.CreateWebhookKeyAsync(new { name = "Tight", rateLimitPerMinute = 2 });

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            responses.Add(await admin.PostHookAsync(keyId, token, Json.Body(new { firstName = "Asha", phone = $"+91987654501{i}" })));
        }

        Assert.Equal(HttpStatusCode.Created, responses[0].StatusCode);
        Assert.Equal(HttpStatusCode.Created, responses[1].StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, responses[2].StatusCode);
        Assert.True(responses[2].Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task RejectedSubmission_AfterSettingsFix_CanBeReplayed()
    {
        using var admin = fixture.Client(await fixture.CreateOtherAccountTokenAsync());
        var (keyId, token) = await admin.CreateWebhookKeyAsync(new { name = "Expo form" });

        var rejected = await admin.PostHookAsync(keyId, token, Json.Body(new { firstName = "Isha", phone = "+919876545020", status = "Expo Visitor" }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.StatusCode);
        var entry = Assert.Single(await ReadLogAsync(admin, keyId));
        Assert.Equal("invalid", entry.Text("outcome"));
        Assert.Equal("Expo Visitor", entry.GetProperty("fields").Text("status"));

        await admin.AddStatusAsync("Expo Visitor");
        var replay = await admin.PostAsync($"/v1/webhook-keys/{keyId}/requests/{entry.Text("id")}/replay", null);

        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        var lead = Assert.Single(await admin.ListLeadsAsync("q=9876545020"));
        Assert.Equal("Expo Visitor", lead.Text("status"));
    }

    [Fact]
    public async Task RequestLog_NeverHoldsTheToken()
    {
        using var admin = fixture.Client();
        var (keyId, token) = await admin.CreateWebhookKeyAsync(new { name = "Secrets" });
        var form = new StringContent($"name=Asha&phone=%2B919876545030&webhook_token={token}", Encoding.UTF8, "application/x-www-form-urlencoded");

        await admin.PostHookAsync(keyId, null, form);
        await fixture.Factory.Services.GetRequiredService<WebhookRequestLog>().FlushAsync(CancellationToken.None);

        var log = await admin.GetStringAsync($"/v1/webhook-keys/{keyId}/requests");
        Assert.DoesNotContain(token, log, StringComparison.Ordinal);
        Assert.Contains("+919876545030", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Burst_2000SubmissionsOver200Phones_Creates200Leads()
    {
        using var admin = fixture.Client(await fixture.CreateOtherAccountTokenAsync());
        var (keyId, token) = await admin.CreateWebhookKeyAsync(new { name = "Burst", rateLimitPerMinute = 100_000 });
        var phones = Enumerable.Range(0, 200).Select(i => $"+91 99001 {i:D5}").ToList();

        var responses = await Task.WhenAll(Enumerable.Range(0, 2_000).Select(i =>
            admin.PostHookAsync(keyId, token, Json.Body(new { firstName = $"Burst {i}", phone = phones[i % phones.Count] }))));

        var unexpected = await Task.WhenAll(responses
            .Where(r => r.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
            .Select(async r => $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}"));
        Assert.Empty(unexpected);
        Assert.Equal(200, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(1_800, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(200, (await admin.ListLeadsAsync()).Count);
    }

    [Fact]
    public async Task KeyManagement_InvalidSettings_Returns422PerField()
    {
        using var admin = fixture.Client();

        var response = await admin.PostAsync("/v1/webhook-keys", Json.Body(new
        {
            name = "",
            allowedDomains = new[] { "not a domain" },
            defaultStatus = "Qualified",
            rateLimitPerMinute = 0,
        }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var fields = (await Json.ReadAsync(response)).GetProperty("error").GetProperty("details").GetProperty("fields")
            .EnumerateArray().Select(f => f.Text("field")).ToList();
        Assert.Equal(["name", "allowedDomains", "defaultStatus", "rateLimitPerMinute"], fields);
    }

    [Fact]
    public async Task KeyManagement_OtherAccountsKey_Returns404()
    {
        using var owner = fixture.Client();
        var (keyId, _) = await owner.CreateWebhookKeyAsync(new { name = "Mine" });
        using var stranger = fixture.Client(await fixture.CreateOtherAccountTokenAsync());

        var read = await stranger.GetAsync($"/v1/webhook-keys/{keyId}");
        var patch = await stranger.PatchAsync($"/v1/webhook-keys/{keyId}", Json.Body(new { name = "Theirs" }));
        var log = await stranger.GetAsync($"/v1/webhook-keys/{keyId}/requests");

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, log.StatusCode);
    }

    [Fact]
    public async Task KeyManagement_ListAndGet_NeverShowTheToken()
    {
        using var admin = fixture.Client();
        var (keyId, token) = await admin.CreateWebhookKeyAsync(new { name = "Hidden" });

        var list = await admin.GetStringAsync("/v1/webhook-keys");
        var one = await admin.GetStringAsync($"/v1/webhook-keys/{keyId}");

        Assert.DoesNotContain(token, list, StringComparison.Ordinal);
        Assert.DoesNotContain(token, one, StringComparison.Ordinal);
        Assert.Contains($"/v1/hooks/{keyId}", one, StringComparison.Ordinal);
    }

    private async Task<List<JsonElement>> ReadLogAsync(HttpClient admin, Guid keyId)
    {
        await fixture.Factory.Services.GetRequiredService<WebhookRequestLog>().FlushAsync(CancellationToken.None);
        var log = await Json.ReadAsync(await admin.GetAsync($"/v1/webhook-keys/{keyId}/requests"));
        return log.GetProperty("requests").EnumerateArray().ToList();
    }

    private static (string?, string?, string?) Person(JsonElement lead) =>
        (lead.Text("firstName"), lead.Text("lastName"), lead.Text("email"));
}

public sealed class SqliteWebhookTests(SqliteServerFixture fixture) : WebhookTests<SqliteServerFixture>(fixture);

public sealed class PostgreSqlWebhookTests(PostgreSqlServerFixture fixture) : WebhookTests<PostgreSqlServerFixture>(fixture);
