using Calliyo.Domain.Fields;

namespace Calliyo.Domain.Imports;

/// <summary>
/// Chooses the field delimiter of an upload. An Excel <c>sep=X</c> first line wins; otherwise the
/// header line decides: of comma, semicolon and tab, the one that splits it into the most
/// recognised column names. Data rows never vote, because commas inside tags or addresses would
/// outvote the semicolons of a European Excel export.
/// </summary>
internal static class DelimiterDetector
{
    /// <summary>The candidates, in the order that breaks ties.</summary>
    private static readonly char[] Candidates = [',', ';', '\t'];

    /// <summary>
    /// Returns the delimiter named by an Excel <c>sep=X</c> first line (any single character but a
    /// quote or a line break, letters of <c>sep</c> in any case), or null when there is no such line.
    /// </summary>
    public static char? FindSeparatorHint(string text)
    {
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        var firstLine = end < 0 ? text.AsSpan() : text.AsSpan(0, end);

        if (firstLine.Length != 5 || !firstLine.StartsWith("sep=", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var delimiter = firstLine[4];
        return delimiter == '"' ? null : delimiter;
    }

    /// <summary>
    /// Returns the candidate that maps the most header cells through <paramref name="matcher"/>;
    /// ties go to the one that yields more columns, then to comma, semicolon and tab in that order.
    /// </summary>
    public static char Choose(string text, bool skipFirstLine, FieldNameMatcher matcher)
    {
        var best = Candidates[0];
        var bestRecognised = -1;
        var bestColumns = -1;

        foreach (var candidate in Candidates)
        {
            var header = ReadHeader(text, skipFirstLine, candidate);
            if (header is null)
            {
                return best;
            }

            var recognised = 0;
            foreach (var cell in header)
            {
                if (matcher.Match(cell) is not null)
                {
                    recognised++;
                }
            }

            if (recognised > bestRecognised || recognised == bestRecognised && header.Length > bestColumns)
            {
                best = candidate;
                bestRecognised = recognised;
                bestColumns = header.Length;
            }
        }

        return best;
    }

    /// <summary>Returns the first non-blank record read with <paramref name="delimiter"/>, or null when every line is blank.</summary>
    private static string[]? ReadHeader(string text, bool skipFirstLine, char delimiter)
    {
        using var cursor = new CsvRecordCursor(text, skipFirstLine, delimiter);
        while (cursor.Read())
        {
            if (!cursor.IsBlank)
            {
                return cursor.Fields;
            }
        }

        return null;
    }
}
