using Calliyo.Storage.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Calliyo.Storage.Tests;

public abstract class WebhookRequestLogTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : DatabaseFixture
{
    [Fact]
    public async Task Append_2600Entries_KeepsNewest1000()
    {
        var keyId = await CreateKeyAsync();
        var log = new WebhookRequestLog(fixture.Database, NullLogger<WebhookRequestLog>.Instance);
        await log.StartAsync(CancellationToken.None);
        var start = DateTimeOffset.UtcNow;
        var entries = Enumerable.Range(0, 2_600).Select(i => Entry(keyId, start.AddMilliseconds(i), i)).ToList();

        foreach (var entry in entries)
        {
            log.Append(entry);
        }

        await log.FlushAsync(CancellationToken.None);
        await log.StopAsync(CancellationToken.None);

        var listed = await log.ListAsync(keyId, WebhookRequestLog.MaxEntriesPerKey, CancellationToken.None);
        Assert.Equal(entries.TakeLast(WebhookRequestLog.MaxEntriesPerKey).Reverse().Select(e => e.Id), listed.Select(e => e.Id));
        Assert.Equal("reason 2599", listed[0].Reason);
        Assert.Equal("+919876543210", listed[0].Fields!["phone"]);

        var stored = await CountAsync(keyId);
        Assert.InRange(stored, WebhookRequestLog.MaxEntriesPerKey, WebhookRequestLog.MaxEntriesPerKey + WebhookRequestLog.TrimEvery + 500);
    }

    [Fact]
    public async Task Append_TwoSilos_KeepsNewest1000OfBoth()
    {
        var keyId = await CreateKeyAsync();
        var busy = new WebhookRequestLog(fixture.Database, NullLogger<WebhookRequestLog>.Instance);
        var quiet = new WebhookRequestLog(fixture.Database, NullLogger<WebhookRequestLog>.Instance);
        await busy.StartAsync(CancellationToken.None);
        await quiet.StartAsync(CancellationToken.None);
        var start = DateTimeOffset.UtcNow;

        // The quiet silo writes one entry in ten, so the busy silo's cut lands among them.
        var entries = Enumerable.Range(0, 3_000).Select(i => Entry(keyId, start.AddMilliseconds(i), i)).ToList();
        for (var i = 0; i < entries.Count; i++)
        {
            (i % 10 == 0 ? quiet : busy).Append(entries[i]);
        }

        await busy.FlushAsync(CancellationToken.None);
        await quiet.FlushAsync(CancellationToken.None);
        await busy.StopAsync(CancellationToken.None);
        await quiet.StopAsync(CancellationToken.None);

        var listed = await busy.ListAsync(keyId, WebhookRequestLog.MaxEntriesPerKey, CancellationToken.None);
        Assert.Equal(entries.TakeLast(WebhookRequestLog.MaxEntriesPerKey).Reverse().Select(e => e.Id), listed.Select(e => e.Id));
        Assert.True(await CountAsync(keyId) < entries.Count);
    }

    private static WebhookRequestRecord Entry(Guid keyId, DateTimeOffset receivedAt, int number) => new(
        Guid.CreateVersion7(receivedAt), keyId, receivedAt, "created", 201, $"reason {number}", Guid.NewGuid(), "json",
        new Dictionary<string, string> { ["phone"] = "+919876543210" });

    private async Task<Guid> CreateKeyAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var key = new WebhookKeyRecord(Guid.NewGuid(), fixture.AccountId, "Log test", new byte[32], [], null, null, [], 600, true, now, now);
        await new WebhookKeyStore(fixture.Database).InsertAsync(key, CancellationToken.None);
        return key.Id;
    }

    private async Task<long> CountAsync(Guid keyId)
    {
        await using var connection = await fixture.Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM webhook_requests WHERE key_id = @key_id";
        SqlDialect.Add(command, "key_id", fixture.Database.Dialect.Id(keyId));
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class SqliteWebhookRequestLogTests(SqliteDatabaseFixture fixture) : WebhookRequestLogTests<SqliteDatabaseFixture>(fixture);

public sealed class PostgreSqlWebhookRequestLogTests(PostgreSqlDatabaseFixture fixture) : WebhookRequestLogTests<PostgreSqlDatabaseFixture>(fixture);
