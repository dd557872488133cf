using System.Diagnostics;
using Calliyo.Domain.Leads;
using Calliyo.Grains.Accounts;
using Calliyo.Grains.Contracts;
using Calliyo.Grains.Telemetry;
using Orleans.Concurrency;

namespace Calliyo.Grains.Leads;

/// <summary>
/// Validates a lead with its account's rules and hands it to the grain of its phone number.
/// Validation is CPU work with no shared state, so it runs in local stateless workers. They are
/// reentrant: a worker awaiting one lead's commit takes the next request meanwhile, which is what
/// lets many leads share one batch of the writer. Without it a silo captures one lead per core at a time.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class LeadCaptureGrain(AccountRulesCache accountRules, CaptureMetrics metrics) : Grain, ILeadCaptureGrain
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
        LeadClaims.ClaimAsync(GrainFactory, accountId, lead, source);
}
