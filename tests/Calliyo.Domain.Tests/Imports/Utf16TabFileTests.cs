using Calliyo.Domain.Imports;

namespace Calliyo.Domain.Tests.Imports;

/// <summary>Excel's "Unicode Text": UTF-16LE with a byte-order mark, tab-separated, renamed to .csv.</summary>
public sealed class Utf16TabFileTests
{
    private const string Folder = "03-utf16le-tab-unicode-text";
    private const string FileName = "leads-unicode-text.csv";

    [Fact]
    public void Read_DetectsUtf16AndTab_UnicodeTextFile()
    {
        var file = CaseFiles.ReadAccepted(CaseFiles.Bytes(Folder, FileName));

        Assert.Equal(DetectedEncoding.Utf16LittleEndian, file.Encoding);
        Assert.Equal('\t', file.Delimiter);
    }

    [Fact]
    public void Plan_ImportsThreeLeads_UnicodeTextFile()
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        Assert.Equal(3, plan.ImportCount);
        Assert.Equal(0, plan.ErrorCount);
    }

    [Theory]
    [InlineData(1, 2, "\u0906\u0936\u093E", "\u0935\u0930\u094D\u092E\u093E", "+919876540021", "asha.verma@example.com", "New", new[] { "vip" })]
    [InlineData(2, 3, "Ren\u00E9e", "D'Souza", "+919876540022", "renee.dsouza@example.com", "Contacted", new[] { "hot", "demo" })]
    [InlineData(3, 4, "Kabir", "Shah", "+919876540023", "kabir.shah@example.com", "New", new string[0])]
    public void Plan_ImportsRecord_UnicodeTextFile(int record, int line, string firstName, string lastName, string e164, string email, string status, string[] tags)
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        CaseFiles.AssertImported(plan.Record(record), line, firstName, lastName, e164, email, status, tags);
    }

    [Fact]
    public void Plan_StoresDevanagariExactly_RecordOne()
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        Assert.Equal(new[] { '\u0906', '\u0936', '\u093E' }, plan.Record(1).Lead!.FirstName.ToCharArray());
    }
}
