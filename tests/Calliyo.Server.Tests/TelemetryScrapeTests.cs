using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Calliyo.Server.Tests;

/// <summary>
/// A real server process on PostgreSQL with JSON console logs, after a short ingest: API leads
/// (created, duplicate, invalid), webhook submissions (created, duplicate, rate limited), a small
/// CSV import run to the end, then one scrape of <c>/metrics</c>.
/// </summary>
public sealed class ScrapedServerFixture : IAsyncLifetime
{
    private readonly PostgreSqlBackend _backend = new();

    public ServerProcess Server { get; private set; } = null!;

    /// <summary>The trace id sent in the <c>traceparent</c> header of the first API lead.</summary>
    public ActivityTraceId TraceId { get; } = ActivityTraceId.CreateRandom();

    /// <summary>Names, phones, emails and tokens that were sent and must appear in no log line and no label.</summary>
    public List<string> PersonalData { get; } = ["Oriel", "Thistlewood", "oriel.thistlewood@example.com", "Bramwell", "Quennell", "bramwell.q@example.com", "Zephyrine", "9876562021"];

    public string Scrape { get; private set; } = "";

    public IReadOnlyList<PrometheusSample> Samples { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await _backend.InitializeAsync();
        var settings = new Dictionary<string, string?>(_backend.Settings)
        {
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        };

        Server = await ServerProcess.StartAsync(settings);
        PersonalData.Add(CalliyoServerFactory.BootstrapToken);
        using var client = Server.CreateClient();
        await IngestAsync(client);

        // The HTTP duration histogram is recorded as each request ends, which can be just after its response.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        do
        {
            await Task.Delay(300);
            Scrape = await client.GetStringAsync("/metrics");
            Samples = PrometheusScrape.Parse(Scrape);
        }
        while (DateTime.UtcNow < deadline && !Samples.Any(s => s.Name == "http_server_request_duration_seconds_count"
            && s.Labels.GetValueOrDefault("http_route") == "/v1/hooks/{keyId}" && s.Value >= 3));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await _backend.DisposeAsync();
    }

    private async Task IngestAsync(HttpClient client)
    {
        using var first = new HttpRequestMessage(HttpMethod.Post, "/v1/leads")
        {
            Content = Json.Body(new { firstName = "Oriel", lastName = "Thistlewood", phone = "+91 98765 62001", email = "oriel.thistlewood@example.com" }),
        };
        first.Headers.Add("traceparent", $"00-{TraceId}-{ActivitySpanId.CreateRandom()}-01");
        PersonalData.Add("9876562001");

        var responses = new List<HttpResponseMessage>
        {
            await client.SendAsync(first),
            await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Oriel", phone = "+91 98765 62002" })),
            await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Oriel", phone = "+91 98765 62003" })),
            await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Oriel", phone = "098765 62001" })),
            await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Oriel", phone = "12" })),
        };
        PersonalData.AddRange(["9876562002", "9876562003"]);

        var (keyId, token) = await client.CreateWebhookKeyAsync(new { name = "Scrape form", rateLimitPerMinute = 2 });
        PersonalData.Add(token);
        var hook = new { name = "Bramwell Quennell", phone = "+919876562011", email = "bramwell.q@example.com" };
        responses.Add(await client.PostHookAsync(keyId, token, Json.Body(hook)));
        responses.Add(await client.PostHookAsync(keyId, token, Json.Body(hook)));
        responses.Add(await client.PostHookAsync(keyId, token, Json.Body(hook)));
        PersonalData.Add("9876562011");

        HttpStatusCode[] expected =
        [
            HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity,
            HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.TooManyRequests,
        ];
        if (!responses.Select(r => r.StatusCode).SequenceEqual(expected))
        {
            throw new InvalidOperationException($"The ingest got {string.Join(", ", responses.Select(r => (int)r.StatusCode))}; expected {string.Join(", ", expected.Select(s => (int)s))}.");
        }

        await ImportAsync(client);
    }

    /// <summary>Runs one small import to the end, so the import series (job duration included) exist.</summary>
    private static async Task ImportAsync(HttpClient client)
    {
        var csv = new StringContent("FirstName,Phone\nZephyrine,+91 98765 62021\nZephyrine,098765 62021\nNoPhone,\n", System.Text.Encoding.UTF8, "text/csv");
        var upload = await client.PostAsync("/v1/imports?start=true", csv);
        var id = (await Json.ReadAsync(upload)).Text("id");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var job = await Json.ReadAsync(await client.GetAsync($"/v1/imports/{id}"));
            if (job.Text("status") == "completed")
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"Import {id} did not complete within 30 s.");
    }
}

/// <summary>
/// Dashboards and alert rules may only query metrics that the service really emits, and the
/// scrape, logs and labels of a real server carry the expected series and no personal data.
/// </summary>
public sealed class TelemetryScrapeTests(ScrapedServerFixture fixture) : IClassFixture<ScrapedServerFixture>
{
    [Fact]
    public void Dashboards_QueryOnlyEmittedMetrics()
    {
        var files = Directory.GetFiles(RepositoryFiles.Path("dashboards"), "*.json");
        var emitted = EmittedNames();

        Assert.Equal(["calliyo-cluster.json", "calliyo-imports.json", "calliyo-ingest.json"], files.Select(Path.GetFileName).Order());
        foreach (var file in files)
        {
            var expressions = DashboardExpressions(JsonNode.Parse(File.ReadAllText(file))!).ToList();
            Assert.True(expressions.Count >= 8, $"{Path.GetFileName(file)} has {expressions.Count} queries.");
            foreach (var expression in expressions)
            {
                var names = PromQlNames.Extract(expression);
                Assert.True(names.Count > 0, $"No metric name found in {Path.GetFileName(file)}: {expression}");
                Assert.All(names, name => Assert.True(emitted.Contains(name), $"{Path.GetFileName(file)} queries {name}, which the server does not emit: {expression}"));
            }
        }
    }

    [Fact]
    public void AlertRules_QueryOnlyEmittedMetrics()
    {
        var emitted = EmittedNames();
        var rules = AlertRules().ToList();

        Assert.Contains(rules, rule => rule.Alert == "CalliyoHighErrorRatio");
        Assert.Contains(rules, rule => rule.Alert == "CalliyoCaptureLatencyHigh");
        Assert.Contains(rules, rule => rule.Alert == "CalliyoImportStalled");
        foreach (var rule in rules)
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.Severity), $"{rule.Alert} has no severity label.");
            Assert.False(string.IsNullOrWhiteSpace(rule.Summary), $"{rule.Alert} has no summary annotation.");
            var names = PromQlNames.Extract(rule.Expression);
            Assert.True(names.Count > 0, $"No metric name found in {rule.Alert}: {rule.Expression}");
            Assert.All(names, name => Assert.True(emitted.Contains(name), $"{rule.Alert} queries {name}, which the server does not emit: {rule.Expression}"));
        }
    }

    [Fact]
    public void Scrape_AfterIngest_CountsEachOutcome()
    {
        Assert.Equal(3, Value("calliyo_leads_captured_total", ("calliyo_lead_source", "api"), ("calliyo_capture_outcome", "created")));
        Assert.Equal(1, Value("calliyo_leads_captured_total", ("calliyo_lead_source", "api"), ("calliyo_capture_outcome", "duplicate")));
        Assert.Equal(1, Value("calliyo_leads_captured_total", ("calliyo_lead_source", "api"), ("calliyo_capture_outcome", "invalid")));
        Assert.Equal(1, Value("calliyo_leads_captured_total", ("calliyo_lead_source", "webhook"), ("calliyo_capture_outcome", "created")));
        Assert.Equal(1, Value("calliyo_leads_captured_total", ("calliyo_lead_source", "webhook"), ("calliyo_capture_outcome", "duplicate")));
        Assert.Equal(1, Value("calliyo_webhook_requests_total", ("calliyo_webhook_outcome", "rate_limited")));
        Assert.Equal(1, Value("calliyo_requests_rate_limited_total", ("calliyo_rate_limit_scope", "webhook_key")));
        Assert.Equal(0, Value("calliyo_requests_rate_limited_total", ("calliyo_rate_limit_scope", "api_token")));
        Assert.Equal(5, Value("calliyo_capture_duration_seconds_count", ("calliyo_lead_source", "api")));
        Assert.Equal(1, Value("calliyo_cluster_silos", ("calliyo_silo_status", "active")));
        Assert.Equal(0, Value("calliyo_import_jobs_running"));
        Assert.True(Value("calliyo_writer_batch_size_sum") >= 4, "The writer committed the four new leads.");
    }

    [Fact]
    public void ScrapeLabels_HoldNoSecrets()
    {
        var pools = fixture.Samples.Where(s => s.Name.StartsWith("db_client_connection", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(pools);
        Assert.All(pools, sample => Assert.Equal(Calliyo.Storage.DatabaseFactory.PostgreSqlDataSourceName, sample.Labels["db_client_connection_pool_name"]));
        var labelValues = fixture.Samples.SelectMany(s => s.Labels.Values).Distinct().ToList();
        Assert.DoesNotContain(labelValues, value => value.Contains("Host=", StringComparison.OrdinalIgnoreCase));
        foreach (var secret in fixture.PersonalData)
        {
            Assert.DoesNotContain(labelValues, value => value.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void Logs_AfterIngest_CarryTraceIds()
    {
        var output = fixture.Server.Output;
        var traced = output.Split('\n')
            .Where(line => line.TrimStart().StartsWith('{') && line.Contains(fixture.TraceId.ToString(), StringComparison.Ordinal))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToList();

        Assert.NotEmpty(traced);
        Assert.Contains(traced, entry => entry.GetProperty("Scopes").EnumerateArray()
            .Any(scope => scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("TraceId", out var id) && id.GetString() == fixture.TraceId.ToString()));
        foreach (var secret in fixture.PersonalData)
        {
            Assert.DoesNotContain(secret, output, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void PromQlNames_TypicalQueries_FindMetrics()
    {
        Assert.Equal(["a_bucket"], PromQlNames.Extract("histogram_quantile(0.99, sum by (le, x) (rate(a_bucket{route=~\"/v1/hooks/{keyId}\"}[$__rate_interval])))"));
        Assert.Equal(["b_total", "c_total"], PromQlNames.Extract("sum(rate(b_total[5m])) / on () group_left sum(increase(c_total[1h])) > 1e-9").Order());
        Assert.Equal(["d"], PromQlNames.Extract("(sum(d) > 0) and on () (sum without (instance) (d offset 5m) == 0)"));
    }

    private HashSet<string> EmittedNames() => [.. fixture.Samples.Select(sample => sample.Name)];

    private double Value(string name, params (string Label, string Value)[] labels) =>
        fixture.Samples.Where(s => s.Name == name && labels.All(label => s.Labels.GetValueOrDefault(label.Label) == label.Value)).Sum(s => s.Value);

    /// <summary>Returns every <c>expr</c> string anywhere in a Grafana dashboard (panel targets, rows, library panels).</summary>
    private static IEnumerable<string> DashboardExpressions(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "expr" && value is JsonValue text && text.TryGetValue<string>(out var expression))
                    {
                        yield return expression;
                    }
                    else if (value is not null)
                    {
                        foreach (var nested in DashboardExpressions(value))
                        {
                            yield return nested;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array.OfType<JsonNode>().SelectMany(DashboardExpressions))
                {
                    yield return item;
                }

                break;
        }
    }

    private static IEnumerable<(string Alert, string Expression, string? Severity, string? Summary)> AlertRules()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(RepositoryFiles.Path("dashboards", "alerts.yml"))));
        var groups = (YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["groups"];

        foreach (var rule in groups.Cast<YamlMappingNode>().SelectMany(group => ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>()))
        {
            yield return (
                Scalar(rule, "alert")!,
                Scalar(rule, "expr")!,
                rule.Children.TryGetValue("labels", out var labels) ? Scalar((YamlMappingNode)labels, "severity") : null,
                rule.Children.TryGetValue("annotations", out var annotations) ? Scalar((YamlMappingNode)annotations, "summary") : null);
        }
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? ((YamlScalarNode)value).Value : null;
}
