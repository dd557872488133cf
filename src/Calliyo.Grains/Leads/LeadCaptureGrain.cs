using Calliyo.Domain.Leads;
using Calliyo.Grains.Accounts;
using Calliyo.Grains.Contracts;
using Orleans.Concurrency;

namespace Calliyo.Grains.Leads;

/// <summary>
/// Validates a lead with its account's rules and hands it to the grain of its phone number.
/// Validation is CPU work with no shared state, so it runs in local stateless workers. They are
/// reentrant: a worker awaiting one lead's commit takes the next request meanwhile, which is what
/// lets many leads share one batch of the writer. Without it a silo captures one lead per core at a time.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class LeadCaptureGrain(AccountRulesCache accountRules) : Grain, ILeadCaptureGrain
{
    public async Task<CaptureResult> CaptureAsync(Guid accountId, LeadInput input, SourceReference source)
    {
        var rules = await accountRules.GetAsync(accountId);
        var validation = LeadNormalizer.Normalize(input, rules);
        return validation.IsValid
            ? await ClaimAsync(accountId, validation.Lead!, source)
            : CaptureResult.Invalid(validation.Errors);
    }

    public async Task<IReadOnlyList<CaptureResult>> CaptureBatchAsync(Guid accountId, IReadOnlyList<LeadInput> inputs, SourceReference source)
    {
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

        return results;
    }

    private Task<CaptureResult> ClaimAsync(Guid accountId, NormalizedLead lead, SourceReference source) =>
        LeadClaims.ClaimAsync(GrainFactory, accountId, lead, source);
}
