using System.Diagnostics;
using Calliyo.Domain.Leads;
using Calliyo.Grains.Accounts;
using Calliyo.Grains.Contracts;
using Calliyo.Grains.Telemetry;

namespace Calliyo.Grains.Leads;

/// <summary>
/// The entry point of every capture source: validates and normalizes a lead with its account's
/// rules, then claims its phone number through the number's grain, which is the one place that
/// decides whether the lead is new. Validation is CPU work with no shared state, so it runs on
/// the silo that received the request, in the request's own task, with no grain call of its
/// own: a local worker grain here cost a message, a copy of the input and two thread hops per lead.
/// </summary>
public sealed class LeadCapture(IGrainFactory grains, AccountRulesCache accountRules, CaptureMetrics metrics)
{
    public async Task<CaptureResult> CaptureAsync(Guid accountId, LeadInput input, SourceReference source)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = CalliyoTelemetry.ActivitySource.StartActivity("capture lead");

        var rules = await accountRules.GetAsync(accountId);
        var validation = LeadNormalizer.Normalize(input, rules);
        var result = validation.IsValid
            ? await ClaimAsync(accountId, validation.Lead!, source)
            : CaptureResult.Invalid(validation.Errors);

        metrics.RecordCapture(source.Source, result.Outcome, Stopwatch.GetElapsedTime(started), activity);
        return result;
    }

    /// <summary>
    /// Captures many leads and returns one result per input, in order. A later input with the
    /// phone of an earlier one is a duplicate of that item (<see cref="CaptureResult.DuplicateOfItem"/>),
    /// whatever the order in which the claims finish.
    /// </summary>
    public async Task<IReadOnlyList<CaptureResult>> CaptureBatchAsync(Guid accountId, IReadOnlyList<LeadInput> inputs, SourceReference source)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = CalliyoTelemetry.ActivitySource.StartActivity("capture lead batch");
        activity?.SetTag(CalliyoTelemetry.Attributes.LeadSource, CaptureMetrics.SourceValue(source.Source));

        var rules = await accountRules.GetAsync(accountId);
        var results = new CaptureResult[inputs.Count];
        var claims = new List<(int Index, Task<CaptureResult> Claim)>();
        var firstItemByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var repeats = new List<(int Index, int First)>();

        for (var i = 0; i < inputs.Count; i++)
        {
            var validation = LeadNormalizer.Normalize(inputs[i], rules);
            if (!validation.IsValid)
            {
                results[i] = CaptureResult.Invalid(validation.Errors);
            }
            else if (firstItemByKey.TryGetValue(validation.Lead!.Phone.Key, out var first))
            {
                repeats.Add((i, first));
            }
            else
            {
                firstItemByKey[validation.Lead.Phone.Key] = i;
                claims.Add((i, ClaimAsync(accountId, validation.Lead, source)));
            }
        }

        foreach (var (index, claim) in claims)
        {
            results[index] = await claim;
        }

        foreach (var (index, first) in repeats)
        {
            var holder = results[first].Lead?.Id ?? results[first].ExistingLeadId!.Value;
            results[index] = CaptureResult.Duplicate(holder) with { DuplicateOfItem = first };
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        foreach (var result in results)
        {
            metrics.RecordCapture(source.Source, result.Outcome, elapsed);
        }

        return results;
    }

    private Task<CaptureResult> ClaimAsync(Guid accountId, NormalizedLead lead, SourceReference source) =>
        LeadClaims.ClaimAsync(grains, accountId, lead, source);
}
