using System.Data.Common;
using System.Text.Json;
using Npgsql;

namespace Calliyo.Storage.Imports;

/// <summary>
/// Set-based reads of the leads table for imports: which phone keys of a file the account
/// already has, and who created a given lead. Each method is one statement however many keys
/// it gets: PostgreSQL receives them as an array, SQLite as a JSON array read with
/// <c>json_each</c>.
/// </summary>
public sealed class ImportLeadLookup(CalliyoDatabase database)
{
    private SqlDialect Dialect => database.Dialect;

    private bool IsPostgreSql => database.Provider == StorageProvider.PostgreSql;

    /// <summary>
    /// Returns the id of the account's lead that has each of <paramref name="phoneKeys"/>,
    /// leaving out leads that the import <paramref name="jobReference"/> created, because those are
    /// the job's own rows and not duplicates. Keys that no other lead holds are absent.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Only the fixed key-list fragment of the dialect is interpolated.")]
    public async Task<Dictionary<string, Guid>> FindHoldersAsync(
        Guid accountId, IReadOnlyCollection<string> phoneKeys, string jobReference, CancellationToken cancellationToken)
    {
        var holders = new Dictionary<string, Guid>(StringComparer.Ordinal);
        if (phoneKeys.Count == 0)
        {
            return holders;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT l.phone_key, l.id
            FROM {KeyList("keys")}
            JOIN leads l ON l.account_id = @account_id AND l.phone_key = k.value
            WHERE NOT (l.source = 'csv' AND COALESCE(l.source_ref, '') = @job)
            """;
        BindKeys(command, accountId, phoneKeys, jobReference);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            holders[reader.GetString(0)] = reader.GetGuid(1);
        }

        return holders;
    }

    /// <summary>Counts the keys that <see cref="FindHoldersAsync"/> would return, without returning them.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Only the fixed key-list fragment of the dialect is interpolated.")]
    public async Task<int> CountHeldAsync(
        Guid accountId, IReadOnlyCollection<string> phoneKeys, string jobReference, CancellationToken cancellationToken)
    {
        if (phoneKeys.Count == 0)
        {
            return 0;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT COUNT(*)
            FROM {KeyList("keys")}
            JOIN leads l ON l.account_id = @account_id AND l.phone_key = k.value
            WHERE NOT (l.source = 'csv' AND COALESCE(l.source_ref, '') = @job)
            """;
        BindKeys(command, accountId, phoneKeys, jobReference);

        var count = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt32(count, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Returns the source reference and source row of each of <paramref name="leadIds"/> that
    /// exists in the account; a resumed import uses it to recognize the leads it wrote before.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Only the fixed id-list fragment of the dialect is interpolated.")]
    public async Task<Dictionary<Guid, LeadOrigin>> FindOriginsAsync(
        Guid accountId, IReadOnlyCollection<Guid> leadIds, CancellationToken cancellationToken)
    {
        var origins = new Dictionary<Guid, LeadOrigin>();
        if (leadIds.Count == 0)
        {
            return origins;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT l.id, l.source, l.source_ref, l.source_row
            FROM {KeyList("ids")}
            JOIN leads l ON l.account_id = @account_id AND l.id = k.value
            """;
        SqlDialect.Add(command, "account_id", Dialect.Id(accountId));
        if (IsPostgreSql)
        {
            command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. leadIds]));
        }
        else
        {
            SqlDialect.Add(command, "ids", JsonSerializer.Serialize(leadIds.Select(id => id.ToString("D")).ToList(), StorageJson.Default.ListString));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            origins[reader.GetGuid(0)] = new LeadOrigin(
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3));
        }

        return origins;
    }

    /// <summary>The FROM item that turns the list parameter into rows of a column <c>k.value</c>.</summary>
    private string KeyList(string parameter) =>
        IsPostgreSql ? $"unnest(@{parameter}) AS k(value)" : $"json_each(@{parameter}) AS k";

    private void BindKeys(DbCommand command, Guid accountId, IReadOnlyCollection<string> phoneKeys, string jobReference)
    {
        SqlDialect.Add(command, "account_id", Dialect.Id(accountId));
        SqlDialect.Add(command, "job", jobReference);
        if (IsPostgreSql)
        {
            command.Parameters.Add(new NpgsqlParameter<string[]>("keys", [.. phoneKeys]));
        }
        else
        {
            SqlDialect.Add(command, "keys", JsonSerializer.Serialize(phoneKeys.ToList(), StorageJson.Default.ListString));
        }
    }
}

/// <summary>Who created a lead: its source (<c>csv</c>, <c>api</c>…), source reference and source row.</summary>
public readonly record struct LeadOrigin(string Source, string? SourceRef, int? SourceRow);
