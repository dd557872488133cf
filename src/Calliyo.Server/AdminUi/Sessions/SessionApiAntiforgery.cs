using Calliyo.Server.Errors;
using Microsoft.AspNetCore.Antiforgery;

namespace Calliyo.Server.AdminUi.Sessions;

/// <summary>
/// Rejects a state-changing API request authenticated by the session cookie unless it carries a
/// valid anti-forgery token in the <c>RequestVerificationToken</c> header, so another site cannot
/// start an import with a signed-in admin's cookie. Requests with an API token are not affected.
/// Must run after authentication.
/// </summary>
public sealed class SessionApiAntiforgery(RequestDelegate next, IAntiforgery antiforgery)
{
    public const string ErrorCode = "antiforgery_token_invalid";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.AuthenticationType == SessionSchemes.SessionApi
            && !IsSafe(context.Request.Method)
            && !await antiforgery.IsRequestValidAsync(context))
        {
            await ApiErrors.Create(StatusCodes.Status403Forbidden, ErrorCode,
                "Requests made with the sign-in cookie must send the page's anti-forgery token in the RequestVerificationToken header; reload the page and try again.")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
}
