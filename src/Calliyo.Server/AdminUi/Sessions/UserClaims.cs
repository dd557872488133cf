using System.Security.Claims;
using Calliyo.Server.Auth;
using Calliyo.Storage.Users;

namespace Calliyo.Server.AdminUi.Sessions;

/// <summary>The claims of a signed-in user, and readers for them.</summary>
public static class UserClaims
{
    /// <summary>
    /// Builds the principal stored in the session cookie: the user id as <see cref="ClaimTypes.NameIdentifier"/>
    /// (which anti-forgery tokens are bound to), the email as the name, the role and the account.
    /// </summary>
    public static ClaimsPrincipal CreatePrincipal(UserRecord user, string authenticationType)
    {
        Claim[] claims =
        [
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.Email),
            new(ClaimTypes.Role, user.Role),
            new(CalliyoClaims.AccountId, user.AccountId.ToString()),
        ];
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static Guid GetUserId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The caller has no user claim."));

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(UserRoles.Admin);
}
