using Calliyo.Grains.Contracts;
using Calliyo.Storage.Leads;

namespace Calliyo.Grains.Leads;

/// <summary>Conversions between stored lead rows and the <see cref="LeadView"/> wire type.</summary>
public static class LeadViews
{
    public static LeadView From(LeadRecord record) => new(
        record.Id, record.FirstName, record.LastName, record.PhoneE164, record.PhoneExtension, record.Email,
        record.Tags, record.Status, record.Source, record.SourceRef, record.SourceRow, record.CreatedAt, record.UpdatedAt);

    /// <summary>Returns the row for <paramref name="view"/> in <paramref name="accountId"/> under <paramref name="phoneKey"/>.</summary>
    public static LeadRecord ToRecord(LeadView view, Guid accountId, string phoneKey) => new(
        view.Id, accountId, view.FirstName, view.LastName, view.Phone, view.PhoneExtension, phoneKey, view.Email,
        view.Tags, view.Status, view.Source, view.SourceRef, view.SourceRow, view.CreatedAt, view.UpdatedAt);

    /// <summary>Returns the stored, lower-case name of a source, such as <c>csv</c>.</summary>
    public static string SourceName(LeadSource source) => source switch
    {
        LeadSource.Manual => "manual",
        LeadSource.Csv => "csv",
        LeadSource.Webhook => "webhook",
        LeadSource.Api => "api",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown lead source."),
    };
}
