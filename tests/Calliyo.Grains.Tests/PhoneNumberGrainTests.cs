using Calliyo.Domain.Leads;
using Calliyo.Grains.Contracts;
using Calliyo.Grains.Leads;

namespace Calliyo.Grains.Tests;

public abstract class PhoneNumberGrainTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : GrainClusterFixture
{
    private static readonly string[] Formats =
    [
        "+91 98765 43210", "098765 43210", "9876543210", "919876543210", "0091 98765 43210",
        "+91-98765-43210", "+91 (0) 98765 43210", "98765.43210",
    ];

    [Fact]
    public async Task Capture_500ConcurrentFormatsOfOneNumber_CreatesOneLead()
    {
        var source = new SourceReference(LeadSource.Api, "grain-test");

        var results = await Task.WhenAll(Enumerable.Range(0, 500).Select(i =>
            Capture(i).CaptureAsync(
                fixture.AccountId,
                new LeadInput($"Caller {i}", null, Formats[i % Formats.Length], null, null, null),
                source)));

        var created = Assert.Single(results, r => r.Outcome == CaptureOutcome.Created);
        var duplicates = results.Where(r => r.Outcome == CaptureOutcome.Duplicate).ToList();
        Assert.Equal(499, duplicates.Count);
        Assert.All(duplicates, d => Assert.Equal(created.Lead!.Id, d.ExistingLeadId));
        Assert.Equal(1, await CountLeadsAsync("+919876543210"));
    }

    [Fact]
    public async Task Capture_ManyNumbersAcrossSilos_CreatesOneLeadEach()
    {
        var source = new SourceReference(LeadSource.Api, "grain-test");
        var phones = Enumerable.Range(0, 200).Select(i => $"+91 91234 {i:D5}").ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(i =>
            Capture(i).CaptureAsync(
                fixture.AccountId, new LeadInput("Burst", null, phones[i % phones.Count], null, null, null), source)));

        Assert.Equal(200, results.Count(r => r.Outcome == CaptureOutcome.Created));
        Assert.Equal(800, results.Count(r => r.Outcome == CaptureOutcome.Duplicate));
        Assert.Equal(200, await CountLeadsWithPrefixAsync("+9191234"));
    }

    [Fact]
    public async Task Capture_InvalidLead_ReturnsErrorsAndWritesNothing()
    {
        var result = await Capture(0).CaptureAsync(
            fixture.AccountId, new LeadInput("", null, "12345", "not-an-email", null, "Nope"), new SourceReference(LeadSource.Api, null));

        Assert.Equal(CaptureOutcome.Invalid, result.Outcome);
        Assert.Equal(["firstName", "phone", "email", "status"], result.Errors.Select(e => e.Field));
        Assert.Equal(0, await CountLeadsAsync("12345"));
    }

    [Fact]
    public async Task Capture_UnknownAccount_Throws()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Capture(0).CaptureAsync(
            Guid.NewGuid(), new LeadInput("Asha", null, "9876500001", null, null, null), new SourceReference(LeadSource.Api, null)));
    }

    /// <summary>Alternates between the two silos, so that claims of one number race across silos.</summary>
    private LeadCapture Capture(int request) => fixture.SiloService<LeadCapture>(request % 2);

    private Task<long> CountLeadsAsync(string phone) =>
        fixture.CountAsync("SELECT COUNT(*) FROM leads WHERE phone_e164 = @phone", ("phone", phone));

    private Task<long> CountLeadsWithPrefixAsync(string prefix) =>
        fixture.CountAsync("SELECT COUNT(*) FROM leads WHERE phone_e164 LIKE @prefix", ("prefix", prefix + "%"));
}

public sealed class SqlitePhoneNumberGrainTests(SqliteGrainClusterFixture fixture)
    : PhoneNumberGrainTests<SqliteGrainClusterFixture>(fixture);

public sealed class PostgreSqlPhoneNumberGrainTests(PostgreSqlGrainClusterFixture fixture)
    : PhoneNumberGrainTests<PostgreSqlGrainClusterFixture>(fixture);
