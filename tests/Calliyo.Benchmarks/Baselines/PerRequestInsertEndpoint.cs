using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Calliyo.Benchmarks.Baselines;

/// <summary>
/// The straightforward design the server must beat: parse the JSON, normalize the phone with
/// libphonenumber, and run one <c>INSERT … ON CONFLICT DO NOTHING</c> per request in its own
/// transaction (one commit, so one WAL flush, per lead unless PostgreSQL groups concurrent
/// commits). A duplicate costs one more query to return the existing lead's id, as the
/// server's 409 does.
/// </summary>
internal sealed class PerRequestInsertEndpoint(NpgsqlDataSource dataSource, Guid accountId)
{
    private const string InsertSql = """
        INSERT INTO leads (id, account_id, first_name, last_name, phone_e164, phone_key, email, tags,
                           status, source, created_at, updated_at)
        VALUES (@id, @account_id, @first_name, @last_name, @phone, @phone, @email, @tags,
                'Unassigned', 'api', @now, @now)
        ON CONFLICT (account_id, phone_key) DO NOTHING
        RETURNING id
        """;

    private const string ExistingSql = "SELECT id FROM leads WHERE account_id = @account_id AND phone_key = @phone";

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        var root = document.RootElement;
        var firstName = Text(root, "firstName");
        var phoneText = Text(root, "phone");
        if (firstName is null || phoneText is null)
        {
            return Results.UnprocessableEntity(new { error = "firstName and phone are required" });
        }

        var e164 = BaselinePhone.Normalize(phoneText);
        if (e164 is null)
        {
            return Results.UnprocessableEntity(new { error = "invalid phone" });
        }

        var now = DateTime.UtcNow;
        var id = Guid.CreateVersion7(now);
        var tags = root.TryGetProperty("tags", out var tagsElement) ? tagsElement.GetRawText() : "[]";

        await using var insert = dataSource.CreateCommand(InsertSql);
        insert.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        insert.Parameters.Add(new NpgsqlParameter<Guid>("account_id", accountId));
        insert.Parameters.Add(new NpgsqlParameter<string>("first_name", firstName));
        insert.Parameters.Add(new NpgsqlParameter("last_name", NpgsqlDbType.Text) { Value = (object?)Text(root, "lastName") ?? DBNull.Value });
        insert.Parameters.Add(new NpgsqlParameter<string>("phone", e164));
        insert.Parameters.Add(new NpgsqlParameter("email", NpgsqlDbType.Text) { Value = (object?)Text(root, "email") ?? DBNull.Value });
        insert.Parameters.Add(new NpgsqlParameter<string>("tags", tags) { NpgsqlDbType = NpgsqlDbType.Jsonb });
        insert.Parameters.Add(new NpgsqlParameter<DateTime>("now", now) { NpgsqlDbType = NpgsqlDbType.TimestampTz });

        if (await insert.ExecuteScalarAsync(cancellationToken) is Guid)
        {
            return Results.Created($"/v1/leads/{id}", new StoredLead(id, e164));
        }

        await using var existing = dataSource.CreateCommand(ExistingSql);
        existing.Parameters.Add(new NpgsqlParameter<Guid>("account_id", accountId));
        existing.Parameters.Add(new NpgsqlParameter<string>("phone", e164));
        var existingId = (Guid)(await existing.ExecuteScalarAsync(cancellationToken))!;
        return Results.Conflict(new { existingLeadId = existingId });
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed record StoredLead(Guid Id, string Phone);
}
