namespace Calliyo.Domain.Leads;

/// <summary>
/// One rejected field: which field, the value as received, a stable snake_case code and a
/// message that tells a person what to change.
/// </summary>
public sealed record FieldError(string Field, string? Value, string Code, string Message);

/// <summary>Stable codes of <see cref="FieldError"/>; clients branch on these, so never rename one.</summary>
public static class FieldErrorCodes
{
    public const string Required = "required";
    public const string TooLong = "too_long";
    public const string ControlCharacters = "control_characters";
    public const string InvalidPhone = "invalid_phone";
    public const string PhoneContainsText = "phone_contains_text";
    public const string MultiplePhones = "multiple_phones";
    public const string LossyPhone = "lossy_phone";
    public const string InvalidEmail = "invalid_email";
    public const string UnknownStatus = "unknown_status";
    public const string InvalidTag = "invalid_tag";
    public const string WrongType = "wrong_type";
}
