using System.Globalization;
using System.Text;
using Calliyo.Domain.Imports;
using Calliyo.Grains.Contracts;

namespace Calliyo.Grains.Imports;

/// <summary>
/// Writes the error report of a job: one CSV line per failed or skipped record, made of the
/// columns <c>Record</c>, <c>Line</c>, <c>Outcome</c>, <c>Column</c> and <c>Reason</c> followed by
/// the record's fields exactly as uploaded under the file's own header. The report columns come
/// first so that a record with too many fields cannot push them out of place. A person can fix
/// the fields and upload the report itself, because those five header names map to no lead
/// field and the import ignores them.
/// </summary>
/// <remarks>
/// A cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return gets a
/// leading apostrophe, so a spreadsheet shows it as text instead of running it as a formula; the
/// stored leads are not changed. This includes phone cells such as <c>+91 98765 43210</c>, which a
/// spreadsheet would also read as a formula: the phone normalizer ignores a leading apostrophe,
/// so the phone imports unchanged when the report is uploaded again. In other columns the
/// apostrophe stays part of the value unless the person removes it, and a name that started
/// with a tab is then rejected for its control character until the apostrophe goes.
/// </remarks>
internal static class ImportErrorReport
{
    private static readonly string[] ReportColumns = ["Record", "Line", "Outcome", "Column", "Reason"];

    /// <summary>
    /// Returns the report of the first <paramref name="processedRows"/> rows of the session as
    /// UTF-8 with a byte-order mark (which spreadsheets need to read UTF-8) and CRLF line ends.
    /// <paramref name="holders"/> maps each phone key that another lead already has to that lead's id.
    /// </summary>
    public static byte[] Write(ImportSession session, int processedRows, IReadOnlyDictionary<string, Guid> holders)
    {
        var file = session.File;
        var text = new StringBuilder();
        WriteLine(text, [.. ReportColumns, .. file.Header]);

        var phoneColumn = file.Mapping.FindColumnForError(Domain.Leads.LeadFields.Phone)?.Name;
        var rows = session.Plan.Rows;
        for (var i = 0; i < processedRows && i < rows.Count; i++)
        {
            var verdict = rows[i];
            var (outcome, column, reason) = Describe(verdict, file.Mapping, phoneColumn, holders);
            if (outcome is null)
            {
                continue;
            }

            var record = verdict.RecordNumber!.Value.ToString(CultureInfo.InvariantCulture);
            var line = verdict.Line.ToString(CultureInfo.InvariantCulture);
            WriteLine(text, [record, line, outcome, column ?? "", reason!, .. verdict.Row.Fields]);
        }

        var csv = text.ToString();
        var preamble = Encoding.UTF8.Preamble;
        var bytes = new byte[preamble.Length + Encoding.UTF8.GetByteCount(csv)];
        preamble.CopyTo(bytes);
        Encoding.UTF8.GetBytes(csv, bytes.AsSpan(preamble.Length));
        return bytes;
    }

    /// <summary>Returns the outcome, column and reason of a record that was not imported, or nulls for one that was.</summary>
    private static (string? Outcome, string? Column, string? Reason) Describe(
        ImportRowVerdict verdict, ColumnMapping mapping, string? phoneColumn, IReadOnlyDictionary<string, Guid> holders)
    {
        switch (verdict.Outcome)
        {
            case ImportRowOutcome.Import when holders.TryGetValue(verdict.Lead!.Phone.Key, out var holder):
                return (ImportVerdicts.DuplicateExisting, phoneColumn,
                    $"Skipped: lead {holder} already has phone {verdict.Lead.Phone.Key}. Update that lead instead, or change the phone to import this row as a new lead.");
            case ImportRowOutcome.DuplicateInFile:
                return (ImportVerdicts.DuplicateInFile, phoneColumn, string.Create(CultureInfo.InvariantCulture,
                    $"Skipped: record {verdict.DuplicateOfRecord} of this file already has phone {verdict.Lead!.Phone.Key}, and only the first record with a phone is used."));
            case ImportRowOutcome.Error:
                var errors = ImportPreviewBuilder.Errors(verdict, mapping);
                var columns = errors.Select(error => error.Column).Where(name => name is not null).Distinct();
                return (ImportVerdicts.Error, string.Join("; ", columns), string.Join(" ", errors.Select(error => error.Message)));
            default:
                return (null, null, null);
        }
    }

    private static void WriteLine(StringBuilder text, IEnumerable<string> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                text.Append(',');
            }

            first = false;
            WriteCell(text, Neutralize(cell));
        }

        text.Append("\r\n");
    }

    /// <summary>Prefixes an apostrophe to a cell that a spreadsheet would run as a formula.</summary>
    internal static string Neutralize(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;

    private static void WriteCell(StringBuilder text, string cell)
    {
        if (cell.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            text.Append(cell);
            return;
        }

        text.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
