namespace Calliyo.Grains.Contracts;

/// <summary>A stored lead as the API returns it.</summary>
[GenerateSerializer, Immutable, Alias("calliyo.lead-view")]
public sealed record LeadView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string FirstName,
    [property: Id(2)] string? LastName,
    [property: Id(3)] string Phone,
    [property: Id(4)] string? PhoneExtension,
    [property: Id(5)] string? Email,
    [property: Id(6)] IReadOnlyList<string> Tags,
    [property: Id(7)] string Status,
    [property: Id(8)] string Source,
    [property: Id(9)] string? SourceRef,
    [property: Id(10)] int? SourceRow,
    [property: Id(11)] DateTimeOffset CreatedAt,
    [property: Id(12)] DateTimeOffset UpdatedAt);
