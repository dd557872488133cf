using Calliyo.Domain.Leads;

namespace Calliyo.Domain.Imports;

/// <summary>
/// One row of an uploaded file below the header: a data record, or a blank row (a blank line,
/// whitespace only, or only delimiters such as <c>,,,,</c>), which is counted but not numbered.
/// A record carries either the raw lead built through the column mapping or a record-level error.
/// </summary>
public sealed class CsvRow
{
    private CsvRow(int line, int? recordNumber, IReadOnlyList<string> fields, LeadInput? lead, FieldError? error)
    {
        Line = line;
        RecordNumber = recordNumber;
        Fields = fields;
        Lead = lead;
        Error = error;
    }

    /// <summary>The 1-based physical line where the row starts; a quoted line break makes a record span several lines.</summary>
    public int Line { get; }

    /// <summary>The 1-based number of the data record, header and blank rows excluded; null for a blank row.</summary>
    public int? RecordNumber { get; }

    /// <summary>The field texts as uploaded (after CSV unquoting), for the error report.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>The raw lead read through the column mapping; null for a blank row or a record with <see cref="Error"/>.</summary>
    public LeadInput? Lead { get; }

    /// <summary>Why the record could not be read as a lead at all, such as more fields than the header.</summary>
    public FieldError? Error { get; }

    /// <summary>True for a blank row, which has no record number, lead or error.</summary>
    public bool IsBlank => RecordNumber is null;

    internal static CsvRow Blank(int line, string[] fields) => new(line, null, fields, null, null);

    internal static CsvRow Record(int line, int recordNumber, string[] fields, LeadInput lead) =>
        new(line, recordNumber, fields, lead, null);

    internal static CsvRow Unreadable(int line, int recordNumber, string[] fields, FieldError error) =>
        new(line, recordNumber, fields, null, error);
}
