using Calliyo.Domain.Imports;

namespace Calliyo.Domain.Tests.Imports;

/// <summary>A semicolon-delimited European Excel export and the Excel <c>sep=</c> hint line.</summary>
public sealed class DelimiterDetectionTests
{
    private const string Folder = "02-semicolon-delimiter-and-sep-hint";
    private const string SemicolonFile = "leads-semicolon.csv";
    private const string SemicolonHintFile = "leads-sep-hint-semicolon.csv";
    private const string CommaHintFile = "leads-sep-hint-comma.csv";

    [Fact]
    public void Read_ChoosesSemicolon_FromHeader()
    {
        var file = CaseFiles.ReadAccepted(CaseFiles.Bytes(Folder, SemicolonFile));

        Assert.Equal(';', file.Delimiter);
        Assert.False(file.HasSeparatorLine);
        Assert.Equal(6, file.Mapping.Columns.Count);
    }

    [Fact]
    public void Plan_ImportsThreeLeads_SemicolonFile()
    {
        var plan = CaseFiles.Plan(Folder, SemicolonFile);

        Assert.Equal(3, plan.ImportCount);
        Assert.Equal(0, plan.ErrorCount);
    }

    [Theory]
    [InlineData(1, 2, "Asha", "Verma", "+919876540011", "asha.verma@example.com", "New", new[] { "vip", "hot" })]
    [InlineData(2, 3, "Rahul", "Nair", "+919876540012", "rahul.nair@example.com", "Contacted", new[] { "demo", "priority" })]
    [InlineData(3, 4, "Zo\u00EB", "Fernandes", "+919876540013", "zoe.fernandes@example.com", "New", new string[0])]
    public void Plan_ImportsRecord_SemicolonFile(int record, int line, string firstName, string lastName, string e164, string email, string status, string[] tags)
    {
        var plan = CaseFiles.Plan(Folder, SemicolonFile);

        CaseFiles.AssertImported(plan.Record(record), line, firstName, lastName, e164, email, status, tags);
    }

    [Theory]
    [InlineData(SemicolonHintFile, ';')]
    [InlineData(CommaHintFile, ',')]
    public void Read_HonoursAndSkipsSepLine_HintFile(string fileName, char delimiter)
    {
        var file = CaseFiles.ReadAccepted(CaseFiles.Bytes(Folder, fileName));

        Assert.Equal(delimiter, file.Delimiter);
        Assert.True(file.HasSeparatorLine);
        Assert.Equal(2, file.HeaderLine);
        Assert.Equal("FirstName", file.Header[0]);
    }

    [Theory]
    [InlineData(SemicolonHintFile)]
    [InlineData(CommaHintFile)]
    public void Plan_ImportsTwoLeads_HintFile(string fileName)
    {
        var plan = CaseFiles.Plan(Folder, fileName);

        Assert.Equal(2, plan.ImportCount);
        Assert.Equal(0, plan.ErrorCount);
    }

    [Theory]
    [InlineData(SemicolonHintFile, 1, 3, "Kabir", "Shah", "+919876540014", "kabir.shah@example.com", "New", new[] { "vip" })]
    [InlineData(SemicolonHintFile, 2, 4, "Meera", "Iyer", "+919876540015", "meera.iyer@example.com", "New", new string[0])]
    [InlineData(CommaHintFile, 1, 3, "Dev", "Patel", "+919876540016", "dev.patel@example.com", "New", new string[0])]
    [InlineData(CommaHintFile, 2, 4, "Isha", "Gupta", "+919876540017", "isha.gupta@example.com", "Contacted", new[] { "vip", "hot" })]
    public void Plan_CountsSepLine_InLineNumbers(string fileName, int record, int line, string firstName, string lastName, string e164, string email, string status, string[] tags)
    {
        var plan = CaseFiles.Plan(Folder, fileName);

        CaseFiles.AssertImported(plan.Record(record), line, firstName, lastName, e164, email, status, tags);
    }

    [Theory]
    [InlineData(SemicolonFile)]
    [InlineData(SemicolonHintFile)]
    [InlineData(CommaHintFile)]
    public void Plan_NeverImportsHeaderOrHint_AsLead(string fileName)
    {
        var plan = CaseFiles.Plan(Folder, fileName);

        var firstNames = plan.Rows.Select(row => row.Lead?.FirstName).ToList();

        Assert.DoesNotContain("sep=;", firstNames);
        Assert.DoesNotContain("sep=,", firstNames);
        Assert.DoesNotContain("FirstName", firstNames);
    }
}
