namespace Calliyo.Domain.Fields;

/// <summary>The lead fields that a CSV column, a form field or a payload key can map to.</summary>
public enum LeadColumn
{
    FirstName,
    LastName,
    FullName,
    Phone,
    Email,
    Status,
    Tags,
}
