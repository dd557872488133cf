using System.Diagnostics;
using System.Net;
using Calliyo.Grains.Telemetry;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry.Trace;

namespace Calliyo.Server.Tests;

/// <summary>
/// A real in-memory server on SQLite with tracing on, its spans collected by OpenTelemetry's
/// in-memory exporter, and a low API-token rate limit so a test can reach it.
/// </summary>
public sealed class TelemetryServerFixture : IAsyncLifetime
{
    private readonly SqliteBackend _backend = new();
    private CalliyoServerFactory _server = null!;

    public SpanRecorder Spans { get; } = new();

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _backend.InitializeAsync();
        var settings = new Dictionary<string, string?>(_backend.Settings)
        {
            ["Telemetry:Tracing"] = "true",
            ["Calliyo:RateLimits:TokenRequestsPerSecond"] = "1",
            ["Calliyo:RateLimits:TokenBurst"] = "20",
        };

        _server = new CalliyoServerFactory(settings);
        Factory = _server.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans))));
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _server.DisposeAsync();
        await _backend.DisposeAsync();
    }

    public HttpClient Client(string? token = CalliyoServerFactory.BootstrapToken)
    {
        var client = Factory.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Creates a token of its own for a test, so that its rate-limit bucket is the test's alone.</summary>
    public async Task<string> CreateTokenAsync(params string[] scopes)
    {
        using var admin = Client();
        var response = await admin.PostAsync("/v1/api-tokens", Json.Body(new { name = "telemetry", scopes }));
        var body = await Json.ReadAsync(response);
        Assert.True(response.IsSuccessStatusCode, $"Creating a token failed with {(int)response.StatusCode}: {body}");
        return body.Text("token")!;
    }
}

/// <summary>Calliyo's metrics and spans, read back from a real server while it captures leads.</summary>
public sealed class TelemetryTests(TelemetryServerFixture fixture) : IClassFixture<TelemetryServerFixture>
{
    private const string Source = CalliyoTelemetry.Attributes.LeadSource;
    private const string Outcome = CalliyoTelemetry.Attributes.CaptureOutcome;

    [Fact]
    public async Task ApiCapture_EachOutcome_CountsLeadsCaptured()
    {
        using var recorder = new MeasurementRecorder(fixture.Factory.Services);
        using var client = fixture.Client(await fixture.CreateTokenAsync("leads:write"));

        var created = await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Asha", phone = "+91 98765 61001" }));
        var duplicate = await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Asha", phone = "098765 61001" }));
        var invalid = await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Asha", phone = "12" }));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Equal(1, recorder.Sum(CaptureMetrics.LeadsCaptured, (Source, "api"), (Outcome, "created")));
        Assert.Equal(1, recorder.Sum(CaptureMetrics.LeadsCaptured, (Source, "api"), (Outcome, "duplicate")));
        Assert.Equal(1, recorder.Sum(CaptureMetrics.LeadsCaptured, (Source, "api"), (Outcome, "invalid")));
        Assert.Equal(3, recorder.Of(CaptureMetrics.CaptureDuration, (Source, "api")).Count);
        Assert.All(recorder.Of(CaptureMetrics.LeadsCaptured), m => Assert.Equal("{lead}", m.Unit));
        Assert.All(recorder.Of(CaptureMetrics.CaptureDuration), m => Assert.Equal("s", m.Unit));
    }

    [Fact]
    public async Task ApiBatch_MixedItems_CountsEveryItem()
    {
        using var recorder = new MeasurementRecorder(fixture.Factory.Services);
        using var client = fixture.Client(await fixture.CreateTokenAsync("leads:write"));
        var body = new
        {
            leads = new object[]
            {
                new { firstName = "A", phone = "+91 98765 61011" },
                new { firstName = "B", phone = "+91 98765 61011" },
                new { firstName = "C", phone = "+91 98765 61012" },
                new { firstName = "", phone = "+91 98765 61013" },
            },
        };

        var response = await client.PostAsync("/v1/leads/batch", Json.Body(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, recorder.Sum(CaptureMetrics.LeadsCaptured, (Source, "api"), (Outcome, "created")));
        Assert.Equal(1, recorder.Sum(CaptureMetrics.LeadsCaptured, (Source, "api"), (Outcome, "duplicate")));
        Assert.Equal(1, recorder.Sum(CaptureMetrics.LeadsCaptured, (Source, "api"), (Outcome, "invalid")));
    }

    [Fact]
    public async Task WebhookSubmissions_EachOutcome_CountsRequestsAndLeads()
    {
        using var recorder = new MeasurementRecorder(fixture.Factory.Services);
        using var admin = fixture.Client();
        var (keyId, token) = await admin.CreateWebhookKeyAsync(new { name = "Telemetry form", honeypotField = "website", rateLimitPerMinute = 4 });

        var wrongToken = await admin.PostHookAsync(keyId, "whk_wrong", Json.Body(new { firstName = "Asha", phone = "+919876561021" }));
        var created = await admin.PostHookAsync(keyId, token, Json.Body(new { firstName = "Asha", phone = "+919876561021" }));
        var duplicate = await admin.PostHookAsync(keyId, token, Json.Body(new { firstName = "Asha", phone = "09876561021" }));
        var invalid = await admin.PostHookAsync(keyId, token, Json.Body(new { firstName = "Asha", phone = "12" }));
        var spam = await admin.PostHookAsync(keyId, token, Json.Body(new { firstName = "Bot", phone = "+919876561022", website = "http://spam.example" }));
        var limited = await admin.PostHookAsync(keyId, token, Json.Body(new { firstName = "Asha", phone = "+919876561023" }));

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.UnprocessableEntity, HttpStatusCode.OK, HttpStatusCode.TooManyRequests],
            new[] { wrongToken, created, duplicate, invalid, spam, limited }.Select(r => r.StatusCode));

        const string WebhookOutcome = CalliyoTelemetry.Attributes.WebhookOutcome;
        foreach (var outcome in new[] { "unauthorized", "created", "duplicate", "invalid", "spam", "rate_limited" })
        {
            Assert.True(recorder.Sum(WebhookMetrics.Requests, (WebhookOutcome, outcome)) == 1, $"calliyo.webhook.requests with outcome {outcome}");
        }

        foreach (var outcome in new[] { "created", "duplicate", "invalid", "spam" })
        {
            Assert.True(recorder.Sum(CaptureMetrics.LeadsCaptured, (Source, "webhook"), (Outcome, outcome)) == 1, $"calliyo.leads.captured with outcome {outcome}");
        }

        var rateLimited = recorder.Observe(RateLimitMetrics.RateLimited);
        Assert.Equal(1, rateLimited.Single(m => Equals(m.Tags[CalliyoTelemetry.Attributes.RateLimitScope], "webhook_key")).Value);
    }

    [Fact]
    public async Task ApiToken_OverItsLimit_CountsRateLimited()
    {
        using var recorder = new MeasurementRecorder(fixture.Factory.Services);
        using var client = fixture.Client(await fixture.CreateTokenAsync("leads:read"));
        var before = ApiTokenRejections(recorder);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            statuses.Add((await client.GetAsync($"/v1/leads/{Guid.CreateVersion7()}")).StatusCode);
        }

        var rejected = statuses.Count(status => status == HttpStatusCode.TooManyRequests);
        Assert.True(rejected > 0, "The token's burst of 20 should run out within 30 requests.");
        Assert.Equal(rejected, ApiTokenRejections(recorder) - before);
    }

    [Fact]
    public async Task ImportInstruments_BeforeAnyImport_ReportZero()
    {
        using var recorder = new MeasurementRecorder(fixture.Factory.Services);

        var rows = recorder.Observe(ImportMetrics.Rows);
        var running = recorder.Observe(ImportMetrics.RunningJobs);

        Assert.Equal(["blank", "duplicate", "duplicate_in_file", "imported", "invalid"],
            rows.Select(m => (string)m.Tags[CalliyoTelemetry.Attributes.ImportRowOutcome]!).Order());
        Assert.All(rows, m => Assert.Equal(0, m.Value));
        Assert.Equal(0, Assert.Single(running).Value);
    }

    [Fact]
    public async Task ApiCapture_Trace_SpansHttpAndGrains()
    {
        using var client = fixture.Client(await fixture.CreateTokenAsync("leads:write"));
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/leads") { Content = Json.Body(new { firstName = "Asha", phone = "+91 98765 61031" }) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        var response = await client.SendAsync(request);
        var spans = await fixture.Spans.WaitForTraceAsync(traceId, found =>
            found.Any(s => s.Source.Name == "Microsoft.AspNetCore") && found.Any(s => s.Source.Name == CalliyoTelemetry.Name)
            && found.Count(s => s.Source.Name == "Microsoft.Orleans.Application") >= 2);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains(spans, s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server);
        var capture = Assert.Single(spans, s => s.Source.Name == CalliyoTelemetry.Name);
        Assert.Equal("capture lead", capture.DisplayName);
        Assert.Equal("api", capture.GetTagItem(Source));
        Assert.Equal("created", capture.GetTagItem(Outcome));

        // The client and server spans of the phone number's grain call, in the same trace.
        var grainCalls = spans.Where(s => s.Source.Name == "Microsoft.Orleans.Application").ToList();
        Assert.Contains(grainCalls, s => s.DisplayName.Contains("PhoneNumberGrain", StringComparison.Ordinal) && s.Kind == ActivityKind.Client);
        Assert.Contains(grainCalls, s => s.DisplayName.Contains("PhoneNumberGrain", StringComparison.Ordinal) && s.Kind == ActivityKind.Server);
    }

    [Fact]
    public async Task Telemetry_AfterCaptures_HoldsNoPersonalData()
    {
        using var recorder = new MeasurementRecorder(fixture.Factory.Services);
        var apiToken = await fixture.CreateTokenAsync("leads:write", "leads:read");
        using var client = fixture.Client(apiToken);
        using var admin = fixture.Client();
        var (keyId, webhookToken) = await admin.CreateWebhookKeyAsync(new { name = "Privacy form" });
        var traces = new List<ActivityTraceId>();

        async Task<HttpResponseMessage> SendAsync(HttpClient sender, HttpRequestMessage request)
        {
            var traceId = ActivityTraceId.CreateRandom();
            traces.Add(traceId);
            request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
            return await sender.SendAsync(request);
        }

        var apiLead = new HttpRequestMessage(HttpMethod.Post, "/v1/leads")
        {
            Content = Json.Body(new { firstName = "Zorawar", lastName = "Quixley", phone = "+91 98765 61041", email = "zorawar.quixley@example.com" }),
        };
        var hookLead = new HttpRequestMessage(HttpMethod.Post, $"/v1/hooks/{keyId}")
        {
            Content = Json.Body(new { name = "Ysolde Marchbanks", phone = "+919876561042", email = "ysolde.marchbanks@example.com" }),
        };
        hookLead.Headers.Add("X-Webhook-Token", webhookToken);
        var search = new HttpRequestMessage(HttpMethod.Get, "/v1/leads?q=9876561041");

        Assert.Equal(HttpStatusCode.Created, (await SendAsync(client, apiLead)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(admin, hookLead)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, search)).StatusCode);

        var spans = new List<Activity>();
        foreach (var traceId in traces)
        {
            spans.AddRange(await fixture.Spans.WaitForTraceAsync(traceId, found => found.Any(s => s.Source.Name == "Microsoft.AspNetCore")));
        }

        string[] secrets = ["9876561041", "9876561042", "Zorawar", "Quixley", "Ysolde", "Marchbanks", "zorawar.quixley", "ysolde.marchbanks", apiToken, webhookToken];
        var values = spans.SelectMany(s => s.TagObjects.Select(tag => $"span '{s.DisplayName}' {tag.Key}={tag.Value}").Append($"span name {s.DisplayName}"))
            .Concat(spans.SelectMany(s => s.Events.SelectMany(e => e.Tags.Select(tag => $"span event {e.Name} {tag.Key}={tag.Value}"))))
            .Concat(recorder.All.SelectMany(m => m.Tags.Select(tag => $"metric {m.Instrument} {tag.Key}={tag.Value}")))
            .ToList();

        Assert.True(spans.Count >= 6, $"Expected the spans of three requests; found {spans.Count}.");
        Assert.NotEmpty(recorder.All);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(values, value => value.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    private static double ApiTokenRejections(MeasurementRecorder recorder) =>
        recorder.Observe(RateLimitMetrics.RateLimited).Single(m => Equals(m.Tags[CalliyoTelemetry.Attributes.RateLimitScope], "api_token")).Value;
}
