using System.Globalization;
using System.Threading.RateLimiting;
using Calliyo.Grains.Telemetry;
using Calliyo.Server.Auth;
using Calliyo.Server.Errors;
using Microsoft.AspNetCore.RateLimiting;

namespace Calliyo.Server.Http;

/// <summary>Per-token request limits. Bound from <c>Calliyo:RateLimits</c>.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Calliyo:RateLimits";

    /// <summary>
    /// Requests per second one API token may make on each silo. Default 1,000. Environment:
    /// <c>Calliyo__RateLimits__TokenRequestsPerSecond</c>.
    /// </summary>
    public int TokenRequestsPerSecond { get; set; } = 1_000;

    /// <summary>Requests a token may send at once above the steady rate. Default 2,000. Environment: <c>Calliyo__RateLimits__TokenBurst</c>.</summary>
    public int TokenBurst { get; set; } = 2_000;
}

public static class TokenRateLimiting
{
    /// <summary>
    /// Limits each API token with a token bucket per silo and returns 429 with Retry-After in the
    /// error envelope. Requests without an API token (webhooks, health) are not limited here;
    /// webhook keys have their own limit.
    /// </summary>
    public static IServiceCollection AddTokenRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.SectionName).Get<RateLimitOptions>() ?? new RateLimitOptions();
        if (options.TokenRequestsPerSecond < 1 || options.TokenBurst < 1)
        {
            throw new InvalidOperationException(
                "Calliyo:RateLimits:TokenRequestsPerSecond and TokenBurst must be at least 1 (environment Calliyo__RateLimits__TokenRequestsPerSecond, Calliyo__RateLimits__TokenBurst).");
        }

        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var tokenId = http.User.GetTokenId();
                return tokenId is null
                    ? RateLimitPartition.GetNoLimiter("anonymous")
                    : RateLimitPartition.GetTokenBucketLimiter(tokenId, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.TokenBurst,
                        TokensPerPeriod = options.TokenRequestsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });

            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.RequestServices.GetRequiredService<RateLimitMetrics>().RecordApiToken();
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await ApiErrors.Create(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited,
                    $"This API token sent more than {options.TokenRequestsPerSecond} requests per second; retry after {retryAfter} s.",
                    new { retryAfterSeconds = retryAfter }).ExecuteAsync(context.HttpContext);
            };
        });

        return services;
    }
}
