using System.Net.Mail;
using Calliyo.Server.AdminUi.Sessions;
using Calliyo.Server.Auth;
using Calliyo.Storage.DataProtection;
using Calliyo.Storage.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Calliyo.Server.AdminUi;

/// <summary>Registration and routes of the admin pages (Razor Pages under <c>AdminUi/Pages</c>).</summary>
public static class AdminUiSetup
{
    /// <summary>Signed in with the session cookie, any role.</summary>
    public const string SignedInPolicy = "AdminUi.SignedIn";

    /// <summary>Signed in with the session cookie as an admin.</summary>
    public const string AdminPolicy = "AdminUi.Admin";

    /// <summary>
    /// Registers the pages, the session cookie, the first admin user and the database-backed
    /// data-protection key ring. Call it after <c>AddCalliyoAuthentication</c>: it makes a policy
    /// scheme the default that sends API-token requests to the token scheme as before.
    /// </summary>
    public static IServiceCollection AddCalliyoAdminUi(this IServiceCollection services)
    {
        services.AddOptions<AdminUiOptions>()
            .BindConfiguration(AdminUiOptions.SectionName)
            .Validate(options => MailAddress.TryCreate(options.BootstrapAdminEmail, out _),
                "Calliyo:BootstrapAdminEmail must be an email address such as admin@example.com (environment Calliyo__BootstrapAdminEmail).")
            .Validate(options => string.IsNullOrEmpty(options.BootstrapAdminPassword)
                    || options.BootstrapAdminPassword.Length is >= UserAccounts.MinPasswordLength and <= UserAccounts.MaxPasswordLength,
                $"Calliyo:BootstrapAdminPassword must have {UserAccounts.MinPasswordLength} to {UserAccounts.MaxPasswordLength} characters, or be empty to generate one (environment Calliyo__BootstrapAdminPassword).")
            .ValidateOnStart();

        services.AddSingleton<UserStore>();
        services.AddSingleton<IPasswordHasher<UserRecord>, PasswordHasher<UserRecord>>();
        services.AddSingleton<UserAccounts>();
        services.AddHostedService<AdminUserBootstrap>();
        services.AddSingleton<AdminUiAssets>();

        services.AddSingleton<DatabaseXmlRepository>();
        services.AddDataProtection().SetApplicationName("Calliyo Capture");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository = provider.GetRequiredService<DatabaseXmlRepository>()));

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SessionSchemes.Default;
                options.DefaultChallengeScheme = SessionSchemes.Default;
            })
            .AddPolicyScheme(SessionSchemes.Default, "Session cookie or API token", options => options.ForwardDefaultSelector = SessionSchemes.Select)
            .AddScheme<AuthenticationSchemeOptions, SessionApiHandler>(SessionSchemes.SessionApi, null)
            .AddCookie(SessionSchemes.Cookie, options =>
            {
                options.Cookie.Name = "calliyo_session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/signin";
                options.LogoutPath = "/signout";
                options.AccessDeniedPath = "/access-denied";
                options.ReturnUrlParameter = "returnUrl";
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;

                // NOTE: the cookie carries the role it was issued with, so a changed role applies at the next sign-in.
                // Validate the principal against the users table (OnValidatePrincipal) once users can be changed or removed.
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(SignedInPolicy, policy => policy.AddAuthenticationSchemes(SessionSchemes.Cookie).RequireAuthenticatedUser())
            .AddPolicy(AdminPolicy, policy => policy.AddAuthenticationSchemes(SessionSchemes.Cookie).RequireAuthenticatedUser().RequireRole(UserRoles.Admin));

        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/AdminUi/Pages";
            options.Conventions.AuthorizeFolder("/", SignedInPolicy);
            options.Conventions.AuthorizeFolder("/Settings", AdminPolicy);
            options.Conventions.AuthorizeFolder("/Imports", AdminPolicy);
            options.Conventions.AllowAnonymousToPage("/SignIn");
        }).AddMvcOptions(options => options.Filters.Add<ExpiredFormFilter>());

        return services;
    }

    /// <summary>
    /// Adds the asset files, authorization and the anti-forgery check of cookie API calls to the
    /// pipeline, and maps the pages. Call it after <c>UseAuthentication</c>.
    /// </summary>
    public static WebApplication MapCalliyoAdminUi(this WebApplication app)
    {
        var assets = app.Services.GetRequiredService<AdminUiAssets>();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = assets.Files,
            RequestPath = AdminUiAssets.RequestPath,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable",
        });
        app.UseAuthorization();
        app.UseMiddleware<SessionApiAntiforgery>();

        app.MapGet("/", () => Results.Redirect("/leads")).ExcludeFromDescription();
        app.MapGet("/settings", () => Results.Redirect("/settings/webhook-keys")).ExcludeFromDescription();
        app.MapRazorPages();
        return app;
    }
}
