using Calliyo.Domain.Leads;

namespace Calliyo.Grains.Contracts;

/// <summary>The expected outcomes of capturing a lead; faults are exceptions, these are values.</summary>
[GenerateSerializer]
public enum CaptureOutcome
{
    Created,
    Duplicate,
    Invalid,
}

/// <summary>
/// The outcome of one capture: the created lead, the id of the lead that already has the
/// phone, or every field error.
/// </summary>
[GenerateSerializer, Immutable, Alias("calliyo.capture-result")]
public sealed record CaptureResult(
    [property: Id(0)] CaptureOutcome Outcome,
    [property: Id(1)] LeadView? Lead,
    [property: Id(2)] Guid? ExistingLeadId,
    [property: Id(3)] IReadOnlyList<FieldError> Errors,
    [property: Id(4)] int? DuplicateOfItem = null)
{
    public static CaptureResult Created(LeadView lead) => new(CaptureOutcome.Created, lead, null, []);

    public static CaptureResult Duplicate(Guid existingLeadId) => new(CaptureOutcome.Duplicate, null, existingLeadId, []);

    public static CaptureResult Invalid(IReadOnlyList<FieldError> errors) => new(CaptureOutcome.Invalid, null, null, errors);
}
