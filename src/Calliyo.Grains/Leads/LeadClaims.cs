using Calliyo.Domain.Leads;
using Calliyo.Grains.Contracts;

namespace Calliyo.Grains.Leads;

/// <summary>Hands a validated lead to the grain of its phone number; the one way new leads are created.</summary>
public static class LeadClaims
{
    /// <summary>Attempts of one claim when the silo that hosted the number's grain has just died.</summary>
    private const int MaxAttempts = 3;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    public static async Task<CaptureResult> ClaimAsync(IGrainFactory grains, Guid accountId, NormalizedLead lead, SourceReference source)
    {
        var phoneGrain = grains.GetGrain<IPhoneNumberGrain>(PhoneNumberKey.For(accountId, lead.Phone.Key));
        var newLead = new NewLead(lead.FirstName, lead.LastName, lead.Phone.E164, lead.Phone.Extension, lead.Email, lead.Tags, lead.Status, source);

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var claim = await phoneGrain.ClaimAsync(newLead);
                return claim.Created ? CaptureResult.Created(claim.Lead!) : CaptureResult.Duplicate(claim.LeadId);
            }
            catch (Exception exception) when (attempt < MaxAttempts && exception is OrleansMessageRejectionException or SiloUnavailableException)
            {
                // For a moment after a silo dies, calls can still be routed to its activations.
                // A retry is safe: if the first attempt did write the lead, the claim now returns
                // with that lead as a duplicate, never a second lead.
                await Task.Delay(RetryDelay * attempt);
            }
        }
    }
}
