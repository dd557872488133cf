using Calliyo.Domain.Leads;
using Calliyo.Grains.Contracts;
using Calliyo.Server.Errors;

namespace Calliyo.Server.Leads;

/// <summary>One page of leads; pass <see cref="NextCursor"/> as <c>cursor</c> to get the next one (null on the last page).</summary>
public sealed record LeadPage(IReadOnlyList<LeadView> Leads, string? NextCursor);

/// <summary>The results of a batch, one per item in request order, and their counts.</summary>
public sealed record BatchResponse(IReadOnlyList<BatchItemResult> Results, BatchCounts Counts);

public sealed record BatchCounts(int Created, int Duplicate, int Invalid)
{
    public static BatchCounts Of(IReadOnlyList<BatchItemResult> results) => new(
        results.Count(r => r.Outcome == "created"),
        results.Count(r => r.Outcome == "duplicate"),
        results.Count(r => r.Outcome == "invalid"));
}

/// <summary>
/// The outcome of one batch item: <c>created</c> with <see cref="Id"/>, <c>duplicate</c> with
/// <see cref="ExistingLeadId"/> (and <see cref="DuplicateOfIndex"/> when an earlier item of the same
/// batch has the phone), or <c>invalid</c> with <see cref="Errors"/>.
/// </summary>
public sealed record BatchItemResult(
    int Index,
    string Outcome,
    Guid? Id = null,
    Guid? ExistingLeadId = null,
    int? DuplicateOfIndex = null,
    IReadOnlyList<FieldErrorBody>? Errors = null)
{
    public static BatchItemResult Invalid(int index, IReadOnlyList<FieldError> errors) =>
        new(index, "invalid", Errors: errors.Select(FieldErrorBody.From).ToList());

    public static BatchItemResult From(int index, CaptureResult result, int? duplicateOfIndex) => result.Outcome switch
    {
        CaptureOutcome.Created => new(index, "created", Id: result.Lead!.Id),
        CaptureOutcome.Duplicate => new(index, "duplicate", ExistingLeadId: result.ExistingLeadId, DuplicateOfIndex: duplicateOfIndex),
        _ => Invalid(index, result.Errors),
    };
}

/// <summary>The outcome of one bulk-update item: <c>updated</c>, <c>not_found</c>, <c>duplicate</c> (the new phone is taken) or <c>invalid</c>.</summary>
public sealed record BulkUpdateItemResult(
    int Index,
    string? Phone,
    string Outcome,
    Guid? Id = null,
    Guid? ExistingLeadId = null,
    IReadOnlyList<FieldErrorBody>? Errors = null)
{
    public static BulkUpdateItemResult Invalid(int index, string? phone, IReadOnlyList<FieldError> errors) =>
        new(index, phone, "invalid", Errors: errors.Select(FieldErrorBody.From).ToList());

    public static BulkUpdateItemResult From(int index, string? phone, UpdateResult result) => result.Outcome switch
    {
        UpdateOutcome.Updated => new(index, phone, "updated", Id: result.Lead!.Id),
        UpdateOutcome.NotFound => new(index, phone, "not_found"),
        UpdateOutcome.Duplicate => new(index, phone, "duplicate", ExistingLeadId: result.ExistingLeadId),
        _ => Invalid(index, phone, result.Errors),
    };
}
