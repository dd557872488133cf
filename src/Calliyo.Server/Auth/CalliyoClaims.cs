using System.Security.Claims;

namespace Calliyo.Server.Auth;

/// <summary>Claim types Calliyo puts on an authenticated caller, and readers for them.</summary>
public static class CalliyoClaims
{
    public const string AccountId = "calliyo:account_id";
    public const string TokenId = "calliyo:token_id";
    public const string Scope = "scope";

    public static Guid GetAccountId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(AccountId) ?? throw new InvalidOperationException("The caller has no account claim."));

    public static string? GetTokenId(this ClaimsPrincipal user) => user.FindFirstValue(TokenId);

    public static bool HasScope(this ClaimsPrincipal user, string scope) =>
        user.Claims.Any(claim => claim.Type == Scope && claim.Value == scope);
}
