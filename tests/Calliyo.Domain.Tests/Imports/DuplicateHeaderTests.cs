using Calliyo.Domain.Imports;

namespace Calliyo.Domain.Tests.Imports;

/// <summary>The same column twice once case is ignored: <c>Phone</c> and <c>phone</c>.</summary>
public sealed class DuplicateHeaderTests
{
    private const string Folder = "06-duplicate-headers-case-insensitive";
    private const string FileName = "leads-duplicate-phone-column.csv";

    [Fact]
    public void Read_RejectsFile_PhoneColumnTwice()
    {
        var result = CaseFiles.Read(Folder, FileName);

        Assert.False(result.IsAccepted);
        Assert.Null(result.File);
        Assert.Equal(CsvRejectionCodes.DuplicateColumn, result.Rejection.Code);
    }

    [Fact]
    public void Read_NamesBothColumns_InRejection()
    {
        var result = CaseFiles.Read(Folder, FileName);

        Assert.Equal(
            "Column \"Phone\" appears twice (columns 3 and 7; header names are not case-sensitive). Rename or remove one and upload again.",
            result.Rejection!.Message);
    }

    [Fact]
    public void Read_UsesChosenColumn_OverrideIgnoresSecond()
    {
        var options = new CsvReadOptions { ColumnOverrides = new Dictionary<int, ColumnOverride> { [6] = ColumnOverride.Ignore } };

        var file = CaseFiles.ReadAccepted(CaseFiles.Bytes(Folder, FileName), options);
        var plan = new ImportPlanner(CaseFiles.Account).Plan(file);

        Assert.Equal("+919876540051", plan.Record(1).Lead!.Phone.E164);
        Assert.Contains(file.IgnoredColumns, column => column.Position == 7);
    }
}
