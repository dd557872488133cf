using System.Globalization;
using System.Text.RegularExpressions;
using Calliyo.Domain.Leads;
using PhoneNumbers;

namespace Calliyo.Domain.Phones;

/// <summary>
/// Turns a phone value as people type, paste or export it into E.164 plus extension, using
/// libphonenumber with the account's default region. Only numbers that libphonenumber calls
/// valid are accepted: its "possible" check lets 9- and 11-digit Indian strings through.
/// </summary>
public static partial class PhoneNormalizer
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private static readonly HashSet<string> Placeholders = new(StringComparer.OrdinalIgnoreCase)
    {
        "n/a", "na", "n.a.", "-", "--", "none", "null", "nil", "0", ".", "?", "unknown",
    };

    /// <summary>Normalizes <paramref name="raw"/>, reading a number without a country code in <paramref name="defaultRegion"/>.</summary>
    public static PhoneNormalization Normalize(string? raw, string defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return PhoneNormalization.Invalid(raw, FieldErrorCodes.Required,
                "Phone is required; send a number such as +91 98765 43210.");
        }

        var text = UnwrapSpreadsheetValue(PhoneText.Clean(raw));

        if (text.Length == 0 || Placeholders.Contains(text))
        {
            return PhoneNormalization.Invalid(raw, FieldErrorCodes.Required,
                $"Phone is missing (the value is '{raw.Trim()}'); send a number such as +91 98765 43210.");
        }

        if (text.StartsWith('#'))
        {
            return PhoneNormalization.Invalid(raw, FieldErrorCodes.InvalidPhone,
                $"Phone '{raw}' is a spreadsheet error value, not a number; fix the cell in the source file.");
        }

        var scientific = ScientificNotation().Match(text);
        if (scientific.Success)
        {
            var expanded = ExpandScientific(scientific);
            if (expanded is null)
            {
                return PhoneNormalization.Invalid(raw, FieldErrorCodes.LossyPhone,
                    $"Phone '{raw}' was shortened by a spreadsheet to scientific notation and its last digits are lost; format the column as text and export the file again.");
            }

            text = expanded;
        }

        text = TrailingDecimalZero().Replace(text, "$1");
        text = DanglingExtensionMarker().Replace(text, "").TrimEnd();

        var extension = ExtensionSuffix().Match(text);
        var mainPart = extension.Success ? text[..extension.Index] : text;

        if (CountNumbers(mainPart) > 1)
        {
            return PhoneNormalization.Invalid(raw, FieldErrorCodes.MultiplePhones,
                $"Phone '{raw}' holds more than one number; send one number per lead.");
        }

        if (ContainsLetter(mainPart))
        {
            return PhoneNormalization.Invalid(raw, FieldErrorCodes.PhoneContainsText,
                $"Phone '{raw}' contains text; send digits only and put notes in another field.");
        }

        return Parse(raw, text, defaultRegion);
    }

    private static PhoneNormalization Parse(string raw, string text, string defaultRegion)
    {
        PhoneNumber number;
        try
        {
            number = Util.Parse(text, defaultRegion);
        }
        catch (NumberParseException)
        {
            return InvalidNumber(raw, defaultRegion);
        }

        if (!Util.IsValidNumber(number))
        {
            return InvalidNumber(raw, defaultRegion);
        }

        var e164 = Util.Format(number, PhoneNumberFormat.E164);
        var ext = number.HasExtension && number.Extension.Length > 0 ? number.Extension : null;
        return PhoneNormalization.Valid(new NormalizedPhone(e164, ext));
    }

    private static PhoneNormalization InvalidNumber(string raw, string region) =>
        PhoneNormalization.Invalid(raw, FieldErrorCodes.InvalidPhone,
            $"Phone '{raw}' is not a valid number (read in region {region} unless it starts with +); check the digits or write it with its country code, such as +91 98765 43210.");

    /// <summary>
    /// Strips what spreadsheets and lead exports wrap around a number: a leading apostrophe
    /// (Excel's text marker), an <c>="…"</c> formula wrapper, and the <c>p:</c> or <c>tel:</c>
    /// prefix of Meta exports and links.
    /// </summary>
    private static string UnwrapSpreadsheetValue(string text)
    {
        if (text.StartsWith('\''))
        {
            text = text[1..].Trim();
        }

        if (text.StartsWith("=\"", StringComparison.Ordinal) && text.EndsWith('"') && text.Length >= 3)
        {
            text = text[2..^1].Trim();
        }

        if (text.StartsWith("p:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..].Trim();
        }
        else if (text.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[4..].Trim();
        }

        return text;
    }

    /// <summary>Counts the parts between <see cref="NumberSeparator"/> matches that hold six or more digits.</summary>
    private static int CountNumbers(string text)
    {
        var numbers = 0;
        foreach (var range in NumberSeparator().EnumerateSplits(text))
        {
            var digits = 0;
            foreach (var c in text.AsSpan(range))
            {
                if (char.IsAsciiDigit(c))
                {
                    digits++;
                }
            }

            if (digits >= 6)
            {
                numbers++;
            }
        }

        return numbers;
    }

    private static bool ContainsLetter(string text)
    {
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Expands Excel's scientific notation only when every digit of the number is written out
    /// (as in <c>9.19876543210E+11</c>). When the exponent needs padding zeros
    /// (<c>9.19877E+11</c>) the real digits are gone, so the result is null rather than a guess
    /// that would belong to somebody else.
    /// </summary>
    private static string? ExpandScientific(Match match)
    {
        var integerPart = match.Groups["int"].Value;
        var fraction = match.Groups["frac"].Value;
        var exponent = int.Parse(match.Groups["exp"].Value, CultureInfo.InvariantCulture);

        return fraction.Length == exponent ? integerPart + fraction : null;
    }

    /// <summary>Excel's scientific notation, with the point or, in European locales, the comma as decimal separator.</summary>
    [GeneratedRegex(@"^(?<int>\d)(?:[.,](?<frac>\d+))?[eE]\+?(?<exp>\d{1,2})$")]
    private static partial Regex ScientificNotation();

    [GeneratedRegex(@"^(\+?\d+)\.0+$")]
    private static partial Regex TrailingDecimalZero();

    [GeneratedRegex(@"(?:;\s*ext=|\bext(?:n|ension)?\.?|\bx|#)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DanglingExtensionMarker();

    [GeneratedRegex(@"(?:;\s*ext=|\bext(?:n|ension)?\.?|\s*x|#)\s*\d{1,10}\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ExtensionSuffix();

    /// <summary>What people put between two numbers in one cell: a slash, comma, semicolon, pipe, ampersand, "or" or "and".</summary>
    [GeneratedRegex(@"[/,;|&]|\bor\b|\band\b", RegexOptions.IgnoreCase)]
    private static partial Regex NumberSeparator();
}
