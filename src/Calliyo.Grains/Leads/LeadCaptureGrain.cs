using Calliyo.Domain.Leads;
using Calliyo.Grains.Accounts;
using Calliyo.Grains.Contracts;
using Orleans.Concurrency;

namespace Calliyo.Grains.Leads;

/// <summary>
/// Validates a lead with its account's rules and hands it to the grain of its phone number.
/// Validation is CPU work with no shared state, so it runs in local stateless workers.
/// </summary>
[StatelessWorker]
public sealed class LeadCaptureGrain(AccountRulesCache accountRules) : Grain, ILeadCaptureGrain
{
    public async Task<CaptureResult> CaptureAsync(Guid accountId, LeadInput input, SourceReference source)
    {
        var rules = await accountRules.GetAsync(accountId);
        var validation = LeadNormalizer.Normalize(input, rules);
        if (!validation.IsValid)
        {
            return CaptureResult.Invalid(validation.Errors);
        }

        var lead = validation.Lead!;
        var phoneGrain = GrainFactory.GetGrain<IPhoneNumberGrain>(PhoneNumberKey.For(accountId, lead.Phone.Key));
        var claim = await phoneGrain.ClaimAsync(new NewLead(
            lead.FirstName, lead.LastName, lead.Phone.E164, lead.Phone.Extension, lead.Email, lead.Tags, lead.Status, source));

        return claim.Created ? CaptureResult.Created(claim.Lead!) : CaptureResult.Duplicate(claim.LeadId);
    }
}
