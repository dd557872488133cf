using Calliyo.Domain.Fields;

namespace Calliyo.Domain.Webhooks;

/// <summary>Whether a submitted field is the main source of its lead field or a stand-in used only when the main one is missing.</summary>
internal enum FieldRank
{
    Primary,
    Fallback,
}

/// <summary>The lead field that a submitted field fills, and how strongly.</summary>
internal readonly record struct FieldTarget(LeadColumn Column, FieldRank Rank)
{
    /// <summary>
    /// Canonical names (see <see cref="FieldNameMatcher.Canonicalize"/>) of work contact fields,
    /// which fill email or phone only when the personal field is missing or empty.
    /// </summary>
    private static readonly Dictionary<string, LeadColumn> WorkContactNames = new(StringComparer.Ordinal)
    {
        ["workemail"] = LeadColumn.Email,
        ["workphone"] = LeadColumn.Phone,
        ["workphonenumber"] = LeadColumn.Phone,
    };

    /// <summary>Maps a flat key or a Meta question name through <paramref name="matcher"/>; null for a field that no lead field takes.</summary>
    public static FieldTarget? Match(FieldNameMatcher matcher, string name)
    {
        if (WorkContactNames.TryGetValue(FieldNameMatcher.Canonicalize(name), out var workColumn))
        {
            return new FieldTarget(workColumn, FieldRank.Fallback);
        }

        return matcher.Match(name) is { } column ? new FieldTarget(column, FieldRank.Primary) : null;
    }
}
