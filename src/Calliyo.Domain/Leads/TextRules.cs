using System.Globalization;
using System.Text;

namespace Calliyo.Domain.Leads;

/// <summary>
/// Clean-up shared by every free-text field: trim, NFC normalization so that one name typed on
/// two keyboards compares equal, and rejection of control characters. Text is otherwise kept
/// verbatim: formula-like names are stored as typed and neutralized only on export.
/// </summary>
public static class TextRules
{
    /// <summary>Maximum length of a name, in UTF-16 code units.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Maximum length of an email address (RFC 5321 path limit).</summary>
    public const int MaxEmailLength = 254;

    /// <summary>Maximum length of one tag, in UTF-16 code units.</summary>
    public const int MaxTagLength = 50;

    /// <summary>
    /// Trims and NFC-normalizes <paramref name="raw"/>; returns null for null or blank text.
    /// A tab inside the text is trimmed when it leads or trails, like any whitespace.
    /// </summary>
    public static string? Clean(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        var trimmed = raw.Trim();
        return trimmed.Length == 0 ? null : trimmed.Normalize(NormalizationForm.FormC);
    }

    /// <summary>Checks a cleaned value for control characters and length; returns the error or null.</summary>
    public static FieldError? Check(string field, string? raw, string? cleaned, int maxLength)
    {
        if (cleaned is null)
        {
            return null;
        }

        if (ContainsControl(cleaned))
        {
            return new FieldError(field, raw, FieldErrorCodes.ControlCharacters,
                $"{Describe(field)} contains a control character (such as a line break or tab); remove it and send plain text.");
        }

        if (cleaned.Length > maxLength)
        {
            return new FieldError(field, raw, FieldErrorCodes.TooLong,
                $"{Describe(field)} is {cleaned.Length} characters long; the limit is {maxLength}.");
        }

        return null;
    }

    /// <summary>Returns the field's name as a person reads it, such as "First name".</summary>
    public static string Describe(string field) => field switch
    {
        LeadFields.FirstName => "First name",
        LeadFields.LastName => "Last name",
        LeadFields.Phone => "Phone",
        LeadFields.Email => "Email",
        LeadFields.Tags => "Tag",
        LeadFields.Status => "Status",
        _ => field,
    };

    private static bool ContainsControl(string text)
    {
        foreach (var c in text)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Control)
            {
                return true;
            }
        }

        return false;
    }
}
