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

    /// <summary>Returns the lead that has <paramref name="phoneKey"/> in the account, or null.</summary>
    public async Task<LeadRecord?> FindByPhoneKeyAsync(Guid accountId, string phoneKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM leads WHERE account_id = @account_id AND phone_key = @phone_key";
        SqlDialect.Add(command, "account_id", Dialect.Id(accountId));
        SqlDialect.Add(command, "phone_key", phoneKey);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <summary>Returns one page of leads, newest first; the page contains at most <see cref="LeadQuery.Limit"/> leads.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Filters are bound as parameters; only fixed SQL fragments are concatenated.")]
    public async Task<IReadOnlyList<LeadRecord>> ListAsync(LeadQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();

        var where = new List<string> { "account_id = @account_id" };
        SqlDialect.Add(command, "account_id", Dialect.Id(query.AccountId));

        if (query.Before is { } before)
        {
            where.Add("id < @before");
            SqlDialect.Add(command, "before", Dialect.Id(before));
        }

        if (query.Status is not null)
        {
            where.Add("lower(status) = lower(@status)");
            SqlDialect.Add(command, "status", query.Status);
        }

        if (query.Source is not null)
        {
            where.Add("source = @source");
            SqlDialect.Add(command, "source", query.Source.ToLowerInvariant());
        }

        if (query.Tag is not null)
        {
            where.Add(Dialect.TagFilter("tag"));
            SqlDialect.Add(command, "tag", query.Tag);
        }

        if (query.CreatedFrom is { } from)
        {
            where.Add("created_at >= @created_from");
            SqlDialect.Add(command, "created_from", Dialect.Time(from));
        }

        if (query.CreatedTo is { } to)
        {
            where.Add("created_at < @created_to");
            SqlDialect.Add(command, "created_to", Dialect.Time(to));
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var text = query.Search.Trim();
            var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
            var clauses = new List<string>
            {
                "lower(first_name) LIKE @search ESCAPE '\\'",
                "lower(COALESCE(last_name, '')) LIKE @search ESCAPE '\\'",
                "lower(COALESCE(email, '')) LIKE @search ESCAPE '\\'",
            };
            SqlDialect.Add(command, "search", $"%{EscapeLike(text.ToLowerInvariant())}%");
            if (digits.Length >= 3)
            {
                clauses.Add("phone_e164 LIKE @digits");
                SqlDialect.Add(command, "digits", $"%{digits}%");
            }

            where.Add($"({string.Join(" OR ", clauses)})");
        }

        command.CommandText = $"SELECT {Columns} FROM leads WHERE {string.Join(" AND ", where)} ORDER BY id DESC LIMIT @limit";
        SqlDialect.Add(command, "limit", query.Limit);

        var leads = new List<LeadRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            leads.Add(Read(reader));
        }

        return leads;
    }

    /// <summary>
    /// Writes every field of <paramref name="lead"/> over the stored row. Returns false when the
    /// new phone key already belongs to another lead of the account, in which case nothing changed.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Only the dialect's fixed JSON cast is interpolated.")]
    public async Task<bool> UpdateAsync(LeadRecord lead, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE leads SET first_name = @first_name, last_name = @last_name, phone_e164 = @phone_e164,
                phone_extension = @phone_extension, phone_key = @phone_key, email = @email, tags = {Dialect.JsonParameter("tags")},
                status = @status, updated_at = @updated_at
            WHERE account_id = @account_id AND id = @id
            """;
        LeadParameters.AddIdentityAndFields(command, Dialect, lead);
        SqlDialect.Add(command, "updated_at", Dialect.Time(lead.UpdatedAt));

        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (System.Data.Common.DbException exception) when (UniqueViolations.IsUniqueViolation(exception))
        {
            return false;
        }
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

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
