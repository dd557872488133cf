namespace Calliyo.Domain.Tests.Imports;

/// <summary>Quoted fields with commas, doubled quotes, and LF or CRLF line breaks inside them.</summary>
public sealed class QuotedMultilineFieldTests
{
    private const string Folder = "05-quoted-fields-multiline";
    private const string FileName = "leads-multiline.csv";

    [Fact]
    public void Read_CountsFourRecords_NotPhysicalLines()
    {
        var file = CaseFiles.ReadAccepted(CaseFiles.Bytes(Folder, FileName));

        Assert.Equal(4, file.RecordCount);
        Assert.Equal(0, file.BlankRowCount);
    }

    [Fact]
    public void Plan_ImportsFourLeads_MultilineFile()
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        Assert.Equal(4, plan.ImportCount);
        Assert.Equal(0, plan.ErrorCount);
    }

    [Theory]
    [InlineData(1, 2, "Asha", "Verma", "+919876540041", "asha.verma@example.com", "New", new[] { "vip", "hot" })]
    [InlineData(2, 4, "Rahul \"RJ\"", "Nair", "+919876540042", "rahul.nair@example.com", "Contacted", new[] { "demo" })]
    [InlineData(3, 5, "Meera", "Iyer", "+919876540043", "meera.iyer@example.com", "New", new string[0])]
    [InlineData(4, 9, "Kabir", "Shah", "+919876540044", "kabir.shah@example.com", "New", new string[0])]
    public void Plan_ImportsRecordAtStartLine_MultilineFile(int record, int line, string firstName, string lastName, string e164, string email, string status, string[] tags)
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        CaseFiles.AssertImported(plan.Record(record), line, firstName, lastName, e164, email, status, tags);
    }

    [Fact]
    public void Read_KeepsLineBreaksInRawField_NotesColumn()
    {
        var file = CaseFiles.ReadAccepted(CaseFiles.Bytes(Folder, FileName));

        Assert.Equal("Flat 12, Shanti Apartments\nMG Road, Pune", file.Rows[0].Fields[6]);
        Assert.Equal("Line one\r\nLine two\r\n\r\nLine four", file.Rows[2].Fields[6]);
    }

    [Fact]
    public void Read_IgnoresNotesColumn_AfterParsing()
    {
        var file = CaseFiles.ReadAccepted(CaseFiles.Bytes(Folder, FileName));

        var ignored = Assert.Single(file.IgnoredColumns);
        Assert.Equal("Notes", ignored.Name);
        Assert.Equal(7, ignored.Position);
    }
}
