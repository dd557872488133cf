using Calliyo.Domain.Phones;

namespace Calliyo.Domain.Leads;

/// <summary>
/// A lead that passed every rule: trimmed NFC text, an E.164 phone, a known status in its
/// canonical spelling and a clean tag list.
/// </summary>
public sealed record NormalizedLead(
    string FirstName,
    string? LastName,
    NormalizedPhone Phone,
    string? Email,
    IReadOnlyList<string> Tags,
    string Status);
