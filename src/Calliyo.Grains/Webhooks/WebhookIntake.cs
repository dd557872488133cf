using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Calliyo.Domain.Leads;
using Calliyo.Domain.Tokens;
using Calliyo.Domain.Webhooks;
using Calliyo.Grains.Accounts;
using Calliyo.Grains.Contracts;
using Calliyo.Grains.Leads;
using Calliyo.Grains.Telemetry;
using Calliyo.Storage.Webhooks;

namespace Calliyo.Grains.Webhooks;

/// <summary>
/// Runs one webhook submission through the key's checks in order: known and enabled key, body,
/// token, allowed domains, rate limit, honeypot, platform re-delivery, platform test lead, then
/// the key's defaults and capture. Every submission, accepted or rejected, goes to the key's
/// request log, without tokens and, for spam, without its fields. It runs on the silo that
/// received the request and reads the key and the account from per-silo caches, so the only
/// grain call of a submission is the claim of its phone number.
/// </summary>
public sealed class WebhookIntake(
    IGrainFactory grains,
    WebhookKeyCache keys,
    AccountRulesCache accounts,
    WebhookRateLimiters rateLimiters,
    WebhookKeyStore keyStore,
    WebhookRequestLog requestLog,
    WebhookMetrics metrics,
    TimeProvider timeProvider)
{
    /// <summary>Outcomes whose submissions an admin may run again after fixing the key's settings.</summary>
    private static readonly HashSet<string> Replayable =
    [
        WebhookOutcomes.Name(WebhookOutcome.Invalid),
        WebhookOutcomes.Name(WebhookOutcome.OriginRejected),
        WebhookOutcomes.Name(WebhookOutcome.RateLimited),
        WebhookOutcomes.Name(WebhookOutcome.Disabled),
    ];

    public async Task<WebhookResult> SubmitAsync(Guid keyId, WebhookDelivery delivery)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = CalliyoTelemetry.ActivitySource.StartActivity("webhook submission");

        var result = await IntakeAsync(keyId, delivery);
        metrics.RecordSubmission(result, Stopwatch.GetElapsedTime(started), activity);
        return result;
    }

    /// <summary>Runs a rejected submission from the key's request log again with the key's current settings.</summary>
    public async Task<WebhookResult> ReplayAsync(Guid accountId, Guid keyId, Guid requestId)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = CalliyoTelemetry.ActivitySource.StartActivity("webhook replay");

        var result = await ReplayCoreAsync(accountId, keyId, requestId);
        metrics.RecordReplay(result, Stopwatch.GetElapsedTime(started), activity);
        return result;
    }

    private async Task<WebhookResult> IntakeAsync(Guid keyId, WebhookDelivery delivery)
    {
        var key = await keys.GetAsync(keyId);
        if (key is null)
        {
            return new WebhookResult(WebhookOutcome.NotFound, Message: $"Webhook key {keyId} does not exist; check the URL.");
        }

        var read = WebhookBodyReader.Read(delivery.ContentType, delivery.Body, await accounts.GetMatcherAsync(key.AccountId));
        var token = delivery.TokenHeader ?? read.Submission?.PlatformKey;

        if (!WebhookTokenFormat.Matches(token, key.TokenHash))
        {
            return Log(key, null, new WebhookResult(WebhookOutcome.Unauthorized,
                Message: token is null
                    ? "The webhook token is missing; send it in the X-Webhook-Token header or the webhook_token field."
                    : "The webhook token is invalid; copy the current token of this key."), reason: token is null ? "missing token" : "invalid token");
        }

        if (!key.Enabled)
        {
            return Log(key, read.Submission, new WebhookResult(WebhookOutcome.Disabled, Message: "This webhook key is disabled."), "key disabled");
        }

        if (!read.IsSuccess)
        {
            return Log(key, null, new WebhookResult(WebhookOutcome.MalformedBody, Message: read.Error.Message), read.Error.Code);
        }

        var submission = read.Submission;
        if (!AllowedDomains.Allows(key.AllowedDomains, delivery.Origin, delivery.Referer))
        {
            var origin = delivery.Origin ?? delivery.Referer;
            return Log(key, submission, new WebhookResult(WebhookOutcome.OriginRejected,
                Message: $"Submissions from '{origin}' are not allowed for this key; add its domain to allowedDomains."), $"origin {origin} not allowed");
        }

        if (rateLimiters.TryAcquire(key.Id, key.RateLimitPerMinute) is { } retryAfter)
        {
            return Log(key, submission, new WebhookResult(WebhookOutcome.RateLimited, RetryAfterSeconds: retryAfter,
                Message: $"This key accepts {key.RateLimitPerMinute} submissions per minute; retry after {retryAfter} s."), "rate limited");
        }

        if (key.HoneypotField is { } honeypot && !string.IsNullOrWhiteSpace(submission.FindRawValue(honeypot)))
        {
            return Log(key, null, new WebhookResult(WebhookOutcome.Spam), $"honeypot field '{honeypot}' was filled");
        }

        if (submission.ExternalId is { } externalId && await keyStore.FindDeliveryAsync(key.Id, externalId, CancellationToken.None) is { } first)
        {
            var repeated = JsonSerializer.Deserialize(first.Body, GrainJson.Default.WebhookResult)! with { RepeatedDelivery = true };
            return Log(key, submission, repeated, $"repeated delivery of platform lead {externalId}");
        }

        if (submission.IsTest)
        {
            return await RememberAsync(key, submission, Log(key, submission, new WebhookResult(WebhookOutcome.Test,
                Message: "Test lead received; it is not stored as a lead."), "platform test lead"));
        }

        var result = await CaptureAsync(key, submission);
        return await RememberAsync(key, submission, Log(key, submission, result, Reason(result)));
    }

    private async Task<WebhookResult> ReplayCoreAsync(Guid accountId, Guid keyId, Guid requestId)
    {
        var key = await keys.GetAsync(keyId);
        if (key is null || key.AccountId != accountId)
        {
            return new WebhookResult(WebhookOutcome.NotFound, Message: $"Webhook key {keyId} was not found.");
        }

        var entry = await requestLog.FindAsync(keyId, requestId, CancellationToken.None);
        if (entry is null)
        {
            return new WebhookResult(WebhookOutcome.NotFound, Message: $"Request {requestId} is not in this key's log.");
        }

        if (!Replayable.Contains(entry.Outcome) || entry.Fields is null)
        {
            return new WebhookResult(WebhookOutcome.NotReplayable,
                Message: $"Request {requestId} ended as '{entry.Outcome}'; only rejected submissions with their fields can be replayed.");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(entry.Fields, GrainJson.Default.IReadOnlyDictionaryStringString);
        var read = WebhookBodyReader.Read("application/json", body, await accounts.GetMatcherAsync(accountId));
        if (!read.IsSuccess)
        {
            return new WebhookResult(WebhookOutcome.MalformedBody, Message: read.Error.Message);
        }

        var result = await CaptureAsync(key, read.Submission);
        return Log(key, read.Submission, result, $"replay of request {requestId}: {Reason(result)}");
    }

    private async Task<WebhookResult> CaptureAsync(WebhookKeyState key, WebhookSubmission submission)
    {
        var lead = submission.Lead;
        var withDefaults = submission with
        {
            Lead = lead with
            {
                Status = string.IsNullOrWhiteSpace(lead.Status) ? key.DefaultStatus : lead.Status,
                Tags = [.. key.DefaultTags, .. lead.Tags ?? []],
            },
        };

        var rules = await accounts.GetAsync(key.AccountId);
        var validation = withDefaults.Normalize(rules);
        if (!validation.IsValid)
        {
            return new WebhookResult(WebhookOutcome.Invalid, Errors: validation.Errors,
                Message: validation.Errors.Count == 1 ? validation.Errors[0].Message : $"{validation.Errors.Count} fields are invalid.");
        }

        var capture = await LeadClaims.ClaimAsync(grains, key.AccountId, validation.Lead!, new SourceReference(LeadSource.Webhook, key.Id.ToString()));
        return capture.Outcome == CaptureOutcome.Created
            ? new WebhookResult(WebhookOutcome.Created, LeadId: capture.Lead!.Id)
            : new WebhookResult(WebhookOutcome.Duplicate, ExistingLeadId: capture.ExistingLeadId,
                Message: "A lead with this phone number already exists; nothing was created.");
    }

    /// <summary>Stores the response to a platform lead id, so that a re-delivery gets the same response.</summary>
    private async Task<WebhookResult> RememberAsync(WebhookKeyState key, WebhookSubmission submission, WebhookResult result)
    {
        if (submission.ExternalId is { } externalId && result.Outcome is WebhookOutcome.Created or WebhookOutcome.Duplicate or WebhookOutcome.Test)
        {
            var body = JsonSerializer.Serialize(result, GrainJson.Default.WebhookResult);
            await keyStore.AddDeliveryAsync(key.Id, externalId, WebhookOutcomes.StatusCode(result.Outcome), body, timeProvider.GetUtcNow(), CancellationToken.None);
        }

        return result;
    }

    private WebhookResult Log(WebhookKeyState key, WebhookSubmission? submission, WebhookResult result, string? reason)
    {
        requestLog.Append(new WebhookRequestRecord(
            Guid.CreateVersion7(timeProvider.GetUtcNow()), key.Id, timeProvider.GetUtcNow(), WebhookOutcomes.Name(result.Outcome),
            WebhookOutcomes.StatusCode(result.Outcome), reason, result.LeadId ?? result.ExistingLeadId,
            submission?.Format.ToCode(), submission?.SubmittedValues));
        return result;
    }

    private static string? Reason(WebhookResult result) => result.Outcome switch
    {
        WebhookOutcome.Invalid => string.Join("; ", result.Errors!.Select(e => $"{e.Field}: {e.Code}")),
        WebhookOutcome.Duplicate => "phone already in a lead",
        _ => null,
    };
}
