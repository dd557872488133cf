using System.Globalization;
using Calliyo.Grains.Contracts;
using Calliyo.Server.Errors;

namespace Calliyo.Server.Webhooks;

/// <summary>Maps a webhook outcome to its HTTP answer.</summary>
public static class WebhookResults
{
    public static IResult ToHttpResult(WebhookResult result, HttpContext http)
    {
        var status = WebhookOutcomes.StatusCode(result.Outcome);
        if (result.RepeatedDelivery)
        {
            http.Response.Headers["X-Calliyo-Repeated-Delivery"] = "true";
        }

        return result.Outcome switch
        {
            WebhookOutcome.Created => Results.Json(new { outcome = "created", leadId = result.LeadId }, statusCode: status),
            WebhookOutcome.Duplicate => Results.Json(new { outcome = "duplicate", existingLeadId = result.ExistingLeadId, message = result.Message }, statusCode: status),
            WebhookOutcome.Test => Results.Json(new { outcome = "test", message = result.Message }, statusCode: status),
            WebhookOutcome.Spam => Results.Json(new { outcome = "accepted" }, statusCode: status),
            WebhookOutcome.Invalid => ApiErrors.ValidationFailed(result.Errors ?? []),
            WebhookOutcome.RateLimited => RateLimited(result, http),
            _ => ApiErrors.Create(status, Code(result.Outcome), result.Message ?? "The submission was rejected."),
        };
    }

    private static IResult RateLimited(WebhookResult result, HttpContext http)
    {
        http.Response.Headers.RetryAfter = (result.RetryAfterSeconds ?? 1).ToString(CultureInfo.InvariantCulture);
        return ApiErrors.Create(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, result.Message ?? "Too many submissions.",
            new { retryAfterSeconds = result.RetryAfterSeconds });
    }

    private static string Code(WebhookOutcome outcome) => outcome switch
    {
        WebhookOutcome.Unauthorized => "invalid_webhook_token",
        WebhookOutcome.Disabled => "webhook_key_disabled",
        WebhookOutcome.OriginRejected => "origin_not_allowed",
        WebhookOutcome.MalformedBody => ErrorCodes.MalformedBody,
        WebhookOutcome.NotFound => ErrorCodes.NotFound,
        WebhookOutcome.NotReplayable => "not_replayable",
        _ => ErrorCodes.InternalError,
    };
}
