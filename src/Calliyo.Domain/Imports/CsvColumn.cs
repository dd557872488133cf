namespace Calliyo.Domain.Imports;

/// <summary>
/// One column of an uploaded file: its 0-based <paramref name="Index"/> in every record and its
/// header text as uploaded (untrimmed, so the preview shows the file's own text).
/// </summary>
public sealed record CsvColumn(int Index, string Header)
{
    /// <summary>The 1-based column number that people and spreadsheets use ("column 3" is <c>C</c>).</summary>
    public int Position => Index + 1;

    /// <summary>The header text without surrounding whitespace, for messages and the preview.</summary>
    public string Name => Header.Trim();
}
