using Calliyo.Server.Auth;

namespace Calliyo.Server.AdminUi.Sessions;

/// <summary>
/// The authentication schemes of the admin pages and how requests pick one. Pages always name
/// <see cref="Cookie"/>; <see cref="Default"/> is the application's default scheme and forwards
/// each request to the scheme that fits it.
/// </summary>
public static class SessionSchemes
{
    /// <summary>The sign-in cookie of the admin pages.</summary>
    public const string Cookie = "Session";

    /// <summary>The sign-in cookie turned into an API caller, for the import endpoints that the import page calls from the browser.</summary>
    public const string SessionApi = "SessionApi";

    /// <summary>The default scheme: a policy scheme that forwards by <see cref="Select"/>.</summary>
    public const string Default = "Calliyo";

    /// <summary>API paths that a signed-in browser may call with its cookie instead of an API token.</summary>
    public const string CookieApiPrefix = "/v1/imports";

    /// <summary>
    /// Returns the scheme for a request: an <c>Authorization</c> header always means an API token;
    /// without one, the import endpoints read the session cookie, other API paths have no caller
    /// (so they keep answering 401 in the error envelope), and every other path is a page.
    /// </summary>
    public static string Select(HttpContext context)
    {
        if (context.Request.Headers.Authorization.Count > 0)
        {
            return ApiTokenAuthenticationHandler.SchemeName;
        }

        var path = context.Request.Path;
        if (path.StartsWithSegments(CookieApiPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return SessionApi;
        }

        return IsApiPath(path) ? ApiTokenAuthenticationHandler.SchemeName : Cookie;
    }

    private static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/docs", StringComparison.OrdinalIgnoreCase);
}
