namespace Calliyo.Domain.Leads;

/// <summary>The outcome of checking one <see cref="LeadInput"/>: a normalized lead, or every field error found.</summary>
public sealed record LeadValidation(NormalizedLead? Lead, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Lead is not null;
}
