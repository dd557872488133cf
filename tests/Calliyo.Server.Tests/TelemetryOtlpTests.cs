using System.Net;
using System.Text;

namespace Calliyo.Server.Tests;

/// <summary>With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, a real server exports traces, metrics and logs, without personal data.</summary>
public sealed class TelemetryOtlpTests : IAsyncLifetime
{
    private readonly SqliteBackend _backend = new();
    private readonly OtlpReceiver _collector = new();

    public Task InitializeAsync() => _backend.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _collector.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task OtlpEndpoint_Set_ExportsEverySignal()
    {
        var settings = new Dictionary<string, string?>(_backend.Settings)
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",

            // Export intervals in milliseconds, short so that the test does not wait for the defaults (5 s, 60 s).
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",

            // Request logs, so that log records are written while spans are current.
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        };
        await using var server = new CalliyoServerFactory(settings);
        using var client = server.CreateClient(CalliyoServerFactory.BootstrapToken);
        var (keyId, webhookToken) = await client.CreateWebhookKeyAsync(new { name = "Export form" });

        var apiLead = await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Peregrine", lastName = "Ashdown", phone = "+91 98765 63001", email = "peregrine.ashdown@example.com" }));
        var hookLead = await client.PostHookAsync(keyId, webhookToken, Json.Body(new { name = "Wilhelmina Crabtree", phone = "+919876563002" }));
        var exported = await _collector.WaitForAsync(TimeSpan.FromSeconds(20), requests =>
            Exported(requests, "/v1/traces", "capture lead") && Exported(requests, "/v1/traces", "webhook submission")
            && Exported(requests, "/v1/metrics", "calliyo.leads.captured") && Exported(requests, "/v1/logs", "Request finished"));

        Assert.Equal(HttpStatusCode.Created, apiLead.StatusCode);
        Assert.Equal(HttpStatusCode.Created, hookLead.StatusCode);
        Assert.True(exported, $"Not every signal arrived; received {string.Join(", ", _collector.Requests.GroupBy(r => r.Path).Select(g => $"{g.Count()} on {g.Key}"))}.");

        // OTLP carries strings as UTF-8 bytes, so a personal value in any attribute, span name or
        // log message would show up as these bytes in some request body.
        var bodies = _collector.Requests.Select(request => request.Body).ToList();
        string[] secrets = ["9876563001", "9876563002", "Peregrine", "Ashdown", "peregrine.ashdown", "Wilhelmina", "Crabtree", webhookToken, CalliyoServerFactory.BootstrapToken];
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(bodies, body => Contains(body, secret));
        }
    }

    private static bool Exported(IReadOnlyList<(string Path, byte[] Body)> requests, string path, string text) =>
        requests.Any(request => request.Path == path && Contains(request.Body, text));

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
