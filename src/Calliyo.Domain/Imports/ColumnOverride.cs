using Calliyo.Domain.Fields;

namespace Calliyo.Domain.Imports;

/// <summary>
/// A caller's choice for one column that replaces what the header name would map to: either a
/// lead field, or "ignore this column". The preview sends these when a person corrects the mapping.
/// </summary>
public sealed record ColumnOverride
{
    private ColumnOverride(LeadColumn? field) => Field = field;

    /// <summary>The lead field the column maps to; null when the column is ignored.</summary>
    public LeadColumn? Field { get; }

    /// <summary>An override that leaves the column out of the import.</summary>
    public static ColumnOverride Ignore { get; } = new(field: null);

    /// <summary>Returns an override that maps the column to <paramref name="field"/>.</summary>
    public static ColumnOverride MapTo(LeadColumn field) => new(field);
}
