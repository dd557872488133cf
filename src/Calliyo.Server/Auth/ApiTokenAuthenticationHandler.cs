using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Calliyo.Server.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> with an API token. The token text is
/// never logged; failures say only that the token is missing or invalid.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header is not a Bearer token.");
        }

        var token = header["Bearer ".Length..].Trim();
        var record = await validator.ValidateAsync(token, Context.RequestAborted);
        if (record is null)
        {
            return AuthenticateResult.Fail("The API token is invalid or revoked.");
        }

        var claims = new List<Claim>
        {
            new(CalliyoClaims.AccountId, record.AccountId.ToString()),
            new(CalliyoClaims.TokenId, record.Id),
        };
        claims.AddRange(record.Scopes.Select(scope => new Claim(CalliyoClaims.Scope, scope)));

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
