using System.Data.Common;
using System.Text.Json;

namespace Calliyo.Storage.Webhooks;

/// <summary>Stores webhook keys and the first response given to each platform lead id.</summary>
public sealed class WebhookKeyStore(CalliyoDatabase database)
{
    private const string Columns = """
        id, account_id, name, token_hash, allowed_domains, honeypot_field, default_status, default_tags,
        rate_limit_per_minute, enabled, created_at, updated_at
        """;

    private SqlDialect Dialect => database.Dialect;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Only the dialect's fixed JSON casts are interpolated.")]
    public async Task InsertAsync(WebhookKeyRecord key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO webhook_keys ({Columns})
            VALUES (@id, @account_id, @name, @token_hash, {Dialect.JsonParameter("allowed_domains")}, @honeypot_field, @default_status,
                    {Dialect.JsonParameter("default_tags")}, @rate_limit, @enabled, @created_at, @updated_at)
            """;
        Bind(command, key);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes every setting and the token hash of <paramref name="key"/> over the stored row.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Only the dialect's fixed JSON casts are interpolated.")]
    public async Task UpdateAsync(WebhookKeyRecord key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE webhook_keys SET name = @name, token_hash = @token_hash,
                allowed_domains = {Dialect.JsonParameter("allowed_domains")}, honeypot_field = @honeypot_field,
                default_status = @default_status, default_tags = {Dialect.JsonParameter("default_tags")},
                rate_limit_per_minute = @rate_limit, enabled = @enabled, updated_at = @updated_at
            WHERE id = @id AND account_id = @account_id
            """;
        Bind(command, key);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<WebhookKeyRecord?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM webhook_keys WHERE id = @id";
        SqlDialect.Add(command, "id", Dialect.Id(id));

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<WebhookKeyRecord>> ListAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM webhook_keys WHERE account_id = @account_id ORDER BY created_at";
        SqlDialect.Add(command, "account_id", Dialect.Id(accountId));

        var keys = new List<WebhookKeyRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(Read(reader));
        }

        return keys;
    }

    /// <summary>Returns the stored response to a platform lead id, or null for a first delivery.</summary>
    public async Task<(int StatusCode, string Body)?> FindDeliveryAsync(Guid keyId, string externalId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT status_code, response_body FROM webhook_deliveries WHERE key_id = @key_id AND external_id = @external_id";
        SqlDialect.Add(command, "key_id", Dialect.Id(keyId));
        SqlDialect.Add(command, "external_id", externalId);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (reader.GetInt32(0), reader.GetString(1)) : null;
    }

    /// <summary>Records the response to a platform lead id. The first response stored wins.</summary>
    public async Task AddDeliveryAsync(Guid keyId, string externalId, int statusCode, string body, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO webhook_deliveries (key_id, external_id, status_code, response_body, created_at)
            VALUES (@key_id, @external_id, @status_code, @body, @created_at)
            ON CONFLICT (key_id, external_id) DO NOTHING
            """;
        SqlDialect.Add(command, "key_id", Dialect.Id(keyId));
        SqlDialect.Add(command, "external_id", externalId);
        SqlDialect.Add(command, "status_code", statusCode);
        SqlDialect.Add(command, "body", body);
        SqlDialect.Add(command, "created_at", Dialect.Time(at));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Bind(DbCommand command, WebhookKeyRecord key)
    {
        SqlDialect.Add(command, "id", Dialect.Id(key.Id));
        SqlDialect.Add(command, "account_id", Dialect.Id(key.AccountId));
        SqlDialect.Add(command, "name", key.Name);
        SqlDialect.Add(command, "token_hash", key.TokenHash);
        SqlDialect.Add(command, "allowed_domains", JsonSerializer.Serialize(key.AllowedDomains, StorageJson.Default.IReadOnlyListString));
        SqlDialect.Add(command, "honeypot_field", key.HoneypotField);
        SqlDialect.Add(command, "default_status", key.DefaultStatus);
        SqlDialect.Add(command, "default_tags", JsonSerializer.Serialize(key.DefaultTags, StorageJson.Default.IReadOnlyListString));
        SqlDialect.Add(command, "rate_limit", key.RateLimitPerMinute);
        SqlDialect.Add(command, "enabled", Dialect.Bool(key.Enabled));
        SqlDialect.Add(command, "created_at", Dialect.Time(key.CreatedAt));
        SqlDialect.Add(command, "updated_at", Dialect.Time(key.UpdatedAt));
    }

    private WebhookKeyRecord Read(DbDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetGuid(1),
        reader.GetString(2),
        (byte[])reader.GetValue(3),
        JsonSerializer.Deserialize(reader.GetString(4), StorageJson.Default.ListString) ?? [],
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        JsonSerializer.Deserialize(reader.GetString(7), StorageJson.Default.ListString) ?? [],
        reader.GetInt32(8),
        reader.GetBoolean(9),
        Dialect.ReadTime(reader, 10),
        Dialect.ReadTime(reader, 11));
}
