using Calliyo.Domain.Fields;
using Calliyo.Domain.Leads;

namespace Calliyo.Domain.Imports;

/// <summary>
/// Which column feeds which lead field, with at most one column per field. A full-name column is
/// kept only when the file has no first-name column, and is then split into first and last name.
/// </summary>
public sealed class ColumnMapping
{
    private static readonly int FieldCount = Enum.GetValues<LeadColumn>().Length;

    private readonly int[] _indexByField;

    internal ColumnMapping(IReadOnlyList<KeyValuePair<LeadColumn, CsvColumn>> columnsInFileOrder)
    {
        _indexByField = new int[FieldCount];
        Array.Fill(_indexByField, -1);

        var columns = new Dictionary<LeadColumn, CsvColumn>(columnsInFileOrder.Count);
        foreach (var (field, column) in columnsInFileOrder)
        {
            columns.Add(field, column);
            _indexByField[(int)field] = column.Index;
        }

        Columns = columns;
    }

    /// <summary>The column of each mapped lead field; fields without a column are absent.</summary>
    public IReadOnlyDictionary<LeadColumn, CsvColumn> Columns { get; }

    /// <summary>
    /// Returns the column that feeds a <see cref="FieldError.Field"/> such as <c>phone</c>, so an
    /// error report can name the column; null when no column feeds that field.
    /// </summary>
    public CsvColumn? FindColumnForError(string field)
    {
        LeadColumn? column = field switch
        {
            LeadFields.FirstName => Columns.ContainsKey(LeadColumn.FirstName) ? LeadColumn.FirstName : LeadColumn.FullName,
            LeadFields.LastName => Columns.ContainsKey(LeadColumn.LastName) ? LeadColumn.LastName : LeadColumn.FullName,
            LeadFields.Phone => LeadColumn.Phone,
            LeadFields.Email => LeadColumn.Email,
            LeadFields.Status => LeadColumn.Status,
            LeadFields.Tags => LeadColumn.Tags,
            _ => null,
        };

        return column is not null && Columns.TryGetValue(column.Value, out var found) ? found : null;
    }

    /// <summary>
    /// Builds the raw lead of one record. A record shorter than the header reads its missing
    /// trailing fields as empty, because spreadsheets drop trailing empty cells.
    /// </summary>
    internal LeadInput BuildInput(string[] fields)
    {
        var firstName = Cell(fields, LeadColumn.FirstName);
        var lastName = Cell(fields, LeadColumn.LastName);

        if (_indexByField[(int)LeadColumn.FirstName] < 0)
        {
            var (first, remainder) = SplitFullName(Cell(fields, LeadColumn.FullName));
            firstName = first;
            if (string.IsNullOrWhiteSpace(lastName))
            {
                lastName = remainder;
            }
        }

        var tags = Cell(fields, LeadColumn.Tags);
        IReadOnlyList<string>? tagEntries = string.IsNullOrWhiteSpace(tags) ? null : [tags];

        return new LeadInput(
            firstName,
            lastName,
            Cell(fields, LeadColumn.Phone),
            Cell(fields, LeadColumn.Email),
            tagEntries,
            Cell(fields, LeadColumn.Status));
    }

    private string? Cell(string[] fields, LeadColumn field)
    {
        var index = _indexByField[(int)field];
        return index >= 0 && index < fields.Length ? fields[index] : null;
    }

    /// <summary>Splits "Asha  Verma Rao" at the first run of whitespace into "Asha" and "Verma Rao".</summary>
    internal static (string? First, string? Remainder) SplitFullName(string? fullName)
    {
        var trimmed = fullName?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return (null, null);
        }

        var gap = 0;
        while (gap < trimmed.Length && !char.IsWhiteSpace(trimmed[gap]))
        {
            gap++;
        }

        if (gap == trimmed.Length)
        {
            return (trimmed, null);
        }

        return (trimmed[..gap], trimmed[gap..].Trim());
    }
}
