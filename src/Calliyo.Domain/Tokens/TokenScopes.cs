namespace Calliyo.Domain.Tokens;

/// <summary>The scopes an API token can carry; each endpoint requires one.</summary>
public static class TokenScopes
{
    public const string LeadsRead = "leads:read";
    public const string LeadsWrite = "leads:write";
    public const string ImportsWrite = "imports:write";
    public const string SettingsWrite = "settings:write";

    public static IReadOnlyList<string> All { get; } = [LeadsRead, LeadsWrite, ImportsWrite, SettingsWrite];

    /// <summary>Returns the scopes of <paramref name="requested"/> that do not exist.</summary>
    public static IReadOnlyList<string> FindUnknown(IEnumerable<string> requested) =>
        requested.Where(scope => !All.Contains(scope, StringComparer.Ordinal)).ToList();
}
