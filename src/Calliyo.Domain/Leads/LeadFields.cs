namespace Calliyo.Domain.Leads;

/// <summary>
/// Field names as the public API spells them; every <see cref="FieldError"/> uses one of these.
/// </summary>
public static class LeadFields
{
    public const string FirstName = "firstName";
    public const string LastName = "lastName";
    public const string Phone = "phone";
    public const string Email = "email";
    public const string Tags = "tags";
    public const string Status = "status";
}
