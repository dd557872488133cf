using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Calliyo.Storage.Leads;

/// <summary>
/// Inserts a batch with one <c>INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO NOTHING</c>
/// in autocommit: one round trip that also commits, because the single statement is atomic on
/// its own. Rows that lost to an existing lead are then resolved to that lead's id with a second
/// query, which finds every winner: <c>ON CONFLICT DO NOTHING</c> skips a row only for a committed
/// conflicting row, or after waiting for the inserting transaction to commit.
/// </summary>
internal sealed class PostgreSqlLeadBatchInserter(NpgsqlDataSource dataSource) : ILeadBatchInserter
{
    private const string InsertSql = """
        INSERT INTO leads (id, account_id, first_name, last_name, phone_e164, phone_extension, phone_key,
                           email, tags, status, source, source_ref, source_row, created_at, updated_at)
        SELECT id, account_id, first_name, last_name, phone_e164, phone_extension, phone_key,
               email, tags::jsonb, status, source, source_ref, source_row, created_at, created_at
        FROM unnest(@ids, @account_ids, @first_names, @last_names, @phones, @extensions, @phone_keys,
                    @emails, @tags, @statuses, @sources, @source_refs, @source_rows, @created_ats)
             AS t(id, account_id, first_name, last_name, phone_e164, phone_extension, phone_key,
                  email, tags, status, source, source_ref, source_row, created_at)
        ON CONFLICT (account_id, phone_key) DO NOTHING
        RETURNING id
        """;

    private const string ExistingSql = """
        SELECT l.account_id, l.phone_key, l.id
        FROM leads l
        JOIN unnest(@account_ids, @phone_keys) AS k(account_id, phone_key)
          ON l.account_id = k.account_id AND l.phone_key = k.phone_key
        """;

    public async Task<LeadInsertOutcome[]> InsertAsync(IReadOnlyList<LeadRecord> leads, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // Rows go in key order so that two concurrent batches take index locks in the same
        // order and cannot deadlock each other.
        var ordered = leads.OrderBy(l => l.AccountId).ThenBy(l => l.PhoneKey, StringComparer.Ordinal).ToList();
        var inserted = await InsertNewAsync(connection, ordered, cancellationToken).ConfigureAwait(false);

        var outcomes = new LeadInsertOutcome[leads.Count];
        var losers = new List<int>();
        for (var i = 0; i < leads.Count; i++)
        {
            if (inserted.Contains(leads[i].Id))
            {
                outcomes[i] = new LeadInsertOutcome(true, leads[i].Id);
            }
            else
            {
                losers.Add(i);
            }
        }

        if (losers.Count > 0)
        {
            var existing = await FindExistingAsync(connection, leads, losers, cancellationToken).ConfigureAwait(false);
            foreach (var i in losers)
            {
                outcomes[i] = new LeadInsertOutcome(false, existing[(leads[i].AccountId, leads[i].PhoneKey)]);
            }
        }

        return outcomes;
    }

    private static async Task<HashSet<Guid>> InsertNewAsync(
        NpgsqlConnection connection, IReadOnlyList<LeadRecord> leads, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(InsertSql, connection);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid[]>("ids", leads.Select(l => l.Id).ToArray()));
        p.Add(new NpgsqlParameter<Guid[]>("account_ids", leads.Select(l => l.AccountId).ToArray()));
        p.Add(new NpgsqlParameter<string[]>("first_names", leads.Select(l => l.FirstName).ToArray()));
        p.Add(new NpgsqlParameter<string?[]>("last_names", leads.Select(l => l.LastName).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter<string[]>("phones", leads.Select(l => l.PhoneE164).ToArray()));
        p.Add(new NpgsqlParameter<string?[]>("extensions", leads.Select(l => l.PhoneExtension).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter<string[]>("phone_keys", leads.Select(l => l.PhoneKey).ToArray()));
        p.Add(new NpgsqlParameter<string?[]>("emails", leads.Select(l => l.Email).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter<string[]>("tags", leads.Select(l => JsonSerializer.Serialize(l.Tags, StorageJson.Default.IReadOnlyListString)).ToArray()));
        p.Add(new NpgsqlParameter<string[]>("statuses", leads.Select(l => l.Status).ToArray()));
        p.Add(new NpgsqlParameter<string[]>("sources", leads.Select(l => l.Source).ToArray()));
        p.Add(new NpgsqlParameter<string?[]>("source_refs", leads.Select(l => l.SourceRef).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter<int?[]>("source_rows", leads.Select(l => l.SourceRow).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        p.Add(new NpgsqlParameter<DateTime[]>("created_ats", leads.Select(l => l.CreatedAt.UtcDateTime).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });

        var inserted = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            inserted.Add(reader.GetGuid(0));
        }

        return inserted;
    }

    private static async Task<Dictionary<(Guid, string), Guid>> FindExistingAsync(
        NpgsqlConnection connection, IReadOnlyList<LeadRecord> leads, List<int> losers, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ExistingSql, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("account_ids", losers.Select(i => leads[i].AccountId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("phone_keys", losers.Select(i => leads[i].PhoneKey).ToArray()));

        var existing = new Dictionary<(Guid, string), Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            existing[(reader.GetGuid(0), reader.GetString(1))] = reader.GetGuid(2);
        }

        return existing;
    }
}
