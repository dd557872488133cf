using Calliyo.Domain.Fields;
using Calliyo.Domain.Imports;

namespace Calliyo.Domain.Tests.Imports;

/// <summary>Header spelling variants, an alias column, a missing phone column, and reordered extra columns.</summary>
public sealed class HeaderVariantTests
{
    private const string Folder = "11-header-name-variants-missing-column";

    [Theory]
    [InlineData(LeadColumn.FirstName, " first name ")]
    [InlineData(LeadColumn.LastName, "LAST_NAME")]
    [InlineData(LeadColumn.Phone, "phone")]
    [InlineData(LeadColumn.Email, "E-Mail")]
    [InlineData(LeadColumn.Status, "STATUS")]
    [InlineData(LeadColumn.Tags, "tags")]
    public void Read_MapsSpellingVariant_ToField(LeadColumn field, string header)
    {
        var file = CaseFiles.ReadAccepted(CaseFiles.Bytes(Folder, "leads-header-variants.csv"));

        Assert.Equal(header, file.Mapping.Columns[field].Header);
    }

    [Theory]
    [InlineData(1, 2, "Asha", "Verma", "+919876540091", "asha.verma@example.com", "New", new[] { "vip" })]
    [InlineData(2, 3, "Rahul", "Nair", "+919876540092", "rahul.nair@example.com", "Contacted", new string[0])]
    public void Plan_ImportsRecord_HeaderVariants(int record, int line, string firstName, string lastName, string e164, string email, string status, string[] tags)
    {
        var plan = CaseFiles.Plan(Folder, "leads-header-variants.csv");

        Assert.Equal(2, plan.ImportCount);
        Assert.Equal(0, plan.ErrorCount);
        CaseFiles.AssertImported(plan.Record(record), line, firstName, lastName, e164, email, status, tags);
    }

    [Fact]
    public void Read_MapsMobileToPhone_AliasColumn()
    {
        var file = CaseFiles.ReadAccepted(CaseFiles.Bytes(Folder, "leads-missing-phone-column.csv"));

        var phone = file.Mapping.Columns[LeadColumn.Phone];

        Assert.Equal("Mobile", phone.Header);
        Assert.Equal(3, phone.Position);
    }

    [Theory]
    [InlineData(1, 2, "Meera", "Iyer", "+919876540093", "meera.iyer@example.com", "New", new string[0])]
    [InlineData(2, 3, "Kabir", "Shah", "+919876540094", "kabir.shah@example.com", "New", new string[0])]
    public void Plan_ImportsRecord_MobileColumn(int record, int line, string firstName, string lastName, string e164, string email, string status, string[] tags)
    {
        var plan = CaseFiles.Plan(Folder, "leads-missing-phone-column.csv");

        Assert.Equal(2, plan.ImportCount);
        Assert.Equal(0, plan.ErrorCount);
        CaseFiles.AssertImported(plan.Record(record), line, firstName, lastName, e164, email, status, tags);
    }

    [Fact]
    public void Read_RejectsWithOneMessage_NoPhoneColumn()
    {
        var result = CaseFiles.Read(Folder, "leads-no-phone-column.csv");

        Assert.Null(result.File);
        Assert.Equal(CsvRejectionCodes.MissingPhoneColumn, result.Rejection?.Code);
        Assert.StartsWith(
            "Required column \"Phone\" not found. Found: FirstName, LastName, Email, Status, Tags.",
            result.Rejection?.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WarnsAboutIgnoredColumns_ReorderedFile()
    {
        var file = CaseFiles.ReadAccepted(CaseFiles.Bytes(Folder, "leads-reordered-extra-columns.csv"));

        var warning = Assert.Single(file.Warnings);

        Assert.Equal(CsvWarningCodes.IgnoredColumns, warning.Code);
        Assert.StartsWith("Ignored columns: Company, City.", warning.Message, StringComparison.Ordinal);
        Assert.Equal(["Company", "City"], file.IgnoredColumns.Select(column => column.Name));
    }

    [Theory]
    [InlineData(1, 2, "Zoya", "Khan", "+919876540095", "zoya.khan@example.com", "Unassigned", new string[0])]
    [InlineData(2, 3, "Dev", "Patel", "+919876540096", "dev.patel@example.com", "Unassigned", new string[0])]
    public void Plan_MapsByNameNotPosition_ReorderedFile(int record, int line, string firstName, string lastName, string e164, string email, string status, string[] tags)
    {
        var plan = CaseFiles.Plan(Folder, "leads-reordered-extra-columns.csv");

        Assert.Equal(2, plan.ImportCount);
        Assert.Equal(0, plan.ErrorCount);
        CaseFiles.AssertImported(plan.Record(record), line, firstName, lastName, e164, email, status, tags);
    }
}
