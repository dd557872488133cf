namespace Calliyo.Domain.Imports;

/// <summary>
/// An upload that passed every file-level check: how it was read, its header and column
/// mapping, and every row below the header in file order.
/// </summary>
public sealed class ParsedCsvFile
{
    internal ParsedCsvFile(
        DetectedEncoding encoding,
        char delimiter,
        bool hasSeparatorLine,
        int headerLine,
        IReadOnlyList<string> header,
        ColumnMapping mapping,
        IReadOnlyList<CsvColumn> ignoredColumns,
        IReadOnlyList<CsvWarning> warnings,
        IReadOnlyList<CsvRow> rows,
        int recordCount)
    {
        Encoding = encoding;
        Delimiter = delimiter;
        HasSeparatorLine = hasSeparatorLine;
        HeaderLine = headerLine;
        Header = header;
        Mapping = mapping;
        IgnoredColumns = ignoredColumns;
        Warnings = warnings;
        Rows = rows;
        RecordCount = recordCount;
    }

    /// <summary>The encoding the bytes were decoded with.</summary>
    public DetectedEncoding Encoding { get; }

    /// <summary>The field delimiter: comma, semicolon, tab, or the character an Excel <c>sep=</c> line named.</summary>
    public char Delimiter { get; }

    /// <summary>True when the file started with an Excel <c>sep=X</c> line, which was honoured and skipped.</summary>
    public bool HasSeparatorLine { get; }

    /// <summary>The 1-based physical line of the header: 1, or 2 after a <c>sep=</c> line, later when blank lines precede it.</summary>
    public int HeaderLine { get; }

    /// <summary>The header cells as uploaded.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Which column feeds which lead field.</summary>
    public ColumnMapping Mapping { get; }

    /// <summary>Named columns whose values are not imported: unknown names, columns the caller chose to ignore, and a full-name column beside a first-name column.</summary>
    public IReadOnlyList<CsvColumn> IgnoredColumns { get; }

    /// <summary>What the preview should show although the file can be imported.</summary>
    public IReadOnlyList<CsvWarning> Warnings { get; }

    /// <summary>Every row below the header in file order, blank rows included.</summary>
    public IReadOnlyList<CsvRow> Rows { get; }

    /// <summary>The number of data records, blank rows excluded.</summary>
    public int RecordCount { get; }

    /// <summary>The number of blank rows, which are ignored and never count as records or errors.</summary>
    public int BlankRowCount => Rows.Count - RecordCount;
}
