using Calliyo.Domain.Imports;

namespace Calliyo.Domain.Tests.Imports;

/// <summary>A UTF-8 byte-order mark glued to the first header, in a quoted and a plain header.</summary>
public sealed class Utf8BomHeaderTests
{
    private const string Folder = "01-utf8-bom-header";
    private const string QuotedFile = "leads-quoted-header.csv";
    private const string PlainFile = "leads-plain-header.csv";

    [Fact]
    public void Read_DetectsUtf8WithBom_QuotedHeader()
    {
        var file = CaseFiles.ReadAccepted(CaseFiles.Bytes(Folder, QuotedFile));

        Assert.Equal(DetectedEncoding.Utf8WithBom, file.Encoding);
        Assert.Equal("FirstName", file.Header[0]);
    }

    [Fact]
    public void Plan_ImportsThreeLeads_QuotedHeader()
    {
        var plan = CaseFiles.Plan(Folder, QuotedFile);

        Assert.Equal(3, plan.ImportCount);
        Assert.Equal(0, plan.DuplicateInFileCount);
        Assert.Equal(0, plan.ErrorCount);
    }

    [Theory]
    [InlineData(1, 2, "Asha", "Verma", "+919876540001", "asha.verma@example.com", "New", new[] { "vip" })]
    [InlineData(2, 3, "Rahul", "Nair", "+919876540002", "rahul.nair@example.com", "Contacted", new[] { "hot", "demo" })]
    [InlineData(3, 4, "Ren\u00E9e", "D'Souza", "+919876540003", "renee.dsouza@example.com", "New", new string[0])]
    public void Plan_ImportsRecord_QuotedHeader(int record, int line, string firstName, string lastName, string e164, string email, string status, string[] tags)
    {
        var plan = CaseFiles.Plan(Folder, QuotedFile);

        CaseFiles.AssertImported(plan.Record(record), line, firstName, lastName, e164, email, status, tags);
    }

    [Fact]
    public void Plan_ImportsTwoLeads_PlainHeader()
    {
        var plan = CaseFiles.Plan(Folder, PlainFile);

        Assert.Equal(2, plan.ImportCount);
        Assert.Equal(0, plan.DuplicateInFileCount);
        Assert.Equal(0, plan.ErrorCount);
    }

    [Theory]
    [InlineData(1, 2, "Kabir", "Shah", "+919876540004", "kabir.shah@example.com", "New", new[] { "vip" })]
    [InlineData(2, 3, "Meera", "Iyer", "+919876540005", "meera.iyer@example.com", "New", new string[0])]
    public void Plan_ImportsRecord_PlainHeader(int record, int line, string firstName, string lastName, string e164, string email, string status, string[] tags)
    {
        var plan = CaseFiles.Plan(Folder, PlainFile);

        CaseFiles.AssertImported(plan.Record(record), line, firstName, lastName, e164, email, status, tags);
    }

    [Theory]
    [InlineData(QuotedFile)]
    [InlineData(PlainFile)]
    public void Plan_StoresNoByteOrderMark_AnyField(string fileName)
    {
        var plan = CaseFiles.Plan(Folder, fileName);

        var stored = plan.ImportedLeads()
            .SelectMany(lead => new[] { lead.FirstName, lead.LastName, lead.Email, lead.Status }.Concat(lead.Tags))
            .Concat(plan.File.Header)
            .Concat(plan.File.Mapping.Columns.Values.Select(column => column.Header));

        Assert.All(stored, text => Assert.DoesNotContain('\uFEFF', text ?? ""));
    }

    [Theory]
    [InlineData(QuotedFile, "Asha")]
    [InlineData(PlainFile, "Kabir")]
    public void Plan_FirstNameHasNoExtraCharacter_RecordOne(string fileName, string expected)
    {
        var plan = CaseFiles.Plan(Folder, fileName);

        var firstName = plan.Record(1).Lead!.FirstName;

        Assert.Equal(expected, firstName);
        Assert.Equal(expected.Length, firstName.Length);
    }

    [Fact]
    public void Plan_KeepsAccentedName_AsComposedCharacter()
    {
        var plan = CaseFiles.Plan(Folder, QuotedFile);

        Assert.Equal("Ren\u00E9e", plan.Record(3).Lead!.FirstName);
    }
}
