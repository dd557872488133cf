using System.Text.Json.Serialization;
using Calliyo.Server.Auth;
using Calliyo.Server.Errors;
using Calliyo.Server.Http;
using Microsoft.AspNetCore.Authentication;

namespace Calliyo.Server.Hosting;

public static class ServiceRegistration
{
    /// <summary>
    /// Registers the start-up work that must finish before the silo starts (migrations, default
    /// account, bootstrap token); call it before <c>AddCalliyoSilo</c>.
    /// </summary>
    public static IServiceCollection AddCalliyoStartup(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CalliyoOptions>()
            .Bind(configuration.GetSection(CalliyoOptions.SectionName))
            .Validate(options => options.DefaultRegion.Length == 2 && PhoneNumbers.PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(options.DefaultRegion.ToUpperInvariant()),
                "Calliyo:DefaultRegion must be an ISO 3166-1 alpha-2 region that libphonenumber knows, such as IN or GB (environment Calliyo__DefaultRegion).")
            .ValidateOnStart();
        services.AddSingleton<AccountBootstrap>();
        services.AddHostedService<StartupInitializer>();
        return services;
    }

    public static IServiceCollection AddCalliyoAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<ApiTokenValidator>();
        services.AddAuthentication(ApiTokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        return services;
    }

    /// <summary>JSON with camelCase names and enums as strings, the error envelope for unhandled errors, and the idempotency filter.</summary>
    public static IServiceCollection AddCalliyoHttp(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        services.AddExceptionHandler<ExceptionHandling>();
        services.AddProblemDetails();
        services.AddScoped<IdempotencyFilter>();
        return services;
    }
}
