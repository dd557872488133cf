using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Calliyo.Testing;
using Npgsql;

namespace Calliyo.Server.Tests;

/// <summary>
/// Three server processes on loopback ports with one PostgreSQL database and one cluster id,
/// as three hosts of a cluster would run, and a webhook key shared by the tests.
/// </summary>
public sealed class ThreeSiloClusterFixture : IAsyncLifetime
{
    /// <summary>How long the silos get to see each other as active.</summary>
    private static readonly TimeSpan FormationTimeout = TimeSpan.FromSeconds(60);

    private readonly PostgresDatabase _database = new();

    public ServerProcess[] Silos { get; } = new ServerProcess[3];

    public Dictionary<string, string?> Settings { get; private set; } = [];

    public Guid KeyId { get; private set; }

    public string KeyToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["ConnectionStrings:Calliyo"] = _database.ConnectionString,
            ["Orleans:ClusterId"] = $"cluster-test-{Guid.NewGuid():N}",
        };

        var started = await Task.WhenAll(Enumerable.Range(0, Silos.Length).Select(_ => ServerProcess.StartAsync(Settings)));
        started.CopyTo(Silos, 0);
        await WaitForActiveSilosAsync(Silos.Length);

        using var admin = Silos[0].CreateClient();
        (KeyId, KeyToken) = await admin.CreateWebhookKeyAsync(new { name = "Cluster burst", rateLimitPerMinute = 1_000_000 });
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in Silos.Where(silo => silo is not null))
        {
            await silo.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    /// <summary>Waits until every silo's <c>GET /v1/cluster</c> reports <paramref name="count"/> active silos.</summary>
    public async Task WaitForActiveSilosAsync(int count)
    {
        var deadline = DateTime.UtcNow + FormationTimeout;
        var seen = new int[Silos.Length];
        while (DateTime.UtcNow < deadline)
        {
            for (var i = 0; i < Silos.Length; i++)
            {
                seen[i] = await ReadActiveSilosAsync(Silos[i]);
            }

            if (seen.All(active => active == count))
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The silos did not all see {count} active silos within {FormationTimeout}; they saw {string.Join(", ", seen)}.");
    }

    /// <summary>Kills or stops silo <paramref name="index"/> first, then starts it again on the same ports, so it takes its old place.</summary>
    public async Task RestartAsync(int index)
    {
        var ports = Silos[index].Ports;
        await Silos[index].DisposeAsync();
        Silos[index] = await ServerProcess.StartAsync(Settings, ports);
    }

    /// <summary>Reads every lead created through the shared webhook key straight from the database.</summary>
    public async Task<List<(Guid Id, string Phone)>> ReadKeyLeadsAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, phone_e164 FROM leads WHERE source_ref = @key", connection);
        command.Parameters.AddWithValue("key", KeyId.ToString());
        await using var reader = await command.ExecuteReaderAsync();

        var leads = new List<(Guid, string)>();
        while (await reader.ReadAsync())
        {
            leads.Add((reader.GetGuid(0), reader.GetString(1)));
        }

        return leads;
    }

    private static async Task<int> ReadActiveSilosAsync(ServerProcess silo)
    {
        try
        {
            using var client = silo.CreateClient();
            client.Timeout = TimeSpan.FromSeconds(5);
            var cluster = await Json.ReadAsync(await client.GetAsync("/v1/cluster"));
            return cluster.GetProperty("activeSilos").GetInt32();
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            return -1;
        }
    }
}

/// <summary>
/// A multi-silo cluster on one PostgreSQL database: dedupe across silos under a burst, no lost
/// or duplicated acknowledged lead when a silo is killed, and a graceful stop on SIGTERM.
/// </summary>
public sealed class ClusterTests(ThreeSiloClusterFixture cluster) : IClassFixture<ThreeSiloClusterFixture>
{
    /// <summary>Requests in flight at once during a burst, across all silos.</summary>
    private const int BurstConcurrency = 24;

    [Fact]
    public async Task Burst_OnThreeSilos_CreatesOneLeadPerPhone()
    {
        var phones = Phones(prefix: "9877001", count: 40);
        var sends = phones.SelectMany(phone => Enumerable.Range(0, 6).Select(copy => (Phone: phone, Silo: copy % 3))).ToList();

        var results = await SendBurstAsync(sends, _ => { });

        Assert.All(results, result => Assert.True(result.Status is 200 or 201,
            $"{result.Phone} on silo {result.Silo}: {result.Status} {result.Error}\n{ErrorLines(cluster.Silos[result.Silo].Output)}"));
        foreach (var group in results.GroupBy(result => result.Phone))
        {
            Assert.Single(group, result => result.Status == 201);
            Assert.Single(group.Select(result => result.LeadId).Distinct());
        }

        var stored = (await cluster.ReadKeyLeadsAsync()).Where(lead => phones.Contains(lead.Phone)).ToList();
        Assert.Equal(phones.Order(), stored.Select(lead => lead.Phone).Order());
        Assert.Equal(results.Where(r => r.Status == 201).Select(r => r.LeadId).Order(), stored.Select(lead => (Guid?)lead.Id).Order());
    }

    [Fact]
    public async Task Sigkill_DuringBurst_LosesNoAcknowledgedLead()
    {
        var phones = Phones(prefix: "9877002", count: 100);
        var sends = phones.SelectMany(phone => Enumerable.Range(0, 3).Select(copy => (Phone: phone, Silo: copy))).OrderBy(_ => Random.Shared.Next()).ToList();
        Task? restart = null;

        var results = await SendBurstAsync(sends, completed =>
        {
            if (completed == sends.Count / 3 && restart is null)
            {
                restart = KillAndRestartAsync(2);
            }
        });
        await restart!;
        await cluster.WaitForActiveSilosAsync(3);

        var stored = (await cluster.ReadKeyLeadsAsync()).Where(lead => phones.Contains(lead.Phone)).ToList();
        AssertAcknowledgedLeadsStored(results, stored);
        Assert.Contains(results, result => result.Status is 200 or 201);
        Assert.Contains(results, result => result.Status is not (200 or 201));

        // The survivors log the death as a warning (event 5102), which the default levels show.
        for (var attempt = 0; attempt < 50 && !cluster.Silos[0].Output.Contains("was declared dead", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(100);
        }

        Assert.Contains("was declared dead", cluster.Silos[0].Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_DuringBurst_StoresEveryAcknowledgedLead()
    {
        var phones = Phones(prefix: "9877003", count: 200);
        var sends = phones.Select(phone => (Phone: phone, Silo: 0)).ToList();
        var stopping = cluster.Silos[0];
        var terminated = false;

        try
        {
            var results = await SendBurstAsync(sends, completed =>
            {
                if (completed == sends.Count / 4 && !terminated)
                {
                    terminated = true;
                    stopping.Terminate();
                }
            });
            var exited = await stopping.WaitForExitAsync(TimeSpan.FromSeconds(60));

            Assert.True(exited, $"The silo did not stop within 60 s of SIGTERM:\n{stopping.Output}");
            Assert.Equal(0, stopping.ExitCode);
            var stored = (await cluster.ReadKeyLeadsAsync()).Where(lead => phones.Contains(lead.Phone)).ToList();
            AssertAcknowledgedLeadsStored(results, stored);
            Assert.True(results.Count(result => result.Status == 201) >= sends.Count / 4, "The silo acknowledged the leads sent before SIGTERM.");
        }
        finally
        {
            // The other tests of the class expect three silos.
            await cluster.RestartAsync(0);
            await cluster.WaitForActiveSilosAsync(3);
        }
    }

    /// <summary>Every 2xx names a stored lead, and no phone has more than one stored or acknowledged lead.</summary>
    private static void AssertAcknowledgedLeadsStored(IReadOnlyList<BurstResult> results, List<(Guid Id, string Phone)> stored)
    {
        var storedByPhone = stored.GroupBy(lead => lead.Phone).ToDictionary(group => group.Key, group => group.Select(lead => lead.Id).ToList());
        Assert.All(storedByPhone, pair => Assert.Single(pair.Value));

        foreach (var acknowledged in results.Where(result => result.Status is 200 or 201))
        {
            Assert.True(storedByPhone.TryGetValue(acknowledged.Phone, out var ids), $"{acknowledged.Phone} got {acknowledged.Status} but no lead is stored.");
            Assert.Equal(ids[0], acknowledged.LeadId);
        }
    }

    private async Task KillAndRestartAsync(int index)
    {
        await cluster.Silos[index].KillAsync();
        await cluster.RestartAsync(index);
    }

    /// <summary>
    /// Sends one webhook submission per item, <see cref="BurstConcurrency"/> at a time, each to the
    /// HTTP port of its silo; <paramref name="onCompleted"/> gets the number of completed sends.
    /// </summary>
    private async Task<IReadOnlyList<BurstResult>> SendBurstAsync(IReadOnlyList<(string Phone, int Silo)> sends, Action<int> onCompleted)
    {
        var ports = cluster.Silos.Select(silo => silo.BaseAddress).ToArray();
        var clients = ports.Select(address => new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) }).ToArray();
        var results = new ConcurrentBag<BurstResult>();
        var completed = 0;
        using var slots = new SemaphoreSlim(BurstConcurrency);

        try
        {
            await Task.WhenAll(sends.Select(async send =>
            {
                await slots.WaitAsync();
                try
                {
                    results.Add(await SendOneAsync(clients[send.Silo], send.Phone, send.Silo));
                }
                finally
                {
                    slots.Release();
                    onCompleted(Interlocked.Increment(ref completed));
                }
            }));
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        return [.. results];
    }

    private async Task<BurstResult> SendOneAsync(HttpClient client, string phone, int silo)
    {
        try
        {
            var response = await client.PostHookAsync(cluster.KeyId, cluster.KeyToken, Json.Body(new { firstName = "Burst", phone }));
            var body = await response.Content.ReadAsStringAsync();
            Guid? leadId = null;
            if (response.IsSuccessStatusCode)
            {
                var json = JsonDocument.Parse(body).RootElement;
                leadId = Guid.Parse(json.Text(response.StatusCode == HttpStatusCode.Created ? "leadId" : "existingLeadId")!);
            }

            return new BurstResult(phone, silo, (int)response.StatusCode, leadId, response.IsSuccessStatusCode ? null : body);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return new BurstResult(phone, silo, 0, null, exception.GetType().Name);
        }
    }

    private static HashSet<string> Phones(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => $"+91{prefix}{i:D3}")];

    /// <summary>One submission's outcome: the HTTP status (0 when no response came) and the lead it names.</summary>
    private sealed record BurstResult(string Phone, int Silo, int Status, Guid? LeadId, string? Error);

    /// <summary>Returns the error lines of a silo's output, for failure messages.</summary>
    private static string ErrorLines(string output) =>
        string.Join('\n', output.Split('\n').SkipWhile(line => !line.Contains("fail:", StringComparison.Ordinal)).Take(40));
}
