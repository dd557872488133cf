using System.Globalization;
using System.Text;

namespace Calliyo.Domain.Tests.Imports;

/// <summary>
/// Builds the large upload of the size-limit case byte for byte: a header, then one valid Indian
/// mobile per row, every line ended by CRLF, and the last Tags cell padded with <c>x</c> to hit
/// an exact size. Generated instead of committed because the files are 10 MB each.
/// </summary>
internal static class BulkLeadFile
{
    public const string Header = "FirstName,LastName,Phone,Email,Status,Tags";

    /// <summary>
    /// Returns the UTF-8 bytes (no byte-order mark) of <paramref name="rows"/> leads whose national
    /// numbers count up from <paramref name="firstNationalNumber"/>, written as <c>+91 98700 00000</c>.
    /// </summary>
    public static byte[] Generate(int rows, long firstNationalNumber, int lastTagPadding)
    {
        var text = new StringBuilder(capacity: rows * 70);
        text.Append(Header).Append("\r\n");

        for (var row = 1; row <= rows; row++)
        {
            var national = (firstNationalNumber + row - 1).ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture,
                $"Lead{row:D6},Test,+91 {national[..5]} {national[5..]},lead{row:D6}@example.com,New,bulk");

            if (row == rows)
            {
                text.Append('x', lastTagPadding);
            }

            text.Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The E.164 form of row <paramref name="row"/> (1-based).</summary>
    public static string E164(long firstNationalNumber, int row) =>
        "+91" + (firstNationalNumber + row - 1).ToString(CultureInfo.InvariantCulture);
}
