using Calliyo.Grains.Contracts;
using Calliyo.Grains.Webhooks;
using Calliyo.Server.Errors;
using Calliyo.Server.Http;

namespace Calliyo.Server.Webhooks;

/// <summary>
/// The inbound webhook URL, <c>POST /v1/hooks/{keyId}</c>. It takes no API token: the key's own
/// token authenticates, in the <c>X-Webhook-Token</c> header or a body field.
/// </summary>
public static class HooksApi
{
    /// <summary>Largest accepted submission body, in bytes.</summary>
    public const long MaxBodyBytes = 256 * 1024;

    public const string TokenHeader = "X-Webhook-Token";

    public static IEndpointRouteBuilder MapHooksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/hooks/{keyId}", SubmitAsync).WithTags("Webhooks")
            .DocumentsBody<Dictionary<string, string>>("application/json", "application/x-www-form-urlencoded")
            .WithSummary("Submit one lead with the key's token (X-Webhook-Token header, webhook_token field or Google's google_key). 201 created, 200 duplicate, test or accepted.");
        return app;
    }

    private static async Task<IResult> SubmitAsync(string keyId, HttpContext http, WebhookIntake intake, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(keyId, out var id))
        {
            return ApiErrors.NotFound($"Webhook key '{keyId}'");
        }

        var (body, tooLarge) = await RequestBody.ReadAsync(http.Request, MaxBodyBytes, cancellationToken);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var headers = http.Request.Headers;
        var delivery = new WebhookDelivery(
            http.Request.ContentType,
            body!,
            headers.TryGetValue(TokenHeader, out var token) ? token.ToString() : null,
            headers.Origin.Count > 0 ? headers.Origin.ToString() : null,
            headers.Referer.Count > 0 ? headers.Referer.ToString() : null);

        var result = await intake.SubmitAsync(id, delivery);
        return WebhookResults.ToHttpResult(result, http);
    }
}
