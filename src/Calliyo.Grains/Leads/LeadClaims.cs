using Calliyo.Domain.Leads;
using Calliyo.Grains.Contracts;

namespace Calliyo.Grains.Leads;

/// <summary>Hands a validated lead to the grain of its phone number; the one way new leads are created.</summary>
public static class LeadClaims
{
    public static async Task<CaptureResult> ClaimAsync(IGrainFactory grains, Guid accountId, NormalizedLead lead, SourceReference source)
    {
        var phoneGrain = grains.GetGrain<IPhoneNumberGrain>(PhoneNumberKey.For(accountId, lead.Phone.Key));
        var claim = await phoneGrain.ClaimAsync(new NewLead(
            lead.FirstName, lead.LastName, lead.Phone.E164, lead.Phone.Extension, lead.Email, lead.Tags, lead.Status, source));

        return claim.Created ? CaptureResult.Created(claim.Lead!) : CaptureResult.Duplicate(claim.LeadId);
    }
}
