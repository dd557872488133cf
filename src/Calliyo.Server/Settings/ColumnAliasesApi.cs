using Calliyo.Domain.Tokens;
using Calliyo.Grains.Accounts;
using Calliyo.Grains.Contracts;
using Calliyo.Server.Auth;
using Calliyo.Server.Errors;
using Calliyo.Server.Http;

namespace Calliyo.Server.Settings;

/// <summary>
/// The account's own column aliases, <c>GET/PUT /v1/settings/column-aliases</c>: extra CSV header
/// or form field names mapped to a lead field, such as <c>{"Customer Mobile": "phone"}</c>.
/// </summary>
public static class ColumnAliasesApi
{
    public static IEndpointRouteBuilder MapColumnAliasesApi(this IEndpointRouteBuilder app)
    {
        var aliases = app.MapGroup("/v1/settings/column-aliases").WithTags("Settings");

        aliases.MapGet("/", GetAsync).RequireScope(TokenScopes.LeadsRead).Produces<ColumnAliases>()
            .WithSummary("The account's own column aliases.");
        aliases.MapPut("/", PutAsync).RequireScope(TokenScopes.SettingsWrite)
            .DocumentsBody<ColumnAliases>("application/json").Produces<ColumnAliases>()
            .WithSummary("Replace the account's column aliases.");

        return app;
    }

    private static async Task<IResult> GetAsync(HttpContext http, IGrainFactory grains)
    {
        var snapshot = await grains.GetGrain<IAccountGrain>(http.User.GetAccountId()).GetSnapshotAsync();
        return Results.Ok(ColumnAliases.From(snapshot!));
    }

    private static async Task<IResult> PutAsync(HttpContext http, IGrainFactory grains, AccountRulesCache cache, CancellationToken cancellationToken)
    {
        var (body, _, error) = await JsonBody.ReadObjectAsync<ColumnAliases>(http.Request, 64 * 1024, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var result = await grains.GetGrain<IAccountGrain>(http.User.GetAccountId()).SetColumnAliasesAsync(body!.Aliases ?? new Dictionary<string, string>());
        if (result.Snapshot is null)
        {
            return ApiErrors.Create(StatusCodes.Status422UnprocessableEntity, result.ErrorCode!, result.ErrorMessage!);
        }

        cache.Forget(result.Snapshot.AccountId);
        return Results.Ok(ColumnAliases.From(result.Snapshot));
    }
}

/// <summary>Alias text → lead field (<c>firstName</c>, <c>lastName</c>, <c>fullName</c>, <c>phone</c>, <c>email</c>, <c>status</c>, <c>tags</c>).</summary>
public sealed record ColumnAliases(IReadOnlyDictionary<string, string>? Aliases)
{
    public static ColumnAliases From(AccountSnapshot snapshot) =>
        new(snapshot.ColumnAliases.ToDictionary(pair => pair.Key, pair => char.ToLowerInvariant(pair.Value[0]) + pair.Value[1..]));
}
