using System.Net;

namespace Calliyo.Server.Tests;

/// <summary>
/// A 201 means the lead is committed: it must survive a graceful restart and a SIGKILL of
/// the process right after the response.
/// </summary>
public abstract class DurabilityTests<TBackend> : IAsyncLifetime
    where TBackend : StorageBackend, new()
{
    private readonly TBackend _backend = new();

    public Task InitializeAsync() => _backend.InitializeAsync();

    public Task DisposeAsync() => _backend.DisposeAsync();

    [Fact]
    public async Task Lead_AfterRestart_IsStillThereAndStillDeduped()
    {
        string? location;
        await using (var first = new CalliyoServerFactory(_backend.Settings))
        {
            using var client = first.CreateClient(CalliyoServerFactory.BootstrapToken);
            var created = await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Asha", phone = "+91 98765 42001" }));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            location = created.Headers.Location!.ToString();
        }

        await using var second = new CalliyoServerFactory(_backend.Settings);
        using var again = second.CreateClient(CalliyoServerFactory.BootstrapToken);

        var read = await again.GetAsync(location);
        var duplicate = await again.PostAsync("/v1/leads", Json.Body(new { firstName = "A", phone = "9876542001" }));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        var existingId = (await Json.ReadAsync(duplicate)).GetProperty("error").GetProperty("details").Text("existingLeadId");
        Assert.EndsWith(existingId!, location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lead_AfterSigkillRightAfter201_IsStillThere()
    {
        var locations = new List<string>();
        ServerPorts ports;
        await using (var server = await ServerProcess.StartAsync(_backend.Settings))
        {
            ports = server.Ports;
            using var client = server.CreateClient();
            var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
                client.PostAsync("/v1/leads", Json.Body(new { firstName = $"Lead {i}", phone = $"+91 98765 43{i:D3}" }))));

            await server.KillAsync();

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            locations.AddRange(responses.Select(r => r.Headers.Location!.ToString()));
        }

        // Same ports, as a restarted pod or service keeps them. The new silo then replaces the
        // dead one in the cluster at once instead of waiting for it to be voted dead.
        await using var restarted = await ServerProcess.StartAsync(_backend.Settings, ports);
        using var reader = restarted.CreateClient();
        foreach (var location in locations)
        {
            var read = await reader.GetAsync(location);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }
    }
}

public sealed class SqliteDurabilityTests : DurabilityTests<SqliteBackend>;

public sealed class PostgreSqlDurabilityTests : DurabilityTests<PostgreSqlBackend>;
