using Calliyo.Domain.Leads;

namespace Calliyo.Domain.Phones;

/// <summary>The outcome of normalizing one phone value: either a phone or the reason it was rejected.</summary>
public readonly record struct PhoneNormalization(NormalizedPhone? Phone, FieldError? Error)
{
    public bool IsValid => Phone is not null;

    public static PhoneNormalization Valid(NormalizedPhone phone) => new(phone, null);

    public static PhoneNormalization Invalid(string? raw, string code, string message) =>
        new(null, new FieldError(LeadFields.Phone, raw, code, message));
}
