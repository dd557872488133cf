namespace Calliyo.Grains.Contracts;

/// <summary>How a lead entered Calliyo. Stored and returned in lower case.</summary>
[GenerateSerializer]
public enum LeadSource
{
    Manual,
    Csv,
    Webhook,
    Api,
}

/// <summary>
/// What delivered a lead: the source, the id of the import job, webhook key or API token
/// (<see cref="ReferenceId"/>), and for CSV imports the file row.
/// </summary>
[GenerateSerializer, Immutable, Alias("calliyo.source-reference")]
public sealed record SourceReference(
    [property: Id(0)] LeadSource Source,
    [property: Id(1)] string? ReferenceId,
    [property: Id(2)] int? Row = null);
