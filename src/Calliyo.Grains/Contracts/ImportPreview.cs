namespace Calliyo.Grains.Contracts;

/// <summary>
/// How an upload was read and what importing it would do: the encoding, delimiter and column
/// mapping, the warnings, the first records with their verdicts, and the verdict counts of the
/// whole file. Duplicates of stored leads are checked against the leads stored when the preview
/// is built.
/// </summary>
[GenerateSerializer, Immutable, Alias("calliyo.import-preview")]
public sealed record ImportPreview(
    [property: Id(0)] string Encoding,
    [property: Id(1)] bool HasByteOrderMark,
    [property: Id(2)] string Delimiter,
    [property: Id(3)] bool HasSeparatorLine,
    [property: Id(4)] int HeaderLine,
    [property: Id(5)] IReadOnlyList<ImportPreviewColumn> Columns,
    [property: Id(6)] IReadOnlyList<string> IgnoredColumns,
    [property: Id(7)] IReadOnlyList<ImportWarning> Warnings,
    [property: Id(8)] IReadOnlyList<ImportPreviewRow> Rows,
    [property: Id(9)] ImportPreviewCounts Counts);

/// <summary>
/// One header column: its 0-based <see cref="Index"/> (the key of a mapping override), its
/// 1-based <see cref="Position"/>, its header text, and the lead field it feeds (null when the
/// column is not imported; <see cref="Ignored"/> then distinguishes a named column from an unnamed one).
/// </summary>
[GenerateSerializer, Immutable, Alias("calliyo.import-preview-column")]
public sealed record ImportPreviewColumn(
    [property: Id(0)] int Index,
    [property: Id(1)] int Position,
    [property: Id(2)] string Header,
    [property: Id(3)] string? Field,
    [property: Id(4)] bool Ignored);

/// <summary>A warning about the file that does not stop the import, with a stable snake_case code.</summary>
[GenerateSerializer, Immutable, Alias("calliyo.import-warning")]
public sealed record ImportWarning(
    [property: Id(0)] string Code,
    [property: Id(1)] string Message);

/// <summary>
/// One record of the preview with its verdict: <c>import</c>, <c>duplicate_existing</c> (with
/// <see cref="ExistingLeadId"/>), <c>duplicate_in_file</c> (with <see cref="DuplicateOfRecord"/>)
/// or <c>error</c> (with <see cref="Errors"/>). <see cref="Lead"/> is the normalized lead for
/// every verdict but <c>error</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("calliyo.import-preview-row")]
public sealed record ImportPreviewRow(
    [property: Id(0)] int Record,
    [property: Id(1)] int Line,
    [property: Id(2)] IReadOnlyList<string> Fields,
    [property: Id(3)] string Verdict,
    [property: Id(4)] ImportPreviewLead? Lead,
    [property: Id(5)] Guid? ExistingLeadId,
    [property: Id(6)] int? DuplicateOfRecord,
    [property: Id(7)] IReadOnlyList<ImportRowError> Errors);

/// <summary>The stable verdict names of <see cref="ImportPreviewRow.Verdict"/>; clients branch on them.</summary>
public static class ImportVerdicts
{
    public const string Import = "import";
    public const string DuplicateExisting = "duplicate_existing";
    public const string DuplicateInFile = "duplicate_in_file";
    public const string Error = "error";
}

/// <summary>One reason a record is not imported: the lead field, the column it came from (null when no column feeds it), a stable code, a message and the value.</summary>
[GenerateSerializer, Immutable, Alias("calliyo.import-row-error")]
public sealed record ImportRowError(
    [property: Id(0)] string Field,
    [property: Id(1)] string? Column,
    [property: Id(2)] string Code,
    [property: Id(3)] string Message,
    [property: Id(4)] string? Value);

/// <summary>A record's lead after normalization: what the import would store.</summary>
[GenerateSerializer, Immutable, Alias("calliyo.import-preview-lead")]
public sealed record ImportPreviewLead(
    [property: Id(0)] string FirstName,
    [property: Id(1)] string? LastName,
    [property: Id(2)] string Phone,
    [property: Id(3)] string? PhoneExtension,
    [property: Id(4)] string? Email,
    [property: Id(5)] IReadOnlyList<string> Tags,
    [property: Id(6)] string Status);

/// <summary>
/// The verdict counts of the whole file: <see cref="Rows"/> rows below the header, of which
/// <see cref="Records"/> are data records and the rest blank rows.
/// </summary>
[GenerateSerializer, Immutable, Alias("calliyo.import-preview-counts")]
public sealed record ImportPreviewCounts(
    [property: Id(0)] int Rows,
    [property: Id(1)] int Records,
    [property: Id(2)] int Import,
    [property: Id(3)] int DuplicatesExisting,
    [property: Id(4)] int DuplicatesInFile,
    [property: Id(5)] int Errors,
    [property: Id(6)] int BlankRows);
