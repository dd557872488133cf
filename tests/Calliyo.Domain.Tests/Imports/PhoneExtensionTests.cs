using Calliyo.Domain.Imports;

namespace Calliyo.Domain.Tests.Imports;

/// <summary>Office numbers with <c>ext.</c>, <c>x</c>, <c>;ext=</c> and <c>#</c> extensions, and a dangling <c>ext.</c>.</summary>
public sealed class PhoneExtensionTests
{
    private const string Folder = "15-phone-extensions";
    private const string FileName = "leads-extensions.csv";

    [Fact]
    public void Plan_ImportsFiveSkipsOne_Extensions()
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        Assert.Equal(5, plan.ImportCount);
        Assert.Equal(1, plan.DuplicateInFileCount);
        Assert.Equal(0, plan.ErrorCount);
    }

    [Theory]
    [InlineData(1, 2, "Asha", "+918045678900", "101")]
    [InlineData(2, 3, "Rahul", "+918045678900", "102")]
    [InlineData(4, 5, "Kabir", "+918045678911", null)]
    [InlineData(5, 6, "Zoya", "+918045678922", "7")]
    [InlineData(6, 7, "Dev", "+918045678933", "45")]
    public void Plan_KeepsExtensionApart_ImportedRecord(int record, int line, string firstName, string e164, string? extension)
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        var verdict = plan.Record(record);

        Assert.Equal(ImportRowOutcome.Import, verdict.Outcome);
        Assert.Equal(line, verdict.Line);
        Assert.Equal(firstName, verdict.Lead?.FirstName);
        Assert.Equal(e164, verdict.Lead?.Phone.E164);
        Assert.Equal(extension, verdict.Lead?.Phone.Extension);
    }

    [Fact]
    public void Plan_SkipsSameNumberAndExtension_RecordThree()
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        var verdict = plan.Record(3);

        Assert.Equal(ImportRowOutcome.DuplicateInFile, verdict.Outcome);
        Assert.Equal(4, verdict.Line);
        Assert.Equal(1, verdict.DuplicateOfRecord);
        Assert.Equal("101", verdict.Lead?.Phone.Extension);
    }

    [Fact]
    public void Plan_StoresDigitsOnly_InE164()
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        var numbers = plan.ImportedLeads().Select(lead => lead.Phone.E164);

        Assert.All(numbers, e164 => Assert.Matches(@"^\+\d{8,15}$", e164));
    }
}
