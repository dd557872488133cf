using System.Text.RegularExpressions;

namespace Calliyo.Domain.Webhooks;

/// <summary>Recognizes the placeholder values that ad platforms' test tools fill in.</summary>
internal static partial class TestLeadMarkers
{
    /// <summary>
    /// Returns true for a value that Meta's lead-ads testing tool fills in, such as
    /// <c>&lt;test lead: dummy data for phone_number&gt;</c>. No person types this, so one such
    /// value marks the whole lead as a test.
    /// </summary>
    public static bool IsMetaPlaceholder(string value) => MetaPlaceholder().IsMatch(value);

    [GeneratedRegex(@"^\s*<test lead: dummy data for [^<>]*>\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaPlaceholder();
}
