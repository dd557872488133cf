using Calliyo.Domain.Imports;

namespace Calliyo.Domain.Tests.Imports;

/// <summary>Empty, byte-order-mark-only, blank-only and header-only files, and the size limit.</summary>
public sealed class EmptyAndOversizeFileTests(AtLimitFileFixture atLimit) : IClassFixture<AtLimitFileFixture>
{
    private const string Folder = "08-empty-headeronly-oversize-files";

    private const int OverLimitRows = 161_318;
    private const long OverLimitFirstNumber = 9_880_000_000;
    private const int OverLimitPadding = 47;

    [Theory]
    [InlineData("header-only.csv")]
    [InlineData("header-only-no-newline.csv")]
    public void Read_RejectsNoDataRows_HeaderOnly(string fileName)
    {
        var result = CaseFiles.Read(Folder, fileName);

        Assert.Equal(CsvRejectionCodes.NoDataRows, result.Rejection?.Code);
        Assert.StartsWith("No data rows found under the header", result.Rejection?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("empty.csv")]
    [InlineData("bom-only.csv")]
    public void Read_RejectsEmptyFile_NoText(string fileName)
    {
        var result = CaseFiles.Read(Folder, fileName);

        Assert.Equal(CsvRejectionCodes.EmptyFile, result.Rejection?.Code);
        Assert.StartsWith("The file is empty", result.Rejection?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RejectsNoHeaderRow_BlankLinesOnly()
    {
        var result = CaseFiles.Read(Folder, "blank-lines-only.csv");

        Assert.Equal(CsvRejectionCodes.NoHeaderRow, result.Rejection?.Code);
        Assert.StartsWith("No header row found", result.Rejection?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_MatchesSizeAndRows_AtLimitFile()
    {
        var bytes = atLimit.Bytes;

        var file = CaseFiles.ReadAccepted(bytes);

        Assert.Equal(10_000_000, bytes.Length);
        Assert.Equal(AtLimitFileFixture.Rows, file.RecordCount);
        Assert.Equal(0, file.BlankRowCount);
    }

    [Fact]
    public void Plan_ImportsEveryRow_AtLimitFile()
    {
        var plan = atLimit.Plan;

        Assert.Equal(AtLimitFileFixture.Rows, plan.ImportCount);
        Assert.Equal(0, plan.DuplicateInFileCount);
        Assert.Equal(0, plan.ErrorCount);
    }

    [Fact]
    public void Plan_StoresConsecutiveNumbers_AtLimitFile()
    {
        var plan = atLimit.Plan;

        var mismatches = new List<string>();
        for (var record = 1; record <= AtLimitFileFixture.Rows; record++)
        {
            var verdict = plan.Rows[record - 1];
            var expected = BulkLeadFile.E164(AtLimitFileFixture.FirstNumber, record);
            if (verdict.RecordNumber != record || verdict.Outcome != ImportRowOutcome.Import || verdict.Lead?.Phone.E164 != expected)
            {
                mismatches.Add($"record {record}: expected {expected}, got {verdict.Outcome} {verdict.Lead?.Phone.E164}");
            }
        }

        Assert.Empty(mismatches.Take(10));
        Assert.Equal("+919870000000", plan.Rows[0].Lead!.Phone.E164);
        Assert.Equal("+919870153844", plan.Rows[^1].Lead!.Phone.E164);
    }

    [Fact]
    public void Plan_KeepsFirstAndLastRecord_AtLimitFile()
    {
        var plan = atLimit.Plan;

        Assert.Equal(2, plan.Rows[0].Line);
        Assert.Equal("Lead000001", plan.Rows[0].Lead!.FirstName);
        Assert.Equal(AtLimitFileFixture.Rows, plan.Rows[^1].RecordNumber);
        Assert.Equal(["bulk" + new string('x', AtLimitFileFixture.Padding)], plan.Rows[^1].Lead!.Tags);
    }

    [Fact]
    public void Generate_MatchesSizeAndRows_OverLimitFile()
    {
        var bytes = BulkLeadFile.Generate(OverLimitRows, OverLimitFirstNumber, OverLimitPadding);

        var lineBreaks = bytes.AsSpan().Count("\r\n"u8);

        Assert.Equal(10_485_761, bytes.Length);
        Assert.Equal(OverLimitRows + 1, lineBreaks);
    }

    [Fact]
    public void Read_RejectsFileTooLarge_OverLimitFile()
    {
        var bytes = BulkLeadFile.Generate(OverLimitRows, OverLimitFirstNumber, OverLimitPadding);

        var result = CsvLeadReader.Read(bytes);

        Assert.Null(result.File);
        Assert.Equal(CsvRejectionCodes.FileTooLarge, result.Rejection?.Code);
        Assert.Equal(
            "The file is 10,485,761 bytes (10.0 MiB); the limit is 10,485,760 bytes (10 MiB). Split the list into smaller files and upload each one.",
            result.Rejection?.Message);
    }

    [Fact]
    public void Read_AcceptsLimitRejectsOneMore_CustomLimit()
    {
        var bytes = BulkLeadFile.Generate(rows: 2, AtLimitFileFixture.FirstNumber, lastTagPadding: 0);
        var options = new CsvReadOptions { MaxBytes = bytes.Length };

        var exactSize = CsvLeadReader.Read(bytes, options);
        var oneByteOver = CsvLeadReader.Read(bytes, options with { MaxBytes = bytes.Length - 1 });

        Assert.True(exactSize.IsAccepted);
        Assert.Equal(CsvRejectionCodes.FileTooLarge, oneByteOver.Rejection?.Code);
    }
}
