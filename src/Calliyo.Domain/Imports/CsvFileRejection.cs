namespace Calliyo.Domain.Imports;

/// <summary>
/// Why a whole uploaded file was rejected before any lead was read from it: a stable
/// snake_case code from <see cref="CsvRejectionCodes"/> and a message that names what was found
/// and how to fix the file.
/// </summary>
public sealed record CsvFileRejection(string Code, string Message);

/// <summary>Stable codes of <see cref="CsvFileRejection"/>; clients branch on these, so never rename one.</summary>
public static class CsvRejectionCodes
{
    /// <summary>The file is larger than <see cref="CsvReadOptions.MaxBytes"/>.</summary>
    public const string FileTooLarge = "file_too_large";

    /// <summary>The file has no bytes, or only a byte-order mark.</summary>
    public const string EmptyFile = "empty_file";

    /// <summary>The bytes are not text in any encoding the reader supports (NUL bytes, a workbook, broken UTF-16).</summary>
    public const string Undecodable = "undecodable";

    /// <summary>The file contains only blank lines, so there is no header row.</summary>
    public const string NoHeaderRow = "no_header_row";

    /// <summary>The header row opens a quoted value that is never closed, so it swallowed the file.</summary>
    public const string UnclosedHeaderQuote = "unclosed_header_quote";

    /// <summary>The header is followed by no record, or only by blank rows.</summary>
    public const string NoDataRows = "no_data_rows";

    /// <summary>No column maps to the phone field.</summary>
    public const string MissingPhoneColumn = "missing_phone_column";

    /// <summary>No column maps to the first-name field or to a full-name field.</summary>
    public const string MissingFirstNameColumn = "missing_first_name_column";

    /// <summary>Two or more columns map to the same lead field.</summary>
    public const string DuplicateColumn = "duplicate_column";

    /// <summary>A caller's column override names a column that the header does not have.</summary>
    public const string UnknownOverrideColumn = "unknown_override_column";
}
