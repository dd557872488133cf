using System.Data.Common;
using System.Text.Json;

namespace Calliyo.Storage.Leads;

/// <summary>Binds the lead columns that inserts and updates share, under their column names.</summary>
internal static class LeadParameters
{
    /// <summary>Adds id, account, names, phone, email, tags and status of <paramref name="lead"/> to <paramref name="command"/>.</summary>
    public static void AddIdentityAndFields(DbCommand command, SqlDialect dialect, LeadRecord lead)
    {
        SqlDialect.Add(command, "id", dialect.Id(lead.Id));
        SqlDialect.Add(command, "account_id", dialect.Id(lead.AccountId));
        SqlDialect.Add(command, "first_name", lead.FirstName);
        SqlDialect.Add(command, "last_name", lead.LastName);
        SqlDialect.Add(command, "phone_e164", lead.PhoneE164);
        SqlDialect.Add(command, "phone_extension", lead.PhoneExtension);
        SqlDialect.Add(command, "phone_key", lead.PhoneKey);
        SqlDialect.Add(command, "email", lead.Email);
        SqlDialect.Add(command, "tags", JsonSerializer.Serialize(lead.Tags, StorageJson.Default.IReadOnlyListString));
        SqlDialect.Add(command, "status", lead.Status);
    }
}
