namespace Calliyo.Domain.Imports;

/// <summary>
/// Something the preview should show although the file can be imported: a stable snake_case
/// code from <see cref="CsvWarningCodes"/> and a message for the person who uploaded the file.
/// </summary>
public sealed record CsvWarning(string Code, string Message);

/// <summary>Stable codes of <see cref="CsvWarning"/>; clients branch on these, so never rename one.</summary>
public static class CsvWarningCodes
{
    /// <summary>Named columns whose values are not imported, such as <c>Company</c> or <c>City</c>.</summary>
    public const string IgnoredColumns = "ignored_columns";

    /// <summary>A column without a header name contains data in at least one record, and that data is not imported.</summary>
    public const string UnnamedColumnHasData = "unnamed_column_has_data";

    /// <summary>A full-name column was not used because the file also has a first-name column.</summary>
    public const string FullNameColumnIgnored = "full_name_column_ignored";

    /// <summary>The bytes were not valid UTF-8 and were read as Windows-1252, which may garble non-Latin names.</summary>
    public const string DecodedAsWindows1252 = "decoded_as_windows_1252";
}
