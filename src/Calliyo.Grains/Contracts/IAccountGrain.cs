using Calliyo.Domain.Accounts;
using Calliyo.Domain.Fields;

namespace Calliyo.Grains.Contracts;

/// <summary>
/// One grain per account, keyed by account id: the owner of the settings that validation needs
/// (region, pipeline, column aliases). Every change goes through it, so changes to one account
/// are serialized and its snapshot is always current.
/// </summary>
public interface IAccountGrain : IGrainWithGuidKey
{
    /// <summary>Returns the account's settings, or null when no such account exists.</summary>
    Task<AccountSnapshot?> GetSnapshotAsync();

    Task<AccountEditResult> AddStatusAsync(string? name);

    Task<AccountEditResult> RenameStatusAsync(string name, string? newName);

    Task<AccountEditResult> DeleteStatusAsync(string name);

    Task<AccountEditResult> ReorderStatusesAsync(IReadOnlyList<string>? names);

    /// <summary>Replaces the account's column aliases: alias text → <see cref="LeadColumn"/> name.</summary>
    Task<AccountEditResult> SetColumnAliasesAsync(IReadOnlyDictionary<string, string> aliases);
}

/// <summary>
/// An account's validation settings. Column aliases map alias text to a <see cref="LeadColumn"/>
/// name; names rather than enum values cross the wire because the domain types carry no
/// serializer attributes.
/// </summary>
[GenerateSerializer, Immutable, Alias("calliyo.account-snapshot")]
public sealed record AccountSnapshot(
    [property: Id(0)] Guid AccountId,
    [property: Id(1)] string DefaultRegion,
    [property: Id(2)] IReadOnlyList<PipelineStatus> Statuses,
    [property: Id(3)] IReadOnlyDictionary<string, string> ColumnAliases)
{
    /// <summary>Returns the aliases as the field-name matcher takes them.</summary>
    public FieldNameMatcher CreateMatcher() =>
        new(ColumnAliases.ToDictionary(pair => pair.Key, pair => Enum.Parse<LeadColumn>(pair.Value)));
}

/// <summary>The settings after a change, or the rejected change's error code and message.</summary>
[GenerateSerializer, Immutable, Alias("calliyo.account-edit-result")]
public sealed record AccountEditResult(
    [property: Id(0)] AccountSnapshot? Snapshot,
    [property: Id(1)] string? ErrorCode,
    [property: Id(2)] string? ErrorMessage)
{
    public static AccountEditResult Ok(AccountSnapshot snapshot) => new(snapshot, null, null);

    public static AccountEditResult Fail(string code, string message) => new(null, code, message);
}
