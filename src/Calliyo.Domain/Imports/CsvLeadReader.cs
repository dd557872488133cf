using System.Globalization;

namespace Calliyo.Domain.Imports;

/// <summary>
/// Reads an uploaded lead list: decodes the bytes, finds the delimiter and header, maps columns
/// to lead fields by name and reads every record into a raw lead. Problems with the file as a
/// whole reject it; problems with one record stay with that record so the rest can import.
/// </summary>
public static class CsvLeadReader
{
    /// <summary>How many rows are read between two checks of the cancellation token.</summary>
    private const int CancellationCheckInterval = 4096;

    /// <summary>
    /// Reads <paramref name="content"/>, the complete upload. Bad input is reported, not thrown:
    /// every problem is a <see cref="CsvFileRejection"/> or a record-level error. Only
    /// cancellation throws, as <see cref="OperationCanceledException"/>.
    /// </summary>
    public static CsvReadResult Read(ReadOnlyMemory<byte> content, CsvReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new CsvReadOptions();

        if (content.Length > options.MaxBytes)
        {
            return CsvReadResult.Rejected(TooLarge(content.Length, options.MaxBytes));
        }

        if (!CsvTextDecoder.TryDecode(content.Span, out var decoded, out var rejection))
        {
            return CsvReadResult.Rejected(rejection);
        }

        var text = decoded.Text;
        var hint = DelimiterDetector.FindSeparatorHint(text);
        var hasSeparatorLine = hint is not null;
        var delimiter = hint ?? DelimiterDetector.Choose(text, hasSeparatorLine, options.Matcher);

        using var cursor = new CsvRecordCursor(text, hasSeparatorLine, delimiter);

        if (!TryReadHeader(cursor, out var header, out var headerLine))
        {
            return CsvReadResult.Rejected(new CsvFileRejection(CsvRejectionCodes.NoHeaderRow,
                "No header row found: the file contains only blank lines. Put a header row such as FirstName,LastName,Phone,Email,Status,Tags above the leads and upload again."));
        }

        if (cursor.HasUnclosedQuote)
        {
            return CsvReadResult.Rejected(new CsvFileRejection(CsvRejectionCodes.UnclosedHeaderQuote,
                $"The header row opens a quoted name on line {headerLine} that is never closed, so the whole file was read as the header. Add the closing double quote (\") and upload again."));
        }

        if (!CsvHeaderMapper.TryMap(header, options.Matcher, options.ColumnOverrides, out var mapping, out rejection))
        {
            return CsvReadResult.Rejected(rejection);
        }

        var (rows, recordCount, unnamedWarnings) = ReadRows(cursor, header.Length, delimiter, mapping, cancellationToken);

        if (recordCount == 0)
        {
            return CsvReadResult.Rejected(new CsvFileRejection(CsvRejectionCodes.NoDataRows,
                $"No data rows found under the header (line {headerLine}). Add at least one lead below the header and upload again."));
        }

        var warnings = new List<CsvWarning>(mapping.Warnings);
        warnings.AddRange(unnamedWarnings);
        if (decoded.Encoding == DetectedEncoding.Windows1252)
        {
            warnings.Add(new CsvWarning(CsvWarningCodes.DecodedAsWindows1252,
                "The file is not valid UTF-8, so it was read as Windows-1252 (Western European). If names with accents or non-Latin letters look wrong in the preview, save the sheet as \"CSV UTF-8 (Comma delimited)\" and upload again."));
        }

        var file = new ParsedCsvFile(decoded.Encoding, delimiter, hasSeparatorLine, headerLine, header,
            mapping.Mapping, mapping.IgnoredColumns, warnings, rows, recordCount);
        return CsvReadResult.Accepted(file);
    }

    /// <summary>Reads up to the first non-blank record, which is the header; blank lines before it are skipped.</summary>
    private static bool TryReadHeader(CsvRecordCursor cursor, out string[] header, out int line)
    {
        while (cursor.Read())
        {
            if (!cursor.IsBlank)
            {
                header = cursor.Fields;
                line = cursor.StartLine;
                return true;
            }
        }

        header = [];
        line = 0;
        return false;
    }

    private static (List<CsvRow> Rows, int RecordCount, List<CsvWarning> UnnamedWarnings) ReadRows(
        CsvRecordCursor cursor,
        int headerLength,
        char delimiter,
        HeaderMapping mapping,
        CancellationToken cancellationToken)
    {
        var rows = new List<CsvRow>();
        var recordCount = 0;
        var unnamedWarnings = new List<CsvWarning>();
        var unnamedPending = new List<CsvColumn>(mapping.UnnamedColumns);

        while (cursor.Read())
        {
            if (rows.Count % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var fields = cursor.Fields;
            var line = cursor.StartLine;

            if (cursor.IsBlank)
            {
                rows.Add(CsvRow.Blank(line, fields));
                continue;
            }

            recordCount++;

            if (cursor.HasUnclosedQuote)
            {
                rows.Add(CsvRow.Unreadable(line, recordCount, fields, CsvRecordErrors.Unclosed(cursor.RawRecord, line)));
                continue;
            }

            var usedFields = CountUpToLastNonBlank(fields);
            if (usedFields > headerLength)
            {
                // Extra fields that are all empty are trailing delimiters; extra data is not guessed at.
                rows.Add(CsvRow.Unreadable(line, recordCount, fields, CsvRecordErrors.TooMany(cursor.RawRecord, usedFields, headerLength, delimiter)));
                continue;
            }

            if (unnamedPending.Count > 0)
            {
                WarnAboutUnnamedData(unnamedPending, fields, recordCount, line, unnamedWarnings);
            }

            rows.Add(CsvRow.Record(line, recordCount, fields, mapping.Mapping.BuildInput(fields)));
        }

        return (rows, recordCount, unnamedWarnings);
    }

    private static int CountUpToLastNonBlank(string[] fields)
    {
        var count = fields.Length;
        while (count > 0 && string.IsNullOrWhiteSpace(fields[count - 1]))
        {
            count--;
        }

        return count;
    }

    /// <summary>Warns once per unnamed column, at the first record that has data in it.</summary>
    private static void WarnAboutUnnamedData(List<CsvColumn> pending, string[] fields, int recordNumber, int line, List<CsvWarning> warnings)
    {
        for (var i = pending.Count - 1; i >= 0; i--)
        {
            var column = pending[i];
            if (column.Index >= fields.Length || string.IsNullOrWhiteSpace(fields[column.Index]))
            {
                continue;
            }

            pending.RemoveAt(i);
            warnings.Add(new CsvWarning(CsvWarningCodes.UnnamedColumnHasData,
                $"Column {column.Position} has no header name but contains data (first in record {recordNumber}, line {line}); that data is not imported. Give the column a header name such as Tags, or map it in the preview, to import it."));
        }
    }

    private static CsvFileRejection TooLarge(long size, long limit) =>
        new(CsvRejectionCodes.FileTooLarge, string.Create(CultureInfo.InvariantCulture,
            $"The file is {size:N0} bytes ({size / 1048576.0:0.0} MiB); the limit is {limit:N0} bytes ({limit / 1048576.0:0.#} MiB). Split the list into smaller files and upload each one."));
}
