using Calliyo.Grains.Contracts;
using Calliyo.Storage.Leads;

namespace Calliyo.Grains.Leads;

/// <summary>
/// Serializes every claim of one (account, phone key): Orleans runs one call at a time on an
/// activation, so two captures of the same number cannot both insert. The grain keeps no
/// persistent state: the first claim goes straight to the batching writer, whose
/// <c>ON CONFLICT</c> insert returns the existing lead's id when the number is taken, and that
/// id is then kept in memory for later claims. The unique index on (account, phone key)
/// keeps the rule even if two activations briefly exist during a cluster change.
/// </summary>
/// <remarks>
/// Grain calls are not reentrant here on purpose: one claim at a time per number. A new
/// number's grain is placed on the silo that received the lead, because nearly every number is
/// claimed once, by that silo: placement elsewhere would add a network hop to each new lead.
/// Claims of the number from other silos still reach this one activation through the directory.
/// </remarks>
[Orleans.Placement.PreferLocalPlacement]
[CollectionAgeLimit(Minutes = 2)]
public sealed class PhoneNumberGrain(LeadWriter writer, LeadStore leads, TimeProvider timeProvider) : Grain, IPhoneNumberGrain
{
    private Guid? _leadId;

    public async Task<ClaimResult> ClaimAsync(NewLead lead)
    {
        if (_leadId is { } existing)
        {
            return new ClaimResult(false, existing, null);
        }

        var (accountId, phoneKey) = PhoneNumberKey.Parse(this.GetPrimaryKeyString());
        var now = timeProvider.GetUtcNow();
        var record = new LeadRecord(
            LeadIds.Next(now), accountId, lead.FirstName, lead.LastName, lead.PhoneE164, lead.PhoneExtension,
            phoneKey, lead.Email, lead.Tags, lead.Status, LeadViews.SourceName(lead.Source.Source),
            lead.Source.ReferenceId, lead.Source.Row, now, now);

        var outcome = await writer.InsertAsync(record);
        _leadId = outcome.LeadId;
        // Most numbers are captured once and never seen again, so an activation per new lead
        // would pile up during a burst, and an import of 150,000 rows would keep hundreds of MB
        // of activations for the collection age. A new number, and any number an import
        // claimed, is released at once; a later claim finds the lead through the insert's
        // conflict. A duplicate from another source stays active for the next repeat.
        if (outcome.Inserted || lead.Source.Source == LeadSource.Csv)
        {
            DeactivateOnIdle();
        }

        return outcome.Inserted
            ? new ClaimResult(true, outcome.LeadId, LeadViews.From(record))
            : new ClaimResult(false, outcome.LeadId, null);
    }

    public async Task<ClaimResult> MoveHereAsync(LeadView updated)
    {
        if (_leadId is { } holder && holder != updated.Id)
        {
            return new ClaimResult(false, holder, null);
        }

        var (accountId, phoneKey) = PhoneNumberKey.Parse(this.GetPrimaryKeyString());
        var record = LeadViews.ToRecord(updated, accountId, phoneKey);
        if (!await leads.UpdateAsync(record, CancellationToken.None))
        {
            var existing = await leads.FindByPhoneKeyAsync(accountId, phoneKey, CancellationToken.None);
            _leadId = existing?.Id;
            return new ClaimResult(false, existing?.Id ?? Guid.Empty, null);
        }

        _leadId = updated.Id;
        return new ClaimResult(true, updated.Id, updated);
    }

    public Task ReleaseAsync(Guid leadId)
    {
        if (_leadId == leadId)
        {
            _leadId = null;
        }

        return Task.CompletedTask;
    }
}
