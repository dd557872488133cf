using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Calliyo.Benchmarks.Baselines;

/// <summary>
/// The batch endpoint that a team without Orleans would write. It parses the JSON, normalizes
/// each phone as <see cref="PerRequestInsertEndpoint"/> does, and stores the whole batch with one
/// <c>INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING RETURNING id</c>, so each request
/// costs one statement and one commit. A valid lead whose id the insert does not return is a
/// duplicate, and unlike the server this endpoint does not look up the existing lead's id.
/// </summary>
internal sealed class PerBatchInsertEndpoint(NpgsqlDataSource dataSource, Guid accountId)
{
    /// <summary>Maximum leads in one request, as on the server's batch endpoint.</summary>
    public const int MaxBatchItems = 1_000;

    private const string InsertSql = """
        INSERT INTO leads (id, account_id, first_name, last_name, phone_e164, phone_key, email, tags,
                           status, source, created_at, updated_at)
        SELECT batch.id, @account_id, batch.first_name, batch.last_name, batch.phone, batch.phone, batch.email, batch.tags,
               'Unassigned', 'api', @now, @now
        FROM unnest(@ids, @first_names, @last_names, @phones, @emails, @tags)
             AS batch (id, first_name, last_name, phone, email, tags)
        ON CONFLICT (account_id, phone_key) DO NOTHING
        RETURNING id
        """;

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("leads", out var leads) || leads.ValueKind != JsonValueKind.Array)
        {
            return Results.BadRequest(new { error = "the body must be an object with an array 'leads'" });
        }

        var count = leads.GetArrayLength();
        if (count is 0 or > MaxBatchItems)
        {
            return Results.UnprocessableEntity(new { error = $"'leads' has {count} items; send 1 to {MaxBatchItems}" });
        }

        var now = DateTime.UtcNow;
        var rows = new BatchRows(count);
        var ids = new Guid?[count];
        var index = 0;
        foreach (var lead in leads.EnumerateArray())
        {
            ids[index++] = rows.TryAdd(lead, now);
        }

        var created = await InsertAsync(rows, now, cancellationToken);
        var results = new BatchItem[count];
        for (var i = 0; i < count; i++)
        {
            results[i] = ids[i] switch
            {
                null => new BatchItem(i, "invalid", null),
                { } id when created.Contains(id) => new BatchItem(i, "created", id),
                _ => new BatchItem(i, "duplicate", null),
            };
        }

        var counts = new BatchCounts(
            results.Count(item => item.Outcome == "created"),
            results.Count(item => item.Outcome == "duplicate"),
            results.Count(item => item.Outcome == "invalid"));
        return Results.Ok(new BatchResponse(results, counts));
    }

    /// <summary>Inserts the valid rows in one statement and returns the ids of the rows it stored.</summary>
    private async Task<HashSet<Guid>> InsertAsync(BatchRows rows, DateTime now, CancellationToken cancellationToken)
    {
        var created = new HashSet<Guid>();
        if (rows.Ids.Count == 0)
        {
            return created;
        }

        await using var insert = dataSource.CreateCommand(InsertSql);
        insert.Parameters.Add(new NpgsqlParameter<Guid>("account_id", accountId));
        insert.Parameters.Add(new NpgsqlParameter<DateTime>("now", now) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
        insert.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. rows.Ids]));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("first_names", [.. rows.FirstNames]));
        insert.Parameters.Add(new NpgsqlParameter<string?[]>("last_names", [.. rows.LastNames]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter<string[]>("phones", [.. rows.Phones]));
        insert.Parameters.Add(new NpgsqlParameter<string?[]>("emails", [.. rows.Emails]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter<string[]>("tags", [.. rows.Tags]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });

        await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            created.Add(reader.GetGuid(0));
        }

        return created;
    }

    private sealed record BatchResponse(IReadOnlyList<BatchItem> Results, BatchCounts Counts);

    /// <summary>One item's outcome, <c>created</c>, <c>duplicate</c> or <c>invalid</c>, with the new lead's id when created.</summary>
    private sealed record BatchItem(int Index, string Outcome, Guid? Id);

    private sealed record BatchCounts(int Created, int Duplicate, int Invalid);
}
