using Calliyo.Domain.Accounts;

namespace Calliyo.Storage.Accounts;

/// <summary>An account's settings as stored: its default phone region and its pipeline in order.</summary>
public sealed record AccountRecord(Guid Id, string Name, string DefaultRegion, IReadOnlyList<PipelineStatus> Statuses);
