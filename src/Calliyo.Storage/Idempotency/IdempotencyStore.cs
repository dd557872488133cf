namespace Calliyo.Storage.Idempotency;

/// <summary>The stored response to a POST sent with an Idempotency-Key. <see cref="StatusCode"/> is null while the first request runs.</summary>
public sealed record IdempotencyRecord(byte[] RequestHash, int? StatusCode, string? ContentType, byte[]? ResponseBody, string? Location);

/// <summary>
/// Remembers the response to each (scope, Idempotency-Key) for <see cref="RetentionPeriod"/>, so a
/// retried POST gets the first response instead of running twice.
/// </summary>
public sealed class IdempotencyStore(CalliyoDatabase database, TimeProvider timeProvider)
{
    /// <summary>How long a key is remembered; after that the same key starts a new request.</summary>
    public static readonly TimeSpan RetentionPeriod = TimeSpan.FromHours(24);

    private SqlDialect Dialect => database.Dialect;

    /// <summary>Claims the key for a new request; returns null when claimed, otherwise the record that already claimed it.</summary>
    public async Task<IdempotencyRecord?> TryBeginAsync(string scope, string key, byte[] requestHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();

        await using (var expire = connection.CreateCommand())
        {
            expire.CommandText = "DELETE FROM idempotency_keys WHERE scope = @scope AND key = @key AND created_at < @cutoff";
            SqlDialect.Add(expire, "scope", scope);
            SqlDialect.Add(expire, "key", key);
            SqlDialect.Add(expire, "cutoff", Dialect.Time(now - RetentionPeriod));
            await expire.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var claim = connection.CreateCommand())
        {
            claim.CommandText = """
                INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES (@scope, @key, @hash, @created_at)
                ON CONFLICT (scope, key) DO NOTHING
                """;
            SqlDialect.Add(claim, "scope", scope);
            SqlDialect.Add(claim, "key", key);
            SqlDialect.Add(claim, "hash", requestHash);
            SqlDialect.Add(claim, "created_at", Dialect.Time(now));
            if (await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                return null;
            }
        }

        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT request_hash, status_code, content_type, response_body, location FROM idempotency_keys WHERE scope = @scope AND key = @key";
        SqlDialect.Add(read, "scope", scope);
        SqlDialect.Add(read, "key", key);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // The holder was released between our insert and this read; treat the key as busy.
            return new IdempotencyRecord([], null, null, null, null);
        }

        return new IdempotencyRecord(
            (byte[])reader.GetValue(0),
            reader.IsDBNull(1) ? null : reader.GetInt32(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : (byte[])reader.GetValue(3),
            reader.IsDBNull(4) ? null : reader.GetString(4));
    }

    /// <summary>Stores the response of the request that claimed the key.</summary>
    public async Task CompleteAsync(string scope, string key, int statusCode, string? contentType, byte[] body, string? location, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE idempotency_keys SET status_code = @status, content_type = @content_type, response_body = @body, location = @location
            WHERE scope = @scope AND key = @key
            """;
        SqlDialect.Add(command, "scope", scope);
        SqlDialect.Add(command, "key", key);
        SqlDialect.Add(command, "status", statusCode);
        SqlDialect.Add(command, "content_type", contentType);
        SqlDialect.Add(command, "body", body);
        SqlDialect.Add(command, "location", location);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Frees a key whose request failed without a response worth repeating, so a retry runs again.</summary>
    public async Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM idempotency_keys WHERE scope = @scope AND key = @key AND status_code IS NULL";
        SqlDialect.Add(command, "scope", scope);
        SqlDialect.Add(command, "key", key);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
