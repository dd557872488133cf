using System.Security.Cryptography;
using System.Text;

namespace Calliyo.Domain.Tokens;

/// <summary>
/// Webhook tokens look like <c>whk_&lt;secret&gt;</c> with a 256-bit random secret. Only the
/// SHA-256 hash is stored; the key id comes from the URL, so the comparison is one
/// constant-time check against that key's hash.
/// </summary>
public static class WebhookTokenFormat
{
    public const string Prefix = "whk_";

    public static string Generate() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public static bool Matches(string? token, byte[] storedHash) =>
        token is not null && CryptographicOperations.FixedTimeEquals(Hash(token), storedHash);
}
