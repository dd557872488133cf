namespace Calliyo.Server.Leads;

// These records document request bodies in the OpenAPI document. The handlers read bodies with
// LeadJsonReader instead of binding these types, because binding cannot tell a phone sent as a
// JSON number from a missing one, and cannot give one error per item of a batch.

/// <summary>A new lead. <c>tags</c> may also be one string such as <c>"vip; hot"</c>.</summary>
public sealed record LeadRequest(string FirstName, string Phone, string? LastName = null, string? Email = null, IReadOnlyList<string>? Tags = null, string? Status = null);

/// <summary>Up to 1,000 new leads; each gets its own result, in order.</summary>
public sealed record LeadBatchRequest(IReadOnlyList<LeadRequest> Leads);

/// <summary>Fields to change on a lead; absent fields keep their value and null clears an optional field.</summary>
public sealed record LeadPatchRequest(string? FirstName = null, string? LastName = null, string? Phone = null, string? Email = null, IReadOnlyList<string>? Tags = null, string? Status = null);

/// <summary>Up to 1,000 changes, each finding its lead by phone (any notation).</summary>
public sealed record BulkUpdateRequest(IReadOnlyList<BulkUpdateItem> Items);

public sealed record BulkUpdateItem(string Phone, LeadPatchRequest Changes);
