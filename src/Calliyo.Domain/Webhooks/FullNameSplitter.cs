namespace Calliyo.Domain.Webhooks;

/// <summary>Splits a single name field into first and last name for forms and ads that ask for one name only.</summary>
internal static class FullNameSplitter
{
    /// <summary>
    /// Splits <paramref name="fullName"/> at its first whitespace, so "Mohammed Irfan Khan" gives
    /// "Mohammed" and "Irfan Khan". A single word is the first name alone, with a null last name.
    /// </summary>
    public static (string First, string? Last) Split(string fullName)
    {
        var trimmed = fullName.Trim();
        var gap = 0;
        while (gap < trimmed.Length && !char.IsWhiteSpace(trimmed[gap]))
        {
            gap++;
        }

        var last = trimmed[gap..].Trim();
        return (trimmed[..gap], last.Length == 0 ? null : last);
    }
}
