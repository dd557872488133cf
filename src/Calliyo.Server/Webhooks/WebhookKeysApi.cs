using Calliyo.Domain.Tokens;
using Calliyo.Grains.Contracts;
using Calliyo.Grains.Webhooks;
using Calliyo.Server.Auth;
using Calliyo.Server.Errors;
using Calliyo.Server.Http;
using Calliyo.Storage.Webhooks;

namespace Calliyo.Server.Webhooks;

/// <summary>Management of webhook keys under <c>/v1/webhook-keys</c> (scope <c>settings:write</c>).</summary>
public static class WebhookKeysApi
{
    private const long MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapWebhookKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/v1/webhook-keys").WithTags("Webhook keys").RequireScope(TokenScopes.SettingsWrite);

        keys.MapPost("/", CreateAsync).DocumentsBody<WebhookKeyRequest>("application/json").Produces<WebhookKeyResponse>(StatusCodes.Status201Created)
            .WithSummary("Create a webhook key; the answer holds its token, shown only this once.");
        keys.MapGet("/", ListAsync).Produces<WebhookKeyResponse[]>().WithSummary("List the account's webhook keys (never their tokens).");
        keys.MapGet("/{id}", GetAsync).Produces<WebhookKeyResponse>().WithSummary("Read one webhook key.");
        keys.MapPatch("/{id}", UpdateAsync).DocumentsBody<WebhookKeyRequest>("application/json").Produces<WebhookKeyResponse>()
            .WithSummary("Change the settings sent; others keep their value.");
        keys.MapPost("/{id}/regenerate", RegenerateAsync).Produces<WebhookKeyResponse>()
            .WithSummary("Issue a new token; the old one stops working.");
        keys.MapDelete("/{id}", DisableAsync).Produces(StatusCodes.Status204NoContent).WithSummary("Disable the key; submissions then get 403.");
        keys.MapGet("/{id}/requests", ListRequestsAsync).Produces<WebhookRequestResponse[]>()
            .WithSummary("The key's most recent submissions, accepted and rejected, newest first.");
        keys.MapPost("/{id}/requests/{requestId}/replay", ReplayAsync)
            .WithSummary("Run a rejected submission again with the key's current settings.");

        return app;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (body, present, error) = await JsonBody.ReadObjectAsync<WebhookKeyRequest>(http.Request, MaxBodyBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var id = Guid.CreateVersion7();
        var change = await grains.GetGrain<IWebhookKeyGrain>(id).CreateAsync(http.User.GetAccountId(), body!.ToInput(present));
        return change.Outcome == WebhookKeyChangeOutcome.Done
            ? Results.Created($"/v1/webhook-keys/{id}", WebhookKeyResponse.From(change.Key!, http.Request, change.Token))
            : ToError(change, id);
    }

    private static async Task<IResult> ListAsync(HttpContext http, WebhookKeyStore keys, CancellationToken cancellationToken)
    {
        var records = await keys.ListAsync(http.User.GetAccountId(), cancellationToken);
        return Results.Ok(new { webhookKeys = records.Select(record => WebhookKeyResponse.From(record, http.Request)) });
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, IGrainFactory grains)
    {
        var key = await FindAsync(id, http, grains);
        return key is null ? ApiErrors.NotFound($"Webhook key '{id}'") : Results.Ok(WebhookKeyResponse.From(key, http.Request));
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var keyId))
        {
            return ApiErrors.NotFound($"Webhook key '{id}'");
        }

        var (body, present, error) = await JsonBody.ReadObjectAsync<WebhookKeyRequest>(http.Request, MaxBodyBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var change = await grains.GetGrain<IWebhookKeyGrain>(keyId).UpdateAsync(http.User.GetAccountId(), body!.ToInput(present));
        return change.Outcome == WebhookKeyChangeOutcome.Done ? Results.Ok(WebhookKeyResponse.From(change.Key!, http.Request)) : ToError(change, keyId);
    }

    private static async Task<IResult> RegenerateAsync(string id, HttpContext http, IGrainFactory grains)
    {
        if (!Guid.TryParse(id, out var keyId))
        {
            return ApiErrors.NotFound($"Webhook key '{id}'");
        }

        var change = await grains.GetGrain<IWebhookKeyGrain>(keyId).RegenerateTokenAsync(http.User.GetAccountId());
        return change.Outcome == WebhookKeyChangeOutcome.Done
            ? Results.Ok(WebhookKeyResponse.From(change.Key!, http.Request, change.Token))
            : ToError(change, keyId);
    }

    private static async Task<IResult> DisableAsync(string id, HttpContext http, IGrainFactory grains)
    {
        if (!Guid.TryParse(id, out var keyId))
        {
            return ApiErrors.NotFound($"Webhook key '{id}'");
        }

        var change = await grains.GetGrain<IWebhookKeyGrain>(keyId).DisableAsync(http.User.GetAccountId());
        return change.Outcome == WebhookKeyChangeOutcome.Done ? Results.NoContent() : ToError(change, keyId);
    }

    private static async Task<IResult> ListRequestsAsync(string id, HttpContext http, IGrainFactory grains, WebhookRequestLog log, CancellationToken cancellationToken)
    {
        var key = await FindAsync(id, http, grains);
        if (key is null)
        {
            return ApiErrors.NotFound($"Webhook key '{id}'");
        }

        var limit = int.TryParse(http.Request.Query["limit"], out var requested) ? Math.Clamp(requested, 1, WebhookRequestLog.MaxEntriesPerKey) : 100;
        var entries = await log.ListAsync(key.Id, limit, cancellationToken);
        return Results.Ok(new { requests = entries.Select(WebhookRequestResponse.From) });
    }

    private static async Task<IResult> ReplayAsync(string id, string requestId, HttpContext http, WebhookIntake intake)
    {
        if (!Guid.TryParse(id, out var keyId) || !Guid.TryParse(requestId, out var entryId))
        {
            return ApiErrors.NotFound($"Request '{requestId}' of webhook key '{id}'");
        }

        var result = await intake.ReplayAsync(http.User.GetAccountId(), keyId, entryId);
        return WebhookResults.ToHttpResult(result, http);
    }

    private static async Task<WebhookKeyState?> FindAsync(string id, HttpContext http, IGrainFactory grains)
    {
        if (!Guid.TryParse(id, out var keyId))
        {
            return null;
        }

        var key = await grains.GetGrain<IWebhookKeyGrain>(keyId).GetAsync();
        return key is not null && key.AccountId == http.User.GetAccountId() ? key : null;
    }

    private static IResult ToError(WebhookKeyChange change, Guid id) => change.Outcome switch
    {
        WebhookKeyChangeOutcome.NotFound => ApiErrors.NotFound($"Webhook key '{id}'"),
        WebhookKeyChangeOutcome.AlreadyExists => ApiErrors.Create(StatusCodes.Status409Conflict, "webhook_key_exists", $"Webhook key '{id}' already exists."),
        _ => ApiErrors.ValidationFailed(change.Errors),
    };
}
