namespace Calliyo.Domain.Imports;

/// <summary>
/// What importing a parsed file would do, row by row, before anything is written. Duplicates of
/// leads already in the account are not known yet: the import job finds those per phone.
/// </summary>
public sealed class ImportPlan
{
    internal ImportPlan(ParsedCsvFile file, IReadOnlyList<ImportRowVerdict> rows, IReadOnlyList<string> tags)
    {
        File = file;
        Rows = rows;
        Tags = tags;

        foreach (var row in rows)
        {
            switch (row.Outcome)
            {
                case ImportRowOutcome.Import:
                    ImportCount++;
                    break;
                case ImportRowOutcome.DuplicateInFile:
                    DuplicateInFileCount++;
                    break;
                case ImportRowOutcome.Error:
                    ErrorCount++;
                    break;
                case ImportRowOutcome.Blank:
                    BlankCount++;
                    break;
            }
        }
    }

    /// <summary>The file the plan was made from.</summary>
    public ParsedCsvFile File { get; }

    /// <summary>One verdict per row of <see cref="ParsedCsvFile.Rows"/>, in the same order.</summary>
    public IReadOnlyList<ImportRowVerdict> Rows { get; }

    /// <summary>
    /// The distinct tags of the rows planned for import, each in its first-seen spelling (or the
    /// account's spelling of a known tag), in first-seen order.
    /// </summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>The number of rows planned as <see cref="ImportRowOutcome.Import"/>.</summary>
    public int ImportCount { get; }

    /// <summary>The number of rows skipped as <see cref="ImportRowOutcome.DuplicateInFile"/>.</summary>
    public int DuplicateInFileCount { get; }

    /// <summary>The number of records with errors.</summary>
    public int ErrorCount { get; }

    /// <summary>The number of blank rows, which are ignored.</summary>
    public int BlankCount { get; }

    /// <summary>The number of data records, blank rows excluded.</summary>
    public int RecordCount => File.RecordCount;
}
