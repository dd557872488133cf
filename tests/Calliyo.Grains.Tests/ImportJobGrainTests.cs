using System.Text;
using Calliyo.Grains.Contracts;

namespace Calliyo.Grains.Tests;

/// <summary>
/// The import job grain in a real two-silo cluster. A run that finds a row's phone already
/// taken by this job's lead for that very row, as a resumed run does for the rows written after
/// its last checkpoint, must count the row as imported, once.
/// </summary>
public abstract class ImportJobGrainTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : GrainClusterFixture
{
    [Fact]
    public async Task Run_OwnEarlierRows_CountAsImported()
    {
        var jobId = Guid.CreateVersion7();
        var csv = Encoding.UTF8.GetBytes(
            "FirstName,Phone,Status\r\nAsha,+91 98711 00001,Interested\r\nRahul,+91 98711 00002,Interested\r\n" +
            "Meera,+91 98711 00003,Interested\r\nKabir,+91 98711 00004,Interested\r\nZoya,+91 98711 00005,Interested\r\n");

        // Records 1 and 2 as an interrupted run of this job wrote them. Record 3's phone belongs to
        // an API lead. Record 4's belongs to this job's lead for record 9, which is not record 4's own.
        var written1 = await ClaimAsync("+919871100001", new SourceReference(LeadSource.Csv, jobId.ToString(), 1));
        var written2 = await ClaimAsync("+919871100002", new SourceReference(LeadSource.Csv, jobId.ToString(), 2));
        var apiLead = await ClaimAsync("+919871100003", new SourceReference(LeadSource.Api, "token-1"));
        var otherRecord = await ClaimAsync("+919871100004", new SourceReference(LeadSource.Csv, jobId.ToString(), 9));

        var job = fixture.Grains.GetGrain<IImportJobGrain>(jobId);
        var created = await job.CreateAsync(fixture.AccountId, new ImportUpload("resume.csv", csv, ImportChoices.None, Start: true));
        var finished = await WaitUntilFinishedAsync(job);

        Assert.Equal(ImportReplyStatus.Ok, created.Status);
        Assert.Equal(new ImportCounts(3, 2, 0, 0, 0), finished.Counts);
        Assert.Equal("completed", finished.Status);
        Assert.Equal(1, await CountLeadsAsync("+919871100001"));
        Assert.Equal(written1, await LeadIdAsync("+919871100001"));
        Assert.Equal(written2, await LeadIdAsync("+919871100002"));
        Assert.Equal(apiLead, await LeadIdAsync("+919871100003"));
        Assert.Equal(otherRecord, await LeadIdAsync("+919871100004"));
        Assert.Equal(1, await CountLeadsAsync("+919871100005"));
    }

    [Fact]
    public async Task Preview_OwnLeads_AreNotDuplicates()
    {
        var jobId = Guid.CreateVersion7();
        var csv = Encoding.UTF8.GetBytes("FirstName,Phone\r\nAsha,+91 98712 00001\r\nRahul,+91 98712 00002\r\n");
        await ClaimAsync("+919871200001", new SourceReference(LeadSource.Csv, jobId.ToString(), 1));
        await ClaimAsync("+919871200002", new SourceReference(LeadSource.Manual, null));

        var created = await fixture.Grains.GetGrain<IImportJobGrain>(jobId)
            .CreateAsync(fixture.AccountId, new ImportUpload("own.csv", csv, ImportChoices.None, Start: false));

        var preview = created.Preview!;
        Assert.Equal(["import", "duplicate_existing"], preview.Rows.Select(row => row.Verdict));
        Assert.Equal(1, preview.Counts.Import);
        Assert.Equal(1, preview.Counts.DuplicatesExisting);
    }

    [Fact]
    public async Task Calls_OtherAccount_ReplyNotFound()
    {
        var job = fixture.Grains.GetGrain<IImportJobGrain>(Guid.CreateVersion7());
        var csv = Encoding.UTF8.GetBytes("FirstName,Phone\r\nAsha,+91 98713 00001\r\n");
        await job.CreateAsync(fixture.AccountId, new ImportUpload("a.csv", csv, ImportChoices.None, Start: false));

        var stranger = Guid.NewGuid();

        Assert.Equal(ImportReplyStatus.NotFound, (await job.GetAsync(stranger)).Status);
        Assert.Equal(ImportReplyStatus.NotFound, (await job.StartAsync(stranger, null)).Status);
        Assert.Equal(ImportReplyStatus.NotFound, (await job.CancelAsync(stranger)).Status);
        Assert.Equal(ImportReplyStatus.NotFound, (await job.GetErrorReportAsync(stranger)).Status);
        Assert.Equal("uploaded", (await job.GetAsync(fixture.AccountId)).Job!.Status);
    }

    private async Task<Guid> ClaimAsync(string e164, SourceReference source)
    {
        var grain = fixture.Grains.GetGrain<IPhoneNumberGrain>(PhoneNumberKey.For(fixture.AccountId, e164));
        var claim = await grain.ClaimAsync(new NewLead("Earlier", null, e164, null, null, [], "Unassigned", source));
        Assert.True(claim.Created);
        return claim.LeadId;
    }

    private async Task<ImportJobView> WaitUntilFinishedAsync(IImportJobGrain job)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var view = (await job.GetAsync(fixture.AccountId)).Job!;
            if (view.Status is not ("uploaded" or "running"))
            {
                return view;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Import {view.Id} did not finish: {view}");
            await Task.Delay(50);
        }
    }

    private Task<long> CountLeadsAsync(string e164) =>
        fixture.CountAsync("SELECT COUNT(*) FROM leads WHERE phone_e164 = @phone", ("phone", e164));

    private async Task<Guid> LeadIdAsync(string e164)
    {
        await using var database = Calliyo.Storage.DatabaseFactory.Create(fixture.Storage);
        var lead = await new Calliyo.Storage.Leads.LeadStore(database).FindByPhoneKeyAsync(fixture.AccountId, e164, CancellationToken.None);
        return lead!.Id;
    }
}

public sealed class SqliteImportJobGrainTests(SqliteGrainClusterFixture fixture)
    : ImportJobGrainTests<SqliteGrainClusterFixture>(fixture);

public sealed class PostgreSqlImportJobGrainTests(PostgreSqlGrainClusterFixture fixture)
    : ImportJobGrainTests<PostgreSqlGrainClusterFixture>(fixture);
