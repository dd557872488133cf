using System.Globalization;
using System.Text;

namespace Calliyo.Domain.Phones;

/// <summary>
/// Clean-up of phone text before libphonenumber sees it: invisible characters that copy and
/// paste or spreadsheets add, and digits or symbols from other scripts.
/// </summary>
internal static class PhoneText
{
    /// <summary>
    /// Removes format characters (bidi marks, zero-width spaces, byte-order marks), turns every
    /// Unicode space into an ASCII space, every decimal digit of any script into an ASCII digit,
    /// and Unicode dashes and the full-width plus into their ASCII forms.
    /// </summary>
    public static string Clean(string raw)
    {
        // Printable ASCII needs no mapping; most cells are plain ASCII, so skip the copy.
        if (!raw.AsSpan().ContainsAnyExceptInRange(' ', '~'))
        {
            return raw.Trim();
        }

        var builder = new StringBuilder(raw.Length);

        foreach (var c in raw)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);

            if (category == UnicodeCategory.Format || category == UnicodeCategory.Control && c != '\t')
            {
                continue;
            }

            if (category == UnicodeCategory.SpaceSeparator || c == '\t')
            {
                builder.Append(' ');
            }
            else if (category == UnicodeCategory.DecimalDigitNumber && c > '9')
            {
                builder.Append((char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c)));
            }
            else if (category == UnicodeCategory.DashPunctuation || c == '\u2212')
            {
                builder.Append('-');
            }
            else if (c == '\uFF0B')
            {
                builder.Append('+');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }
}
