namespace Calliyo.Domain.Leads;

/// <summary>
/// A lead as a capture source received it: raw text that is not yet trimmed, checked or
/// normalized. Each tag entry may itself hold several tags separated by commas or semicolons.
/// </summary>
public sealed record LeadInput(
    string? FirstName,
    string? LastName,
    string? Phone,
    string? Email,
    IReadOnlyList<string>? Tags,
    string? Status);
