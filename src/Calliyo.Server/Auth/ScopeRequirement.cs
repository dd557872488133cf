using Calliyo.Server.Errors;

namespace Calliyo.Server.Auth;

public static class ScopeRequirement
{
    /// <summary>
    /// Requires an authenticated caller whose token carries <paramref name="scope"/>: a missing or
    /// invalid token gets 401 and a token without the scope gets 403, both in the error envelope.
    /// </summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var user = context.HttpContext.User;
            if (user.Identity?.IsAuthenticated != true)
            {
                context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
                return ApiErrors.Create(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized,
                    "A valid API token is required; send it as 'Authorization: Bearer <token>'.");
            }

            if (!user.HasScope(scope))
            {
                return ApiErrors.Create(StatusCodes.Status403Forbidden, ErrorCodes.InsufficientScope,
                    $"This API token lacks the scope '{scope}'; create a token that has it.",
                    new { requiredScope = scope });
            }

            return await next(context);
        });

        return builder;
    }
}
