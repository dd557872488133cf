using System.Security.Cryptography;

namespace Calliyo.Domain.Tokens;

/// <summary>
/// API tokens look like <c>cly_&lt;id&gt;_&lt;secret&gt;</c>: a prefix that secret scanners and
/// people recognize, a public id used to find the stored row, and a 256-bit secret of which
/// only the SHA-256 hash is stored. A fast hash suffices because the secret is random, not a
/// password; lookup by id and a constant-time hash comparison keep timing from leaking it.
/// </summary>
public static class ApiTokenFormat
{
    public const string Prefix = "cly_";

    /// <summary>
    /// The id under which a configured bootstrap token is stored. Such a token may have any
    /// shape, so a value that does not parse as <c>cly_id_secret</c> is checked against this row.
    /// </summary>
    public const string BootstrapTokenId = "bootstrap";

    private const int IdLength = 16;

    /// <summary>Creates a new token; returns its id and the full token text, shown to the caller once.</summary>
    public static (string Id, string Token) Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (id, $"{Prefix}{id}_{secret}");
    }

    /// <summary>Returns the id part of a token, or the bootstrap id for a token of any other shape.</summary>
    public static string ParseId(string token)
    {
        if (token.Length > Prefix.Length + IdLength + 1
            && token.StartsWith(Prefix, StringComparison.Ordinal)
            && token[Prefix.Length + IdLength] == '_')
        {
            return token.Substring(Prefix.Length, IdLength);
        }

        return BootstrapTokenId;
    }

    public static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));

    /// <summary>Compares a presented token with a stored hash in constant time.</summary>
    public static bool Matches(string token, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(token), storedHash);

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
