using Calliyo.Domain.Accounts;

namespace Calliyo.Grains.Contracts;

/// <summary>One grain per account, keyed by account id: holds the settings that validation needs.</summary>
public interface IAccountGrain : IGrainWithGuidKey
{
    /// <summary>Returns the account's settings, or null when no such account exists.</summary>
    Task<AccountSnapshot?> GetSnapshotAsync();
}

/// <summary>An account's validation settings at one version.</summary>
[GenerateSerializer, Immutable, Alias("calliyo.account-snapshot")]
public sealed record AccountSnapshot(
    [property: Id(0)] Guid AccountId,
    [property: Id(1)] string DefaultRegion,
    [property: Id(2)] IReadOnlyList<PipelineStatus> Statuses);
