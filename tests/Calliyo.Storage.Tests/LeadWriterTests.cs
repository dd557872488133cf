using Calliyo.Storage.Leads;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Calliyo.Storage.Tests;

public abstract class LeadWriterTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : DatabaseFixture
{
    [Fact]
    public async Task Insert_NewKeys_InsertsEachOnce()
    {
        await using var writer = await StartWriterAsync();
        var leads = Enumerable.Range(0, 300).Select(i => Lead($"+9198100{i:D5}")).ToList();

        var outcomes = await Task.WhenAll(leads.Select(lead => writer.InsertAsync(lead)));

        Assert.All(outcomes, outcome => Assert.True(outcome.Inserted));
        Assert.Equal(leads.Select(l => l.Id), outcomes.Select(o => o.LeadId));
        Assert.Equal(300, await new LeadStore(fixture.Database).CountAsync(fixture.AccountId, CancellationToken.None) - await CountOthersAsync("+9198100"));
    }

    [Fact]
    public async Task Insert_SameKeyManyTimes_ReturnsTheFirstLeadToEveryCaller()
    {
        await using var writer = await StartWriterAsync();
        var leads = Enumerable.Range(0, 100).Select(_ => Lead("+919810199999")).ToList();

        var outcomes = await Task.WhenAll(leads.Select(lead => writer.InsertAsync(lead)));

        var winner = Assert.Single(outcomes, o => o.Inserted);
        Assert.All(outcomes, outcome => Assert.Equal(winner.LeadId, outcome.LeadId));
        var stored = await new LeadStore(fixture.Database).FindAsync(fixture.AccountId, winner.LeadId, CancellationToken.None);
        Assert.Equal("+919810199999", stored!.PhoneE164);
    }

    [Fact]
    public async Task Insert_ExistingKey_ReturnsExistingLeadAndKeepsItsData()
    {
        await using var writer = await StartWriterAsync();
        var first = await writer.InsertAsync(Lead("+919810188888", firstName: "Original"));

        var second = await writer.InsertAsync(Lead("+919810188888", firstName: "Newcomer"));

        Assert.False(second.Inserted);
        Assert.Equal(first.LeadId, second.LeadId);
        var stored = await new LeadStore(fixture.Database).FindAsync(fixture.AccountId, first.LeadId, CancellationToken.None);
        Assert.Equal("Original", stored!.FirstName);
    }

    [Fact]
    public async Task Stop_WithQueuedLeads_WritesThemAll()
    {
        var writer = await StartWriterAsync(new LeadWriterOptions { FlushWindow = TimeSpan.FromMilliseconds(50) });
        var pending = Enumerable.Range(0, 50).Select(i => writer.InsertAsync(Lead($"+9198102{i:D5}"))).ToList();

        await writer.StopAsync(CancellationToken.None);

        var outcomes = await Task.WhenAll(pending);
        Assert.All(outcomes, outcome => Assert.True(outcome.Inserted));
        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.InsertAsync(Lead("+919810299999")));
    }

    [Fact]
    public async Task Insert_TagsAndOptionalFields_RoundTrip()
    {
        await using var writer = await StartWriterAsync();
        var lead = Lead("+918045670000", extension: "101") with { Tags = ["vip", "follow up"], LastName = null, Email = "a@example.com", SourceRow = 7 };

        var outcome = await writer.InsertAsync(lead);

        var stored = await new LeadStore(fixture.Database).FindAsync(fixture.AccountId, outcome.LeadId, CancellationToken.None);
        Assert.Equal(["vip", "follow up"], stored!.Tags);
        Assert.Null(stored.LastName);
        Assert.Equal("101", stored.PhoneExtension);
        Assert.Equal(7, stored.SourceRow);
        Assert.Equal(lead.CreatedAt.ToUnixTimeMilliseconds(), stored.CreatedAt.ToUnixTimeMilliseconds());
    }

    private async Task<LeadWriter> StartWriterAsync(LeadWriterOptions? options = null)
    {
        var inserter = fixture.Database.DataSource switch
        {
            Npgsql.NpgsqlDataSource npgsql => (ILeadBatchInserter)new PostgreSqlLeadBatchInserter(npgsql),
            Sqlite.SqliteDataSource sqlite => new SqliteLeadBatchInserter(sqlite, fixture.Database.Dialect),
            _ => throw new InvalidOperationException(),
        };
        var writer = new LeadWriter(inserter, fixture.Database, Options.Create(options ?? new LeadWriterOptions()), TimeProvider.System, NullLogger<LeadWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        return writer;
    }

    private async Task<long> CountOthersAsync(string prefix)
    {
        await using var connection = await fixture.Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM leads WHERE phone_e164 NOT LIKE @prefix";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "prefix";
        parameter.Value = prefix + "%";
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private LeadRecord Lead(string e164, string firstName = "Asha", string? extension = null)
    {
        var now = DateTimeOffset.UtcNow;
        var key = extension is null ? e164 : $"{e164};ext={extension}";
        return new LeadRecord(Guid.CreateVersion7(now), fixture.AccountId, firstName, "Verma", e164, extension, key,
            null, [], "Unassigned", "api", null, null, now, now);
    }
}

public sealed class SqliteLeadWriterTests(SqliteDatabaseFixture fixture) : LeadWriterTests<SqliteDatabaseFixture>(fixture);

public sealed class PostgreSqlLeadWriterTests(PostgreSqlDatabaseFixture fixture) : LeadWriterTests<PostgreSqlDatabaseFixture>(fixture);
