using Calliyo.Domain.Accounts;
using Calliyo.Domain.Tokens;
using Calliyo.Grains.Accounts;
using Calliyo.Grains.Contracts;
using Calliyo.Server.Auth;
using Calliyo.Server.Errors;
using Calliyo.Server.Http;

namespace Calliyo.Server.Settings;

/// <summary>
/// The account's pipeline under <c>/v1/statuses</c>: read with <c>leads:read</c>, change with
/// <c>settings:write</c>. Protected statuses cannot be renamed or deleted.
/// </summary>
public static class StatusesApi
{
    private const long MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapStatusesApi(this IEndpointRouteBuilder app)
    {
        var statuses = app.MapGroup("/v1/statuses").WithTags("Statuses");

        statuses.MapGet("/", ListAsync).RequireScope(TokenScopes.LeadsRead).Produces<StatusList>()
            .WithSummary("The account's pipeline in order.");
        statuses.MapPost("/", AddAsync).RequireScope(TokenScopes.SettingsWrite)
            .DocumentsBody<StatusNameRequest>("application/json").Produces<StatusList>(StatusCodes.Status201Created)
            .WithSummary("Add a status at the end of the pipeline.");
        statuses.MapPatch("/{name}", RenameAsync).RequireScope(TokenScopes.SettingsWrite)
            .DocumentsBody<StatusNameRequest>("application/json").Produces<StatusList>()
            .WithSummary("Rename a status; leads that carry it follow. Protected statuses are 409.");
        statuses.MapDelete("/{name}", DeleteAsync).RequireScope(TokenScopes.SettingsWrite).Produces<StatusList>()
            .WithSummary("Delete a status that no lead carries. Protected statuses are 409.");
        statuses.MapPut("/order", ReorderAsync).RequireScope(TokenScopes.SettingsWrite)
            .DocumentsBody<StatusOrderRequest>("application/json").Produces<StatusList>()
            .WithSummary("Reorder the pipeline; send every status exactly once.");

        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, IGrainFactory grains)
    {
        var snapshot = await grains.GetGrain<IAccountGrain>(http.User.GetAccountId()).GetSnapshotAsync();
        return Results.Ok(StatusList.From(snapshot!.Statuses));
    }

    private static async Task<IResult> AddAsync(HttpContext http, IGrainFactory grains, AccountRulesCache cache, CancellationToken cancellationToken)
    {
        var (body, _, error) = await JsonBody.ReadObjectAsync<StatusNameRequest>(http.Request, MaxBodyBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var result = await grains.GetGrain<IAccountGrain>(http.User.GetAccountId()).AddStatusAsync(body!.Name);
        return ToHttpResult(result, http, cache, StatusCodes.Status201Created);
    }

    private static async Task<IResult> RenameAsync(string name, HttpContext http, IGrainFactory grains, AccountRulesCache cache, CancellationToken cancellationToken)
    {
        var (body, _, error) = await JsonBody.ReadObjectAsync<StatusNameRequest>(http.Request, MaxBodyBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var result = await grains.GetGrain<IAccountGrain>(http.User.GetAccountId()).RenameStatusAsync(name, body!.Name);
        return ToHttpResult(result, http, cache, StatusCodes.Status200OK);
    }

    private static async Task<IResult> DeleteAsync(string name, HttpContext http, IGrainFactory grains, AccountRulesCache cache)
    {
        var result = await grains.GetGrain<IAccountGrain>(http.User.GetAccountId()).DeleteStatusAsync(name);
        return ToHttpResult(result, http, cache, StatusCodes.Status200OK);
    }

    private static async Task<IResult> ReorderAsync(HttpContext http, IGrainFactory grains, AccountRulesCache cache, CancellationToken cancellationToken)
    {
        var (body, _, error) = await JsonBody.ReadObjectAsync<StatusOrderRequest>(http.Request, MaxBodyBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var result = await grains.GetGrain<IAccountGrain>(http.User.GetAccountId()).ReorderStatusesAsync(body!.Names);
        return ToHttpResult(result, http, cache, StatusCodes.Status200OK);
    }

    private static IResult ToHttpResult(AccountEditResult result, HttpContext http, AccountRulesCache cache, int successStatus)
    {
        if (result.Snapshot is { } snapshot)
        {
            cache.Forget(snapshot.AccountId);
            return Results.Json(StatusList.From(snapshot.Statuses), statusCode: successStatus);
        }

        var status = result.ErrorCode switch
        {
            PipelineEdits.NotFound => StatusCodes.Status404NotFound,
            PipelineEdits.Protected or PipelineEdits.Exists or AccountGrain.StatusInUse => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        return ApiErrors.Create(status, result.ErrorCode!, result.ErrorMessage!);
    }
}

public sealed record StatusNameRequest(string? Name);

public sealed record StatusOrderRequest(IReadOnlyList<string>? Names);

/// <summary>The pipeline in order; protected statuses cannot be renamed or deleted.</summary>
public sealed record StatusList(IReadOnlyList<StatusItem> Statuses)
{
    public static StatusList From(IReadOnlyList<PipelineStatus> statuses) =>
        new(statuses.Select((status, position) => new StatusItem(status.Name, position, status.IsProtected)).ToList());
}

public sealed record StatusItem(string Name, int Position, bool Protected);
