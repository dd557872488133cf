using System.Text.Json;
using Calliyo.Domain.Fields;

namespace Calliyo.Domain.Webhooks;

/// <summary>
/// Reads a flat JSON object with one key per field, as web forms, Zapier steps and integrators
/// send it. Keys are matched through the account's <see cref="FieldNameMatcher"/>.
/// </summary>
internal static class FlatJsonPayload
{
    public static void Read(JsonElement root, SubmissionBuilder builder)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (WebhookTokenField.Matches(property.Name))
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    builder.PlatformKey ??= property.Value.GetString();
                }

                continue;
            }

            var target = FieldTarget.Match(builder.Matcher, property.Name);
            if (target is { Column: LeadColumn.Tags } tags)
            {
                ReadTags(builder, property.Name, tags, property.Value);
            }
            else if (target is { } leadField)
            {
                ReadLeadField(builder, property.Name, leadField, property.Value);
            }
            else
            {
                JsonValues.AddExtra(builder, property.Name, property.Value);
            }
        }
    }

    private static void ReadLeadField(SubmissionBuilder builder, string name, FieldTarget target, JsonElement value)
    {
        if (JsonValues.TryGetLeadText(builder, name, target, value, out var text) && text is not null)
        {
            builder.RecordSubmittedValue(name, text);
            builder.AddLeadValue(target, name, text);
        }
    }

    /// <summary>Reads tags sent as one string (split later like CSV tags) or as an array of strings; null entries are skipped.</summary>
    private static void ReadTags(SubmissionBuilder builder, string name, FieldTarget target, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            ReadLeadField(builder, name, target, value);
            return;
        }

        var entries = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (!JsonValues.TryGetLeadText(builder, name, target, item, out var text))
            {
                return;
            }

            if (text is not null)
            {
                entries.Add(text);
            }
        }

        foreach (var entry in entries)
        {
            builder.RecordSubmittedValue(name, entry);
            builder.AddLeadValue(target, name, entry);
        }
    }
}
