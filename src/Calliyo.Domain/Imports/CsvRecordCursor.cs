using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Calliyo.Domain.Imports;

/// <summary>
/// Reads RFC 4180 records with CsvHelper's <see cref="CsvParser"/> and tracks the physical line
/// where each record starts. Blank lines come back as records (so they can be counted), quoted
/// fields may hold the delimiter, doubled quotes and CR, LF or CRLF, and a stray quote inside an
/// unquoted field is kept as text.
/// </summary>
internal sealed class CsvRecordCursor : IDisposable
{
    private readonly CsvParser _parser;
    private readonly int _lineOffset;
    private int _lastLineRead;
    private string? _badField;

    /// <param name="text">The decoded file.</param>
    /// <param name="skipFirstLine">True when the first line is an Excel <c>sep=</c> hint; line numbers still count it.</param>
    /// <param name="delimiter">The field delimiter.</param>
    public CsvRecordCursor(string text, bool skipFirstLine, char delimiter)
    {
        var reader = new StringReader(text);
        if (skipFirstLine)
        {
            reader.ReadLine();
            _lineOffset = 1;
        }

        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(),
            DetectDelimiter = false,
            HasHeaderRecord = false,
            IgnoreBlankLines = false,
            Mode = CsvMode.RFC4180,
            TrimOptions = TrimOptions.None,
            BadDataFound = args => _badField ??= args.Field,
        };
        _parser = new CsvParser(reader, configuration);
    }

    /// <summary>The fields of the current record, after unquoting.</summary>
    public string[] Fields { get; private set; } = [];

    /// <summary>The 1-based physical line where the current record starts; CRLF, LF and CR each end a line.</summary>
    public int StartLine { get; private set; }

    /// <summary>True when every field of the current record is empty or whitespace, as in <c>,,,,</c> or a blank line.</summary>
    public bool IsBlank { get; private set; }

    /// <summary>
    /// True when the current record opens a quoted field that is never closed, so the parser read
    /// every following line into it.
    /// </summary>
    public bool HasUnclosedQuote { get; private set; }

    /// <summary>The current record's raw text from the file, without its final line break.</summary>
    public string RawRecord => _parser.RawRecord.TrimEnd('\r', '\n');

    /// <summary>Moves to the next record, blank lines included; returns false at the end of the text.</summary>
    public bool Read()
    {
        _badField = null;
        if (!_parser.Read())
        {
            return false;
        }

        // RawRow is the line where the record ends, so the next record starts one line later.
        StartLine = _lastLineRead + 1 + _lineOffset;
        _lastLineRead = _parser.RawRow;

        Fields = _parser.Record ?? [];
        IsBlank = Array.TrueForAll(Fields, string.IsNullOrWhiteSpace);
        HasUnclosedQuote = _badField is not null && IsUnclosedQuote(_badField);
        return true;
    }

    public void Dispose() => _parser.Dispose();

    /// <summary>
    /// Returns true when a quoted field was never closed. Such a field starts with a quote and
    /// contains an odd number of quotes, because a closed one has its quotes in pairs (each
    /// <c>""</c> escape plus the two delimiting quotes).
    /// </summary>
    private static bool IsUnclosedQuote(string rawField)
    {
        var trimmed = rawField.TrimStart();
        if (!trimmed.StartsWith('"'))
        {
            return false;
        }

        var quotes = trimmed.AsSpan().Count('"');
        return quotes % 2 == 1;
    }
}
