using System.Security.Claims;
using System.Text.Encodings.Web;
using Calliyo.Domain.Tokens;
using Calliyo.Server.Auth;
using Calliyo.Storage.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Calliyo.Server.AdminUi.Sessions;

/// <summary>
/// Lets a signed-in browser call the import endpoints with its session cookie: reads the cookie
/// and returns an API caller with the user's account and the scopes of the user's role
/// (<c>imports:write</c> and <c>leads:read</c> for admins, none for agents, who then get 403).
/// Anti-forgery is checked by <see cref="SessionApiAntiforgery"/> once the caller is known.
/// </summary>
public sealed class SessionApiHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private static readonly string[] AdminScopes = [TokenScopes.ImportsWrite, TokenScopes.LeadsRead];

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var session = await Context.AuthenticateAsync(SessionSchemes.Cookie);
        if (!session.Succeeded)
        {
            return AuthenticateResult.NoResult();
        }

        var user = session.Principal;
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.FindFirstValue(ClaimTypes.NameIdentifier)!),
            new(ClaimTypes.Name, user.Identity?.Name ?? ""),
            new(CalliyoClaims.AccountId, user.FindFirstValue(CalliyoClaims.AccountId)!),
        };

        if (user.IsInRole(UserRoles.Admin))
        {
            claims.AddRange(AdminScopes.Select(scope => new Claim(CalliyoClaims.Scope, scope)));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SessionSchemes.SessionApi));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SessionSchemes.SessionApi));
    }
}
