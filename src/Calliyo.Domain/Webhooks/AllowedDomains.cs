using System.Globalization;

namespace Calliyo.Domain.Webhooks;

/// <summary>
/// The browser origins a webhook key accepts. An entry is a host name (<c>example.com</c>) or a
/// wildcard for its subdomains (<c>*.example.com</c>, which does not match <c>example.com</c>
/// itself). Matching ignores case and port. An empty list accepts any origin.
/// </summary>
public static class AllowedDomains
{
    /// <summary>
    /// Checks the request's <c>Origin</c> header, or its <c>Referer</c> when there is no Origin.
    /// A request with neither comes from a server, not a browser form, and is accepted; it still
    /// needs the key's token.
    /// </summary>
    public static bool Allows(IReadOnlyList<string> allowed, string? origin, string? referer)
    {
        if (allowed.Count == 0)
        {
            return true;
        }

        var source = !string.IsNullOrWhiteSpace(origin) && origin != "null" ? origin : referer;
        if (string.IsNullOrWhiteSpace(source))
        {
            return true;
        }

        if (!Uri.TryCreate(source, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return false;
        }

        var host = uri.IdnHost.ToLowerInvariant();
        return allowed.Any(entry => Matches(entry, host));
    }

    /// <summary>Returns the entry in canonical form, or null when it is not a host name or wildcard.</summary>
    public static string? Normalize(string? entry)
    {
        var text = entry?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var wildcard = text.StartsWith("*.", StringComparison.Ordinal);
        var host = wildcard ? text[2..] : text;
        if (host.Length is 0 or > 253 || Uri.CheckHostName(host) != UriHostNameType.Dns || host.Contains('*', StringComparison.Ordinal))
        {
            return null;
        }

        var ascii = new IdnMapping().GetAscii(host);
        return wildcard ? "*." + ascii : ascii;
    }

    private static bool Matches(string entry, string host) =>
        entry.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(entry[1..], StringComparison.Ordinal) && host.Length > entry.Length - 1
            : host == entry;
}
