using Calliyo.Domain.Imports;
using Calliyo.Domain.Leads;

namespace Calliyo.Domain.Tests.Imports;

/// <summary>Records with fewer or more fields than the header.</summary>
public sealed class RaggedRowTests
{
    private const string Folder = "09-ragged-rows-column-count";
    private const string FileName = "leads-ragged.csv";

    [Fact]
    public void Plan_ImportsThreeReportsTwo_RaggedFile()
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        Assert.Equal(3, plan.ImportCount);
        Assert.Equal(0, plan.DuplicateInFileCount);
        Assert.Equal(2, plan.ErrorCount);
    }

    [Theory]
    [InlineData(1, 2, "Asha", "Verma", "+919876540071", "asha.verma@example.com", "New", new[] { "vip" })]
    [InlineData(2, 3, "Rahul", "Nair", "+919876540072", "rahul.nair@example.com", "Unassigned", new string[0])]
    [InlineData(5, 6, "Kabir", "Shah", "+919876540075", "kabir.shah@example.com", "New", new string[0])]
    public void Plan_ImportsRecord_RaggedFile(int record, int line, string firstName, string lastName, string e164, string email, string status, string[] tags)
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        CaseFiles.AssertImported(plan.Record(record), line, firstName, lastName, e164, email, status, tags);
    }

    [Fact]
    public void Plan_ReportsTooManyFields_UnquotedComma()
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        var verdict = plan.Record(3);
        var error = Assert.Single(verdict.Errors);

        Assert.Equal(ImportRowOutcome.Error, verdict.Outcome);
        Assert.Equal(4, verdict.Line);
        Assert.Equal(CsvRecordErrors.TooManyFields, error.Code);
        Assert.Equal(CsvRecordErrors.Field, error.Field);
        Assert.Contains("has 7 fields but the header has 6", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected 6 fields, found 7", error.Message, StringComparison.Ordinal);
        Assert.Contains("unquoted comma", error.Message, StringComparison.Ordinal);
        Assert.Equal("Vikram,Rao, Jr.,98765 40073,vikram.rao@example.com,New,hot", error.Value);
    }

    [Fact]
    public void Plan_StoresNoShiftedLead_UnquotedComma()
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        Assert.Null(plan.Record(3).Lead);
        Assert.DoesNotContain(plan.ImportedLeads(), lead => lead.Phone.E164 == "+919876540073");
    }

    [Fact]
    public void Plan_ReportsPhoneRequired_RowCutBeforePhone()
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        var verdict = plan.Record(4);
        var error = Assert.Single(verdict.Errors);

        Assert.Equal(ImportRowOutcome.Error, verdict.Outcome);
        Assert.Equal(5, verdict.Line);
        Assert.Equal(LeadFields.Phone, error.Field);
        Assert.Equal(FieldErrorCodes.Required, error.Code);
        Assert.StartsWith("Phone is required", error.Message, StringComparison.Ordinal);
    }
}
