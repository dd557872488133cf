using Calliyo.Domain.Leads;
using Calliyo.Domain.Phones;
using Calliyo.Grains.Accounts;
using Calliyo.Grains.Contracts;
using Calliyo.Storage.Leads;
using Orleans.Concurrency;

namespace Calliyo.Grains.Leads;

/// <summary>
/// Applies patches to stored leads: merge the patch over the stored values, validate the result
/// as a whole with the account's rules, then write it. Two patches of one lead at once are not
/// serialized against each other; the last write wins.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class LeadEditorGrain(AccountRulesCache accountRules, LeadStore leads, TimeProvider timeProvider) : Grain, ILeadEditorGrain
{
    public async Task<UpdateResult> UpdateAsync(Guid accountId, Guid leadId, LeadPatch patch)
    {
        var current = await leads.FindAsync(accountId, leadId, CancellationToken.None);
        return current is null ? UpdateResult.NotFound() : await ApplyAsync(current, patch);
    }

    public async Task<UpdateResult> UpdateByPhoneAsync(Guid accountId, string? phone, LeadPatch patch)
    {
        var rules = await accountRules.GetAsync(accountId);
        var normalized = PhoneNormalizer.Normalize(phone, rules.DefaultRegion);
        if (!normalized.IsValid)
        {
            return UpdateResult.Invalid([normalized.Error!]);
        }

        var current = await leads.FindByPhoneKeyAsync(accountId, normalized.Phone!.Key, CancellationToken.None);
        return current is null ? UpdateResult.NotFound() : await ApplyAsync(current, patch);
    }

    public async Task<IReadOnlyList<UpdateResult>> BulkUpdateByPhoneAsync(Guid accountId, IReadOnlyList<PhonePatch> items)
    {
        // In order, one at a time, so two items that reach the same lead apply in request order.
        var results = new List<UpdateResult>(items.Count);
        foreach (var item in items)
        {
            results.Add(await UpdateByPhoneAsync(accountId, item.Phone, item.Patch));
        }

        return results;
    }

    private async Task<UpdateResult> ApplyAsync(LeadRecord current, LeadPatch patch)
    {
        var rules = await accountRules.GetAsync(current.AccountId);
        var validation = LeadNormalizer.Normalize(Merge(current, patch), rules);
        if (!validation.IsValid)
        {
            return UpdateResult.Invalid(validation.Errors);
        }

        var lead = validation.Lead!;
        var updated = current with
        {
            FirstName = lead.FirstName,
            LastName = lead.LastName,
            PhoneE164 = lead.Phone.E164,
            PhoneExtension = lead.Phone.Extension,
            PhoneKey = lead.Phone.Key,
            Email = lead.Email,
            Tags = lead.Tags,
            Status = lead.Status,
            UpdatedAt = timeProvider.GetUtcNow(),
        };

        if (updated.PhoneKey == current.PhoneKey)
        {
            await leads.UpdateAsync(updated, CancellationToken.None);
            return UpdateResult.Updated(LeadViews.From(updated));
        }

        var newNumber = GrainFactory.GetGrain<IPhoneNumberGrain>(PhoneNumberKey.For(current.AccountId, updated.PhoneKey));
        var move = await newNumber.MoveHereAsync(LeadViews.From(updated));
        if (!move.Created)
        {
            return UpdateResult.Duplicate(move.LeadId);
        }

        await GrainFactory.GetGrain<IPhoneNumberGrain>(PhoneNumberKey.For(current.AccountId, current.PhoneKey)).ReleaseAsync(current.Id);
        return UpdateResult.Updated(move.Lead!);
    }

    private static LeadInput Merge(LeadRecord current, LeadPatch patch)
    {
        var fields = patch.Fields.ToHashSet(StringComparer.Ordinal);
        var values = patch.Values;
        var currentPhone = current.PhoneExtension is null ? current.PhoneE164 : $"{current.PhoneE164};ext={current.PhoneExtension}";

        return new LeadInput(
            fields.Contains(LeadFields.FirstName) ? values.FirstName : current.FirstName,
            fields.Contains(LeadFields.LastName) ? values.LastName : current.LastName,
            fields.Contains(LeadFields.Phone) ? values.Phone : currentPhone,
            fields.Contains(LeadFields.Email) ? values.Email : current.Email,
            fields.Contains(LeadFields.Tags) ? values.Tags : current.Tags,
            fields.Contains(LeadFields.Status) ? values.Status : current.Status);
    }
}
