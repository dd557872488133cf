using System.Net.Http.Headers;
using System.Text;
using Calliyo.Domain.Tokens;
using Calliyo.Server.Auth;
using Calliyo.Server.Errors;
using Orleans.Dashboard;

namespace Calliyo.Server.Operations;

/// <summary>The Orleans dashboard switch. Bound from the <c>Orleans:Dashboard</c> section.</summary>
public sealed class OrleansDashboardOptions
{
    public const string SectionName = "Orleans:Dashboard";

    /// <summary>
    /// Serves the Orleans dashboard at <c>/orleans-dashboard/</c> for admins. Off by default: it
    /// profiles every grain call while on. Environment: <c>Orleans__Dashboard__Enabled</c>.
    /// </summary>
    public bool Enabled { get; set; }
}

/// <summary>
/// The Orleans dashboard (grain activations, call rates, silos, reminders), behind admin
/// authentication: an API token with <c>settings:write</c>, sent as a bearer token or, so that
/// a browser can open the page, as the password of HTTP Basic authentication (any user name).
/// </summary>
public static class OrleansDashboardSetup
{
    /// <summary>Where the dashboard is served.</summary>
    public const string Path = "/orleans-dashboard";

    private const string BasicChallenge = "Basic realm=\"Calliyo Orleans dashboard\", charset=\"UTF-8\"";

    /// <summary>Adds the dashboard's silo services when <c>Orleans:Dashboard:Enabled</c> is true; otherwise does nothing.</summary>
    public static WebApplicationBuilder AddCalliyoOrleansDashboard(this WebApplicationBuilder builder)
    {
        if (IsEnabled(builder.Configuration))
        {
            builder.UseOrleans(siloBuilder => siloBuilder.AddDashboard());
        }

        return builder;
    }

    /// <summary>Maps the dashboard under <see cref="Path"/> for admins when it is enabled; otherwise does nothing.</summary>
    public static IEndpointRouteBuilder MapCalliyoOrleansDashboard(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (IsEnabled(configuration))
        {
            app.MapOrleansDashboard(Path)
                .AddEndpointFilter(RequireAdminAsync)
                .ExcludeFromDescription();
        }

        return app;
    }

    private static bool IsEnabled(IConfiguration configuration) =>
        configuration.GetSection(OrleansDashboardOptions.SectionName).Get<OrleansDashboardOptions>()?.Enabled == true;

    private static async ValueTask<object?> RequireAdminAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated == true)
        {
            return http.User.HasScope(TokenScopes.SettingsWrite)
                ? await next(context)
                : Forbidden();
        }

        if (ReadBasicPassword(http.Request) is { } token)
        {
            var validator = http.RequestServices.GetRequiredService<ApiTokenValidator>();
            var record = await validator.ValidateAsync(token, http.RequestAborted);
            if (record is not null)
            {
                return record.Scopes.Contains(TokenScopes.SettingsWrite) ? await next(context) : Forbidden();
            }
        }

        http.Response.Headers.WWWAuthenticate = BasicChallenge;
        return ApiErrors.Create(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized,
            "The Orleans dashboard needs an API token with the scope 'settings:write', as a bearer token or as the Basic authentication password.");
    }

    private static IResult Forbidden() =>
        ApiErrors.Create(StatusCodes.Status403Forbidden, ErrorCodes.InsufficientScope,
            "This API token lacks the scope 'settings:write', which the Orleans dashboard needs.",
            new { requiredScope = TokenScopes.SettingsWrite });

    /// <summary>Returns the password of an <c>Authorization: Basic</c> header, or null when there is none or it is malformed.</summary>
    private static string? ReadBasicPassword(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
