using Calliyo.Domain.Leads;

namespace Calliyo.Domain.Imports;

/// <summary>
/// Errors about a CSV record as a whole rather than one lead field. They use <see cref="Field"/>
/// as <see cref="FieldError.Field"/> and the record's text as uploaded as the value.
/// </summary>
public static class CsvRecordErrors
{
    /// <summary>The <see cref="FieldError.Field"/> of a record-level error.</summary>
    public const string Field = "record";

    /// <summary>The record has more non-empty fields than the header has columns.</summary>
    public const string TooManyFields = "too_many_fields";

    /// <summary>The record opens a quoted field that is never closed.</summary>
    public const string UnclosedQuote = "unclosed_quote";

    internal static FieldError TooMany(string rawRecord, int found, int expected, char delimiter) =>
        new(Field, rawRecord, TooManyFields,
            $"The record has {found} fields but the header has {expected} (expected {expected} fields, found {found}); check for an unquoted {DescribeDelimiter(delimiter)} inside a value such as a name, and put that value in double quotes.");

    /// <summary>The most characters of an unclosed record kept as the error value; the rest of the file follows them.</summary>
    private const int MaxUnclosedValueLength = 200;

    internal static FieldError Unclosed(string rawRecord, int line) =>
        new(Field, rawRecord.Length > MaxUnclosedValueLength ? rawRecord[..MaxUnclosedValueLength] + "…" : rawRecord, UnclosedQuote,
            $"The quoted value that starts on line {line} is never closed, so every line after it was read into this record. Add the closing double quote (\") and upload again.");

    private static string DescribeDelimiter(char delimiter) => delimiter switch
    {
        ',' => "comma",
        ';' => "semicolon",
        '\t' => "tab",
        _ => $"'{delimiter}'",
    };
}
