using Calliyo.Domain.Imports;

namespace Calliyo.Domain.Tests.Imports;

/// <summary>Excel "ghost" rows of commas, blank and whitespace-only lines, and empty trailing header cells.</summary>
public sealed class GhostRowTests
{
    private const string Folder = "07-excel-ghost-rows-trailing-commas";
    private const string FileName = "leads-ghost-rows.csv";

    [Fact]
    public void Plan_CountsImportsAndBlanks_GhostRows()
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        Assert.Equal(3, plan.ImportCount);
        Assert.Equal(0, plan.ErrorCount);
        Assert.Equal(6, plan.BlankCount);
        Assert.Equal(3, plan.RecordCount);
    }

    [Fact]
    public void Plan_MarksBlankRows_AtTheirLines()
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        var blankLines = plan.Rows.Where(row => row.Outcome == ImportRowOutcome.Blank).Select(row => row.Line);

        Assert.Equal([3, 4, 6, 8, 9, 10], blankLines);
    }

    [Fact]
    public void Plan_NumbersNoBlankRow_AsRecord()
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        var blankRows = plan.Rows.Where(row => row.Outcome == ImportRowOutcome.Blank);

        Assert.All(blankRows, row => Assert.Null(row.RecordNumber));
    }

    [Theory]
    [InlineData(1, 2, "Asha", "Verma", "+919876540061", "asha.verma@example.com", "New", new[] { "vip" })]
    [InlineData(2, 5, "Rahul", "Nair", "+919876540062", "rahul.nair@example.com", "New", new string[0])]
    [InlineData(3, 7, "Meera", "Iyer", "+919876540063", "meera.iyer@example.com", "Contacted", new string[0])]
    public void Plan_ImportsRecord_GhostRowFile(int record, int line, string firstName, string lastName, string e164, string email, string status, string[] tags)
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        CaseFiles.AssertImported(plan.Record(record), line, firstName, lastName, e164, email, status, tags);
    }

    [Fact]
    public void Read_DropsEmptyHeaderCells_WithoutWarning()
    {
        var file = CaseFiles.ReadAccepted(CaseFiles.Bytes(Folder, FileName));

        Assert.Equal(9, file.Header.Count);
        Assert.Empty(file.IgnoredColumns);
        Assert.Empty(file.Warnings);
    }
}
