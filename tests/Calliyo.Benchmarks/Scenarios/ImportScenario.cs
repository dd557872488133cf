using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Calliyo.Benchmarks.Data;
using Calliyo.Benchmarks.Hosting;
using Calliyo.Storage;
using Calliyo.Storage.Leads;

namespace Calliyo.Benchmarks.Scenarios;

/// <summary>
/// The <c>import</c> scenario: a generated lead CSV (10 MiB by default) imported through the
/// public API of a fresh server, upload to completed job, on PostgreSQL and on SQLite, against
/// the floor for the same rows already normalized (<see cref="WriterFloors"/>). Checks that the
/// server stored exactly the unique valid numbers of the file.
/// </summary>
internal sealed class ImportScenario(BenchOptions options, BenchPostgres postgres, string workDirectory, Func<string> serverDll)
{
    public async Task<IReadOnlyList<Check>> RunAsync(CancellationToken cancellationToken)
    {
        var bytes = options.Smoke ? 200_000L : 10L * 1024 * 1024;
        var file = ImportFile.Generate(bytes);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"== import: {file.Content.Length:N0} bytes, {file.Rows:N0} rows, {file.UniqueValidPhones.Count:N0} unique valid numbers expected"));

        var checks = new List<Check>();
        foreach (var provider in new[] { StorageProvider.PostgreSql, StorageProvider.Sqlite })
        {
            var floor = await RunFloorAsync(provider, file, cancellationToken);
            var server = await RunServerAsync(provider, file, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   {provider,-10} floor {floor:0.000} s   server {server.Seconds:0.000} s ({file.Rows / server.Seconds:N0} rows/s)   x floor {server.Seconds / floor:0.00}   server peak RSS {server.PeakRssMiB:N0} MiB"));

            checks.Add(new Check(string.Create(CultureInfo.InvariantCulture,
                $"{provider} import completed and stored {server.Stored:N0} leads ({server.Imported:N0} imported) for {file.UniqueValidPhones.Count:N0} unique valid numbers"),
                server.Completed && server.Stored == file.UniqueValidPhones.Count && server.Imported == file.UniqueValidPhones.Count));
        }

        foreach (var check in checks)
        {
            Console.WriteLine(check);
        }

        return checks;
    }

    private async Task<double> RunFloorAsync(StorageProvider provider, ImportFile file, CancellationToken cancellationToken)
    {
        var (settings, cleanup) = await CreateStorageAsync(provider, "floor", cancellationToken);
        try
        {
            await using var storage = await StorageSetup.CreateAsync(settings, cancellationToken);
            var now = DateTimeOffset.UtcNow;
            var leads = file.UniqueValidPhones.Select((phone, i) => new LeadRecord(
                Guid.CreateVersion7(now), storage.AccountId, $"Lead{i}", "Kumar", phone, null, phone, $"lead{i}@example.com",
                ["vip", "hot"], "Unassigned", "csv", "bench", i + 1, now, now)).ToList();

            var (seconds, _) = await WriterFloors.InsertAsync(storage.Database, leads, cancellationToken);
            return seconds;
        }
        finally
        {
            await cleanup();
        }
    }

    private async Task<ServerImport> RunServerAsync(StorageProvider provider, ImportFile file, CancellationToken cancellationToken)
    {
        var (settings, cleanup) = await CreateStorageAsync(provider, "server", cancellationToken);
        try
        {
            var port = FreePort.Next();
            var token = $"bench-{Guid.NewGuid():N}";
            var environment = new Dictionary<string, string>
            {
                ["DOTNET_gcServer"] = "1",
                ["Calliyo__BootstrapToken"] = token,
                ["Urls"] = $"http://127.0.0.1:{port}",
                ["Orleans__AdvertisedAddress"] = "127.0.0.1",
                ["Orleans__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
                ["Orleans__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            };
            foreach (var (key, value) in settings)
            {
                environment[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
            }

            var dll = serverDll();
            await using var server = ChildProcess.StartDotnet(
                "server", [dll], environment, Path.Combine(workDirectory, $"import-{provider}-server.log"), workingDirectory: Path.GetDirectoryName(dll));
            await server.WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{port}/health/ready"), cancellationToken);

            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            var started = Stopwatch.GetTimestamp();
            using var body = new ByteArrayContent(file.Content);
            body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            var upload = await client.PostAsync("/v1/imports?start=true", body, cancellationToken);
            var id = (await upload.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetString();

            JsonElement job;
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
            do
            {
                await Task.Delay(50, cancellationToken);
                job = await client.GetFromJsonAsync<JsonElement>($"/v1/imports/{id}", cancellationToken);
            }
            while (job.GetProperty("status").GetString() is "uploaded" or "running" && DateTime.UtcNow < deadline);

            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var peakRss = ReadPeakRssMiB(server.Id);
            var imported = job.GetProperty("counts").GetProperty("imported").GetInt32();
            var stored = await CountLeadsAsync(provider, settings, cancellationToken);
            return new ServerImport(seconds, job.GetProperty("status").GetString() == "completed", imported, stored, peakRss);
        }
        finally
        {
            await cleanup();
        }
    }

    private async Task<(Dictionary<string, string?> Settings, Func<Task> Cleanup)> CreateStorageAsync(StorageProvider provider, string role, CancellationToken cancellationToken)
    {
        if (provider == StorageProvider.PostgreSql)
        {
            var name = $"bench_import_{role}";
            var connectionString = await postgres.CreateDatabaseAsync(name, cancellationToken);
            return (new Dictionary<string, string?> { ["Storage:Provider"] = "PostgreSql", ["ConnectionStrings:Calliyo"] = connectionString },
                () => postgres.DropDatabaseAsync(name, CancellationToken.None));
        }

        var directory = Path.Combine(workDirectory, $"import-sqlite-{role}");
        Directory.CreateDirectory(directory);
        return (new Dictionary<string, string?> { ["Storage:Provider"] = "Sqlite", ["Storage:DataDirectory"] = directory },
            () =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(directory, recursive: true);
                return Task.CompletedTask;
            });
    }

    private static async Task<long> CountLeadsAsync(StorageProvider provider, Dictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        await using var database = DatabaseFactory.Create(new StorageOptions
        {
            Provider = provider,
            ConnectionString = settings.GetValueOrDefault("ConnectionStrings:Calliyo"),
            DataDirectory = settings.GetValueOrDefault("Storage:DataDirectory") ?? "data",
        });
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM leads";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static double ReadPeakRssMiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private sealed record ServerImport(double Seconds, bool Completed, int Imported, long Stored, double PeakRssMiB);
}
