using Calliyo.Domain.Imports;
using Calliyo.Domain.Leads;

namespace Calliyo.Domain.Tests.Imports;

/// <summary>One Indian mobile written many ways, a mobile that starts with 91, and the "0 + 91" habit.</summary>
public sealed class PhoneVariantDedupeTests
{
    private const string Folder = "12-indian-phone-variants-dedupe";
    private const string FileName = "leads-same-number-many-formats.csv";

    [Fact]
    public void Plan_ImportsTwoSkipsEight_NumberVariants()
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        Assert.Equal(2, plan.ImportCount);
        Assert.Equal(8, plan.DuplicateInFileCount);
        Assert.Equal(1, plan.ErrorCount);
    }

    [Theory]
    [InlineData(1, 2, "Asha", "Verma", "+919876543210", "asha.verma@example.com", "New", new[] { "vip" })]
    [InlineData(9, 10, "Kiran", "Rao", "+919198765432", "kiran.rao@example.com", "New", new string[0])]
    public void Plan_ImportsFirstOccurrence_NumberVariants(int record, int line, string firstName, string lastName, string e164, string email, string status, string[] tags)
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        CaseFiles.AssertImported(plan.Record(record), line, firstName, lastName, e164, email, status, tags);
    }

    [Theory]
    [InlineData(2, 3, 1, "+919876543210")]
    [InlineData(3, 4, 1, "+919876543210")]
    [InlineData(4, 5, 1, "+919876543210")]
    [InlineData(5, 6, 1, "+919876543210")]
    [InlineData(6, 7, 1, "+919876543210")]
    [InlineData(7, 8, 1, "+919876543210")]
    [InlineData(8, 9, 1, "+919876543210")]
    [InlineData(10, 11, 9, "+919198765432")]
    public void Plan_NamesWinningRecord_Duplicate(int record, int line, int duplicateOf, string e164)
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        var verdict = plan.Record(record);

        Assert.Equal(ImportRowOutcome.DuplicateInFile, verdict.Outcome);
        Assert.Equal(line, verdict.Line);
        Assert.Equal(duplicateOf, verdict.DuplicateOfRecord);
        Assert.Equal(e164, verdict.Lead?.Phone.E164);
    }

    [Fact]
    public void Plan_RejectsZeroPlusCountryCode_RecordEleven()
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        var verdict = plan.Record(11);
        var error = Assert.Single(verdict.Errors);

        Assert.Equal(ImportRowOutcome.Error, verdict.Outcome);
        Assert.Equal(12, verdict.Line);
        Assert.Equal(FieldErrorCodes.InvalidPhone, error.Code);
        Assert.Equal("0919876543210", error.Value);
        Assert.Contains("not a valid number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NeverStoresLongNumber_ZeroPlusCountryCode()
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        Assert.DoesNotContain(plan.Rows, row => row.Lead?.Phone.E164 == "+91919876543210");
    }
}
