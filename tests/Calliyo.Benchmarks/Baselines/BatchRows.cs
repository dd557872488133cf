using System.Text.Json;

namespace Calliyo.Benchmarks.Baselines;

/// <summary>
/// The valid leads of one batch as columns, one list per <c>unnest</c> argument of
/// <see cref="PerBatchInsertEndpoint"/>'s insert, in item order.
/// </summary>
internal sealed class BatchRows(int capacity)
{
    public List<Guid> Ids { get; } = new(capacity);

    public List<string> FirstNames { get; } = new(capacity);

    public List<string?> LastNames { get; } = new(capacity);

    /// <summary>E.164 numbers, stored as both <c>phone_e164</c> and <c>phone_key</c>.</summary>
    public List<string> Phones { get; } = new(capacity);

    public List<string?> Emails { get; } = new(capacity);

    /// <summary>The item's <c>tags</c> as raw JSON text for the <c>jsonb</c> column, <c>[]</c> when absent.</summary>
    public List<string> Tags { get; } = new(capacity);

    /// <summary>
    /// Adds <paramref name="lead"/> with a new UUIDv7 id and returns that id, or returns null and
    /// adds nothing when it is not an object with a first name and a valid phone.
    /// </summary>
    public Guid? TryAdd(JsonElement lead, DateTime now)
    {
        if (lead.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var firstName = Text(lead, "firstName");
        var phoneText = Text(lead, "phone");
        var e164 = phoneText is null ? null : BaselinePhone.Normalize(phoneText);
        if (firstName is null || e164 is null)
        {
            return null;
        }

        var id = Guid.CreateVersion7(now);
        Ids.Add(id);
        FirstNames.Add(firstName);
        LastNames.Add(Text(lead, "lastName"));
        Phones.Add(e164);
        Emails.Add(Text(lead, "email"));
        Tags.Add(lead.TryGetProperty("tags", out var tags) ? tags.GetRawText() : "[]");
        return id;
    }

    private static string? Text(JsonElement lead, string name) =>
        lead.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
