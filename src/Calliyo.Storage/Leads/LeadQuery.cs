namespace Calliyo.Storage.Leads;

/// <summary>
/// Filters for listing an account's leads, newest first. <see cref="Before"/> is the cursor:
/// the id of the last lead of the previous page (ids are UUIDv7, so they sort by creation time).
/// <see cref="Search"/> matches names and email by substring ignoring case, and phones by digits.
/// </summary>
public sealed record LeadQuery(
    Guid AccountId,
    string? Status = null,
    string? Tag = null,
    string? Source = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    string? Search = null,
    Guid? Before = null,
    int Limit = 50);
