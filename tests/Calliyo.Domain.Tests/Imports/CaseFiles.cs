using Calliyo.Domain.Accounts;
using Calliyo.Domain.Imports;
using Calliyo.Domain.Leads;

namespace Calliyo.Domain.Tests.Imports;

/// <summary>Reads the case fixtures and plans them for the account every case assumes.</summary>
internal static class CaseFiles
{
    /// <summary>Region IN, the default pipeline, and the custom statuses New and Contacted.</summary>
    public static AccountRules Account { get; } = new("IN",
        [.. DefaultPipeline.Statuses, new PipelineStatus("New", IsProtected: false), new PipelineStatus("Contacted", IsProtected: false)]);

    public static byte[] Bytes(string caseFolder, string fileName) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "cases", caseFolder, fileName));

    public static CsvReadResult Read(string caseFolder, string fileName) =>
        CsvLeadReader.Read(Bytes(caseFolder, fileName));

    public static ParsedCsvFile ReadAccepted(byte[] bytes, CsvReadOptions? options = null)
    {
        var result = CsvLeadReader.Read(bytes, options);
        Assert.True(result.IsAccepted, $"Expected the file to be accepted, got {result.Rejection?.Code}: {result.Rejection?.Message}");
        return result.File;
    }

    public static ImportPlan Plan(string caseFolder, string fileName) =>
        new ImportPlanner(Account).Plan(ReadAccepted(Bytes(caseFolder, fileName)));

    public static ImportRowVerdict Record(this ImportPlan plan, int recordNumber) =>
        plan.Rows.Single(row => row.RecordNumber == recordNumber);

    public static IEnumerable<NormalizedLead> ImportedLeads(this ImportPlan plan) =>
        plan.Rows.Where(row => row.Outcome == ImportRowOutcome.Import).Select(row => row.Lead!);

    /// <summary>Asserts that a verdict imports the lead a case expects, field by field.</summary>
    public static void AssertImported(
        ImportRowVerdict verdict,
        int line,
        string firstName,
        string? lastName,
        string e164,
        string? email,
        string status,
        string[] tags)
    {
        Assert.Equal(ImportRowOutcome.Import, verdict.Outcome);
        Assert.Equal(line, verdict.Line);
        Assert.NotNull(verdict.Lead);
        Assert.Equal(firstName, verdict.Lead.FirstName);
        Assert.Equal(lastName, verdict.Lead.LastName);
        Assert.Equal(e164, verdict.Lead.Phone.E164);
        Assert.Equal(email, verdict.Lead.Email);
        Assert.Equal(status, verdict.Lead.Status);
        Assert.Equal(tags, verdict.Lead.Tags);
    }
}
