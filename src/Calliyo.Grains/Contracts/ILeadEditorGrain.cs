using Calliyo.Domain.Leads;

namespace Calliyo.Grains.Contracts;

/// <summary>
/// Changes existing leads with the same rules that capture applies. A phone change goes through
/// the grain of the new number, so an edit can never create a duplicate.
/// </summary>
public interface ILeadEditorGrain : IGrainWithIntegerKey
{
    Task<UpdateResult> UpdateAsync(Guid accountId, Guid leadId, LeadPatch patch);

    /// <summary>Finds the lead by its phone (normalized with the account's rules) and applies <paramref name="patch"/>.</summary>
    Task<UpdateResult> UpdateByPhoneAsync(Guid accountId, string? phone, LeadPatch patch);

    /// <summary>Applies each (phone, patch) item in order and returns one result per item.</summary>
    Task<IReadOnlyList<UpdateResult>> BulkUpdateByPhoneAsync(Guid accountId, IReadOnlyList<PhonePatch> items);
}

/// <summary>One item of a bulk update: the phone that finds the lead, and the changes.</summary>
[GenerateSerializer, Immutable, Alias("calliyo.phone-patch")]
public sealed record PhonePatch(
    [property: Id(0)] string? Phone,
    [property: Id(1)] LeadPatch Patch);

/// <summary>
/// Changes to a lead: <see cref="Values"/> holds the new values of the fields named in
/// <see cref="Fields"/> (public field names such as <c>lastName</c>); fields not named keep their
/// value, and a named field with a null value is cleared.
/// </summary>
[GenerateSerializer, Immutable, Alias("calliyo.lead-patch")]
public sealed record LeadPatch(
    [property: Id(0)] LeadInput Values,
    [property: Id(1)] IReadOnlyList<string> Fields);

[GenerateSerializer]
public enum UpdateOutcome
{
    Updated,
    NotFound,
    Invalid,
    Duplicate,
}

[GenerateSerializer, Immutable, Alias("calliyo.update-result")]
public sealed record UpdateResult(
    [property: Id(0)] UpdateOutcome Outcome,
    [property: Id(1)] LeadView? Lead,
    [property: Id(2)] Guid? ExistingLeadId,
    [property: Id(3)] IReadOnlyList<FieldError> Errors)
{
    public static UpdateResult Updated(LeadView lead) => new(UpdateOutcome.Updated, lead, null, []);

    public static UpdateResult NotFound() => new(UpdateOutcome.NotFound, null, null, []);

    public static UpdateResult Invalid(IReadOnlyList<FieldError> errors) => new(UpdateOutcome.Invalid, null, null, errors);

    public static UpdateResult Duplicate(Guid existingLeadId) => new(UpdateOutcome.Duplicate, null, existingLeadId, []);
}
