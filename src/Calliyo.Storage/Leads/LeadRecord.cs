namespace Calliyo.Storage.Leads;

/// <summary>
/// A lead row. <see cref="SourceRef"/> is the id of what delivered the lead (import job,
/// webhook key or API token) and <see cref="SourceRow"/> the file row for CSV imports.
/// </summary>
public sealed record LeadRecord(
    Guid Id,
    Guid AccountId,
    string FirstName,
    string? LastName,
    string PhoneE164,
    string? PhoneExtension,
    string PhoneKey,
    string? Email,
    IReadOnlyList<string> Tags,
    string Status,
    string Source,
    string? SourceRef,
    int? SourceRow,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
