using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Npgsql;

namespace Calliyo.Server.Tests.Imports;

/// <summary>
/// An import whose silo is killed with SIGKILL halfway: two server processes form one cluster
/// on PostgreSQL, the job runs on the first, the first dies, and the job's reminder resumes it
/// on the second. The end must be exactly the uninterrupted result with no duplicate lead.
/// </summary>
public sealed class ImportCrashTests : IAsyncLifetime
{
    private const int Records = 40_000;

    /// <summary>Short enough that the reminder, not a call, brings the job back within the test.</summary>
    private const string ResumeReminderPeriod = "00:00:03";

    private static readonly TimeSpan ResumeTimeout = TimeSpan.FromSeconds(150);

    private readonly PostgreSqlBackend _backend = new();

    public Task InitializeAsync() => _backend.InitializeAsync();

    public Task DisposeAsync() => _backend.DisposeAsync();

    [Fact]
    public async Task Import_SiloKilled_ResumesWithExactCounts()
    {
        var started = Stopwatch.StartNew();
        var settings = new Dictionary<string, string?>(_backend.Settings)
        {
            ["Orleans:ClusterId"] = $"crash-{Guid.NewGuid():N}",
            ["Imports:ResumeReminderPeriod"] = ResumeReminderPeriod,
            ["Logging:LogLevel:Calliyo.Grains.Imports"] = "Information",
        };
        var servers = await Task.WhenAll(ServerProcess.StartAsync(settings), ServerProcess.StartAsync(settings));
        await using var victim = servers[0];
        await using var survivor = servers[1];
        using var victimClient = victim.CreateClient();
        using var survivorClient = survivor.CreateClient();
        var file = new GeneratedLeadFile(Records, 9870400000);
        var ignoreStatus = new { mapping = new Dictionary<string, string> { ["4"] = "ignore" } };

        var seed = await UploadAsync(survivorClient, file.SeedFile());
        await StartAsync(survivorClient, seed, ignoreStatus);
        await WaitForStoredStatusAsync(seed, "completed");

        // The job is placed on the silo that received the upload.
        var jobId = await UploadAsync(victimClient, file.Content());
        await StartAsync(victimClient, jobId, ignoreStatus);
        var progressAtKill = await WaitForProgressAsync(victimClient, jobId, Records / 4);
        await victim.KillAsync();

        var job = await WaitForStoredStatusAsync(jobId, "completed");

        Assert.True(progressAtKill < Records, $"The import finished before the kill ({progressAtKill} rows).");
        Assert.Contains($"Import {jobId} resuming at row", survivor.Output, StringComparison.Ordinal);
        Assert.Equal(file.Expected(seeded: true), job.Counts);
        Assert.Equal(Records, job.RowsProcessed);

        var (leads, distinctPhones, fromJob) = await CountLeadsAsync(jobId);
        Assert.Equal(distinctPhones, leads);
        Assert.Equal(job.Counts.Imported, fromJob);
        Assert.Equal(job.Counts.Imported + file.SeededRecords().Count(), leads);

        var reported = await survivorClient.GetFromJsonElementAsync($"/v1/imports/{jobId}");
        Assert.Equal(file.Expected(seeded: true), reported.Counts());
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(120), $"The crash test took {started.Elapsed}.");
    }

    private static async Task<Guid> UploadAsync(HttpClient client, byte[] content)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var response = await client.PostAsync("/v1/imports", body);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return Guid.Parse((await Json.ReadAsync(response)).Text("id")!);
    }

    private static async Task StartAsync(HttpClient client, Guid jobId, object options)
    {
        var response = await client.PostAsync($"/v1/imports/{jobId}/start", Json.Body(options));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>Polls the job through the silo that runs it until it has processed at least <paramref name="rows"/> rows.</summary>
    private static async Task<int> WaitForProgressAsync(HttpClient client, Guid jobId, int rows)
    {
        var deadline = DateTime.UtcNow + ResumeTimeout;
        while (true)
        {
            var job = await client.GetFromJsonElementAsync($"/v1/imports/{jobId}");
            var processed = job.Int("rowsProcessed");
            if (processed >= rows || job.Text("status") != "running")
            {
                return processed;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Import {jobId} made no progress: {job}");
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Polls the job's listing row in the database, which its checkpoints update, without calling
    /// the job: only its reminder can bring it back after the kill.
    /// </summary>
    private async Task<StoredJob> WaitForStoredStatusAsync(Guid jobId, string status)
    {
        var deadline = DateTime.UtcNow + ResumeTimeout;
        while (true)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT status, rows_processed, imported, duplicates_existing, duplicates_in_file, errors, blank_rows FROM import_jobs WHERE id = @id", connection);
            command.Parameters.AddWithValue("id", jobId);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync(), $"Import {jobId} is not in the listing.");

            var job = new StoredJob(reader.GetString(0), reader.GetInt32(1),
                (reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6)));
            if (job.Status == status)
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Import {jobId} is still {job.Status} at row {job.RowsProcessed} after {ResumeTimeout}.");
            await Task.Delay(250);
        }
    }

    /// <summary>Counts the leads of the default account, its distinct phone keys, and the leads the job wrote.</summary>
    private async Task<(long Leads, long DistinctPhones, long FromJob)> CountLeadsAsync(Guid jobId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT COUNT(*), COUNT(DISTINCT phone_key), COUNT(*) FILTER (WHERE source = 'csv' AND source_ref = @job)
            FROM leads WHERE account_id = (SELECT id FROM accounts WHERE is_default)
            """, connection);
        command.Parameters.AddWithValue("job", jobId.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private string ConnectionString => _backend.Settings["ConnectionStrings:Calliyo"]!;

    private sealed record StoredJob(
        string Status, int RowsProcessed, (int Imported, int DuplicatesExisting, int DuplicatesInFile, int Errors, int BlankRows) Counts);
}

internal static class HttpClientJsonExtensions
{
    public static async Task<JsonElement> GetFromJsonElementAsync(this HttpClient client, string url) =>
        await Json.ReadAsync(await client.GetAsync(url));
}
