using Calliyo.Domain.Leads;
using Calliyo.Domain.Tokens;
using Calliyo.Server.Auth;
using Calliyo.Server.Errors;
using Calliyo.Server.Hosting;
using Calliyo.Server.Http;
using Calliyo.Storage.Tokens;

namespace Calliyo.Server.Tokens;

/// <summary>API token management under <c>/v1/api-tokens</c> (scope <c>settings:write</c>).</summary>
public static class ApiTokensApi
{
    public static IEndpointRouteBuilder MapApiTokensApi(this IEndpointRouteBuilder app)
    {
        var tokens = app.MapGroup("/v1/api-tokens").WithTags("API tokens").RequireScope(TokenScopes.SettingsWrite);

        tokens.MapPost("/", CreateAsync).DocumentsBody<CreateTokenRequest>("application/json").Produces<ApiTokenResponse>(StatusCodes.Status201Created)
            .WithSummary("Create an API token with scopes; the answer holds the token, shown only this once.");
        tokens.MapGet("/", ListAsync).Produces<ApiTokenResponse[]>().WithSummary("List the account's tokens with their last use (never the tokens).");
        tokens.MapDelete("/{id}", RevokeAsync).Produces(StatusCodes.Status204NoContent).WithSummary("Revoke a token.");

        return app;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, AccountBootstrap bootstrap, ApiTokenStore store, CancellationToken cancellationToken)
    {
        var (body, _, error) = await JsonBody.ReadObjectAsync<CreateTokenRequest>(http.Request, 16 * 1024, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var errors = new List<FieldError>();
        var name = TextRules.Clean(body!.Name);
        if (name is null || name.Length > TextRules.MaxNameLength)
        {
            errors.Add(new FieldError("name", body.Name, FieldErrorCodes.Required, $"name is required: 1 to {TextRules.MaxNameLength} characters, such as \"zapier\"."));
        }

        var scopes = (body.Scopes ?? []).Select(scope => scope.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (scopes.Count == 0)
        {
            errors.Add(new FieldError("scopes", null, FieldErrorCodes.Required, $"scopes: name at least one of {string.Join(", ", TokenScopes.All)}."));
        }

        foreach (var unknown in TokenScopes.FindUnknown(scopes))
        {
            errors.Add(new FieldError("scopes", unknown, "unknown_scope", $"scopes: '{unknown}' does not exist; use {string.Join(", ", TokenScopes.All)}."));
        }

        if (errors.Count > 0)
        {
            return ApiErrors.ValidationFailed(errors);
        }

        var accountId = http.User.GetAccountId();
        var token = await bootstrap.CreateTokenAsync(accountId, name!, scopes, cancellationToken);
        var record = await store.FindAsync(ApiTokenFormat.ParseId(token), cancellationToken);
        return Results.Created($"/v1/api-tokens/{record!.Id}", ApiTokenResponse.From(record, token));
    }

    private static async Task<IResult> ListAsync(HttpContext http, ApiTokenStore store, CancellationToken cancellationToken)
    {
        var tokens = await store.ListAsync(http.User.GetAccountId(), cancellationToken);
        return Results.Ok(new { apiTokens = tokens.Select(token => ApiTokenResponse.From(token)) });
    }

    private static async Task<IResult> RevokeAsync(string id, HttpContext http, ApiTokenStore store, ApiTokenValidator validator, CancellationToken cancellationToken)
    {
        if (!await store.RevokeAsync(http.User.GetAccountId(), id, cancellationToken))
        {
            return ApiErrors.NotFound($"API token '{id}'");
        }

        validator.Forget(id);
        return Results.NoContent();
    }
}

public sealed record CreateTokenRequest(string? Name, IReadOnlyList<string>? Scopes);

/// <summary>An API token as the API shows it; <see cref="Token"/> is set only in the answer to creating it.</summary>
public sealed record ApiTokenResponse(
    string Id,
    string Name,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt,
    string? Token = null)
{
    public static ApiTokenResponse From(ApiTokenRecord record, string? token = null) =>
        new(record.Id, record.Name, record.Scopes, record.CreatedAt, record.RevokedAt, record.LastUsedAt, token);
}
