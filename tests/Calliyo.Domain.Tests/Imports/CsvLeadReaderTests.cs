using System.Text;
using Calliyo.Domain.Fields;
using Calliyo.Domain.Imports;
using Calliyo.Domain.Leads;

namespace Calliyo.Domain.Tests.Imports;

public sealed class CsvLeadReaderTests
{
    [Fact]
    public void Read_CountsEveryLineEnding_MixedCrLfAndCr()
    {
        var csv = "FirstName,Phone\r\nA,9876543210\nB,9876543211\rC,9876543212\r\n\"D\nx\",9876543213\rE,9876543214";

        var file = CaseFiles.ReadAccepted(Encoding.UTF8.GetBytes(csv));

        Assert.Equal([2, 3, 4, 5, 7], file.Rows.Select(row => row.Line));
        Assert.Equal([1, 2, 3, 4, 5], file.Rows.Select(row => row.RecordNumber));
        Assert.Equal("D\nx", file.Rows[3].Lead?.FirstName);
    }

    [Fact]
    public void Read_SkipsBlankLines_BeforeHeader()
    {
        var csv = "\r\n ,\r\nFirstName,Phone\r\nAsha,9876543210\r\n";

        var file = CaseFiles.ReadAccepted(Encoding.UTF8.GetBytes(csv));

        Assert.Equal(3, file.HeaderLine);
        Assert.Equal(4, Assert.Single(file.Rows).Line);
    }

    [Fact]
    public void Read_FallsBackToWindows1252_InvalidUtf8()
    {
        var bytes = Encoding.Latin1.GetBytes("FirstName,Phone\r\nRen\u00E9e,9876543210\r\n");

        var file = CaseFiles.ReadAccepted(bytes);

        Assert.Equal(DetectedEncoding.Windows1252, file.Encoding);
        Assert.Equal("Ren\u00E9e", file.Rows[0].Lead?.FirstName);
        Assert.Contains(file.Warnings, warning => warning.Code == CsvWarningCodes.DecodedAsWindows1252);
    }

    [Fact]
    public void Read_DecodesWindows1252Punctuation_CurlyQuote()
    {
        byte[] bytes = [.. "FirstName,LastName,Phone\r\nRenee,D"u8, 0x92, .. "Souza,9876543210\r\n"u8];

        var file = CaseFiles.ReadAccepted(bytes);

        Assert.Equal("D\u2019Souza", file.Rows[0].Lead?.LastName);
    }

    [Fact]
    public void Read_ReportsUtf8WithoutBom_PlainAscii()
    {
        var file = CaseFiles.ReadAccepted("FirstName,Phone\r\nAsha,9876543210\r\n"u8.ToArray());

        Assert.Equal(DetectedEncoding.Utf8, file.Encoding);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Read_DecodesUtf16BigEndian_WithBom()
    {
        byte[] bytes = [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes("FirstName\tPhone\r\n\u0906\u0936\u093E\t9876543210\r\n")];

        var file = CaseFiles.ReadAccepted(bytes);

        Assert.Equal(DetectedEncoding.Utf16BigEndian, file.Encoding);
        Assert.Equal('\t', file.Delimiter);
        Assert.Equal("\u0906\u0936\u093E", file.Rows[0].Lead?.FirstName);
    }

    [Fact]
    public void Read_RejectsUndecodable_TruncatedUtf16()
    {
        byte[] bytes = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("FirstName\tPhone\r\n"), 0x41];

        var result = CsvLeadReader.Read(bytes);

        Assert.Equal(CsvRejectionCodes.Undecodable, result.Rejection?.Code);
        Assert.Contains("UTF-16LE", result.Rejection?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RejectsUndecodable_Utf16WithoutBom()
    {
        var bytes = Encoding.Unicode.GetBytes("FirstName,Phone\r\nAsha,9876543210\r\n");

        var result = CsvLeadReader.Read(bytes);

        Assert.Equal(CsvRejectionCodes.Undecodable, result.Rejection?.Code);
        Assert.Contains("NUL bytes", result.Rejection?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 })]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00 })]
    public void Read_RejectsWorkbook_SpreadsheetSignature(byte[] bytes)
    {
        var result = CsvLeadReader.Read(bytes);

        Assert.Equal(CsvRejectionCodes.Undecodable, result.Rejection?.Code);
        Assert.Contains("CSV UTF-8", result.Rejection?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RejectsInvalidUtf8_AfterUtf8Bom()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "FirstName,Phone\r\nRen"u8, 0xE9, .. "e,9876543210\r\n"u8];

        var result = CsvLeadReader.Read(bytes);

        Assert.Equal(CsvRejectionCodes.Undecodable, result.Rejection?.Code);
    }

    [Fact]
    public void Read_HonoursTabHint_SepLine()
    {
        var file = CaseFiles.ReadAccepted("sep=\t\r\nFirstName\tPhone\r\nAsha\t9876543210\r\n"u8.ToArray());

        Assert.Equal('\t', file.Delimiter);
        Assert.Equal(3, file.Rows[0].Line);
    }

    [Fact]
    public void Read_HonoursSepLine_AfterUtf8Bom()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "sep=;\r\nFirstName;Phone\r\nAsha;9876543210\r\n"u8];

        var file = CaseFiles.ReadAccepted(bytes);

        Assert.Equal(';', file.Delimiter);
        Assert.True(file.HasSeparatorLine);
        Assert.Equal(2, file.HeaderLine);
    }

    [Fact]
    public void Read_RejectsNoHeaderRow_SepLineOnly()
    {
        var result = CsvLeadReader.Read("sep=;\r\n"u8.ToArray());

        Assert.Equal(CsvRejectionCodes.NoHeaderRow, result.Rejection?.Code);
    }

    [Fact]
    public void Read_ReportsUnclosedQuote_AsRecordError()
    {
        var csv = "FirstName,Phone\r\nAsha,9876543210\r\n\"Rahul,9876543211\r\nMeera,9876543212\r\n";

        var file = CaseFiles.ReadAccepted(Encoding.UTF8.GetBytes(csv));

        var row = file.Rows[1];
        Assert.Equal(2, file.RecordCount);
        Assert.Equal(3, row.Line);
        Assert.Equal(CsvRecordErrors.UnclosedQuote, row.Error?.Code);
        Assert.Contains("line 3", row.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RejectsFile_UnclosedQuoteInHeader()
    {
        var result = CsvLeadReader.Read("FirstName,\"Phone\r\nAsha,9876543210\r\n"u8.ToArray());

        Assert.Equal(CsvRejectionCodes.UnclosedHeaderQuote, result.Rejection?.Code);
        Assert.Contains("line 1", result.Rejection?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_KeepsStrayQuote_InUnquotedField()
    {
        var csv = "FirstName,Phone\r\nRahul \"RJ\" Nair,9876543210\r\n";

        var file = CaseFiles.ReadAccepted(Encoding.UTF8.GetBytes(csv));

        Assert.Equal("Rahul \"RJ\" Nair", file.Rows[0].Lead?.FirstName);
        Assert.Null(file.Rows[0].Error);
    }

    [Fact]
    public void Read_IgnoresExtraEmptyFields_TrailingDelimiters()
    {
        var file = CaseFiles.ReadAccepted("FirstName,Phone\r\nAsha,9876543210,,, \r\n"u8.ToArray());

        Assert.Null(file.Rows[0].Error);
        Assert.Equal("9876543210", file.Rows[0].Lead?.Phone);
    }

    [Theory]
    [InlineData("Mohammed Irfan Khan", "Mohammed", "Irfan Khan")]
    [InlineData("  Asha   Verma ", "Asha", "Verma")]
    [InlineData("Asha", "Asha", null)]
    [InlineData("   ", null, null)]
    public void Read_SplitsFullName_NoFirstNameColumn(string fullName, string? firstName, string? lastName)
    {
        var csv = $"Name,Phone\r\n\"{fullName}\",9876543210\r\n";

        var file = CaseFiles.ReadAccepted(Encoding.UTF8.GetBytes(csv));

        Assert.Equal(firstName, file.Rows[0].Lead?.FirstName);
        Assert.Equal(lastName, file.Rows[0].Lead?.LastName);
    }

    [Fact]
    public void Read_PrefersLastNameColumn_BesideFullName()
    {
        var file = CaseFiles.ReadAccepted("Full Name,Last Name,Phone\r\nAsha Verma,Rao,9876543210\r\n"u8.ToArray());

        Assert.Equal("Asha", file.Rows[0].Lead?.FirstName);
        Assert.Equal("Rao", file.Rows[0].Lead?.LastName);
    }

    [Fact]
    public void Read_IgnoresFullName_BesideFirstNameColumn()
    {
        var file = CaseFiles.ReadAccepted("Name,First Name,Phone\r\nAsha Verma,Asha,9876543210\r\n"u8.ToArray());

        Assert.False(file.Mapping.Columns.ContainsKey(LeadColumn.FullName));
        Assert.Equal("Name", Assert.Single(file.IgnoredColumns).Name);
        Assert.Contains(file.Warnings, warning => warning.Code == CsvWarningCodes.FullNameColumnIgnored);
        Assert.Null(file.Rows[0].Lead?.LastName);
    }

    [Fact]
    public void Read_RejectsMissingFirstName_NoNameColumn()
    {
        var result = CsvLeadReader.Read("Phone,Email\r\n9876543210,a@example.com\r\n"u8.ToArray());

        Assert.Equal(CsvRejectionCodes.MissingFirstNameColumn, result.Rejection?.Code);
        Assert.StartsWith("Required column \"FirstName\" not found. Found: Phone, Email.", result.Rejection?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NamesBothColumns_TwoAliasesOfPhone()
    {
        var result = CsvLeadReader.Read("FirstName,Phone,Mobile\r\nAsha,9876543210,9876543211\r\n"u8.ToArray());

        Assert.Equal(CsvRejectionCodes.DuplicateColumn, result.Rejection?.Code);
        Assert.StartsWith("Columns \"Phone\" (column 2) and \"Mobile\" (column 3) both map to Phone.", result.Rejection?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ToleratesRepeatedUnknownName_NotesTwice()
    {
        var file = CaseFiles.ReadAccepted("FirstName,Notes,Phone,Notes\r\nAsha,a,9876543210,b\r\n"u8.ToArray());

        Assert.Equal(2, file.IgnoredColumns.Count);
        Assert.Equal("9876543210", file.Rows[0].Lead?.Phone);
    }

    [Fact]
    public void Read_MapsUnknownHeaders_CallerOverrides()
    {
        var options = new CsvReadOptions
        {
            ColumnOverrides = new Dictionary<int, ColumnOverride>
            {
                [0] = ColumnOverride.MapTo(LeadColumn.FirstName),
                [1] = ColumnOverride.MapTo(LeadColumn.Phone),
            },
        };

        var file = CaseFiles.ReadAccepted("Given,Contact\r\nAsha,9876543210\r\n"u8.ToArray(), options);

        Assert.Equal("Asha", file.Rows[0].Lead?.FirstName);
        Assert.Equal("9876543210", file.Rows[0].Lead?.Phone);
        Assert.Empty(file.IgnoredColumns);
    }

    [Fact]
    public void Read_RejectsOverride_ColumnOutsideHeader()
    {
        var options = new CsvReadOptions { ColumnOverrides = new Dictionary<int, ColumnOverride> { [5] = ColumnOverride.Ignore } };

        var result = CsvLeadReader.Read("FirstName,Phone\r\nAsha,9876543210\r\n"u8.ToArray(), options);

        Assert.Equal(CsvRejectionCodes.UnknownOverrideColumn, result.Rejection?.Code);
        Assert.Contains("column 6", result.Rejection?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UsesAccountAlias_CustomMatcher()
    {
        var matcher = new FieldNameMatcher(new Dictionary<string, LeadColumn> { ["Customer Mobile"] = LeadColumn.Phone });
        var options = new CsvReadOptions { Matcher = matcher };

        var file = CaseFiles.ReadAccepted("FirstName;customer_mobile\r\nAsha;9876543210\r\n"u8.ToArray(), options);

        Assert.Equal(';', file.Delimiter);
        Assert.Equal("customer_mobile", file.Mapping.Columns[LeadColumn.Phone].Header);
    }

    [Fact]
    public void Read_WarnsOnce_UnnamedColumnWithData()
    {
        var csv = "FirstName,Phone,\r\nAsha,9876543210,\r\nRahul,9876543211,note\r\nMeera,9876543212,more\r\n";

        var file = CaseFiles.ReadAccepted(Encoding.UTF8.GetBytes(csv));

        var warning = Assert.Single(file.Warnings);
        Assert.Equal(CsvWarningCodes.UnnamedColumnHasData, warning.Code);
        Assert.StartsWith("Column 3 has no header name but contains data (first in record 2, line 3)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindColumnForError_ReturnsMappedColumn_PhoneError()
    {
        var file = CaseFiles.ReadAccepted("FirstName,Mobile\r\nAsha,12\r\n"u8.ToArray());

        var column = file.Mapping.FindColumnForError(LeadFields.Phone);

        Assert.Equal("Mobile", column?.Header);
        Assert.Null(file.Mapping.FindColumnForError(LeadFields.Email));
    }

    [Fact]
    public void Read_ThrowsOperationCanceled_CancelledToken()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(
            () => CsvLeadReader.Read("FirstName,Phone\r\nAsha,9876543210\r\n"u8.ToArray(), cancellationToken: cancellation.Token));
    }

    [Fact]
    public void ReadAndPlan_NeverThrow_ArbitraryBytes()
    {
        var random = new Random(20261204);
        var alphabet = "ab,;\t\"\r\n =+'#\u00E9\u0906"u8.ToArray();

        for (var sample = 0; sample < 500; sample++)
        {
            var bytes = new byte[random.Next(0, 200)];
            if (sample % 2 == 0)
            {
                random.NextBytes(bytes);
            }
            else
            {
                for (var i = 0; i < bytes.Length; i++)
                {
                    bytes[i] = alphabet[random.Next(alphabet.Length)];
                }
            }

            byte[] withHeader = [.. "FirstName,Phone\r\n"u8, .. bytes];

            var bare = Record.Exception(() => ReadAndPlan(bytes));
            var headed = Record.Exception(() => ReadAndPlan(withHeader));

            Assert.Null(bare);
            Assert.Null(headed);
        }
    }

    private static void ReadAndPlan(byte[] bytes)
    {
        var result = CsvLeadReader.Read(bytes);
        if (result.IsAccepted)
        {
            new ImportPlanner(CaseFiles.Account).Plan(result.File);
        }
    }
}
