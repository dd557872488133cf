using System.Data.Common;
using System.Text.Json;

namespace Calliyo.Storage.Leads;

/// <summary>Reads leads. New leads are written only through the <see cref="LeadWriter"/>.</summary>
public sealed class LeadStore(CalliyoDatabase database)
{
    private const string Columns = """
        id, account_id, first_name, last_name, phone_e164, phone_extension, phone_key, email, tags,
        status, source, source_ref, source_row, created_at, updated_at
        """;

    private SqlDialect Dialect => database.Dialect;

    /// <summary>Returns the lead, or null when it does not exist in <paramref name="accountId"/>.</summary>
    public async Task<LeadRecord?> FindAsync(Guid accountId, Guid leadId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM leads WHERE account_id = @account_id AND id = @id";
        SqlDialect.Add(command, "account_id", Dialect.Id(accountId));
        SqlDialect.Add(command, "id", Dialect.Id(leadId));

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <summary>Counts the leads of an account.</summary>
    public async Task<long> CountAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM leads WHERE account_id = @account_id";
        SqlDialect.Add(command, "account_id", Dialect.Id(accountId));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private LeadRecord Read(DbDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetGuid(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        JsonSerializer.Deserialize(reader.GetString(8), StorageJson.Default.ListString) ?? [],
        reader.GetString(9),
        reader.GetString(10),
        reader.IsDBNull(11) ? null : reader.GetString(11),
        reader.IsDBNull(12) ? null : reader.GetInt32(12),
        Dialect.ReadTime(reader, 13),
        Dialect.ReadTime(reader, 14));
}
