using System.Text.Json;
using Calliyo.Domain.Fields;

namespace Calliyo.Domain.Webhooks;

/// <summary>
/// Reads a Meta lead object as the Graph API returns it and Zapier or a relay forwards it:
/// <c>id</c>, <c>created_time</c>, optional ad and form ids, and the form fields in
/// <c>field_data</c> as <c>{name, values: [..]}</c>. Field names are matched like flat keys.
/// A lead field takes the first value. A multi-value field, such as a multi-select question, is
/// also kept whole in the extras, joined with ", ".
/// </summary>
internal static class MetaLeadPayload
{
    private const string FieldsProperty = "field_data";

    /// <summary>Returns true when the body has Meta's <c>field_data</c> array.</summary>
    public static bool Matches(JsonElement root) =>
        root.TryGetProperty(FieldsProperty, out var fields) && fields.ValueKind == JsonValueKind.Array;

    public static void Read(JsonElement root, SubmissionBuilder builder)
    {
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case FieldsProperty:
                    foreach (var field in property.Value.EnumerateArray())
                    {
                        ReadField(builder, field);
                    }

                    break;
                case "id":
                    var id = JsonValues.ToText(property.Value);
                    builder.ExternalId = string.IsNullOrWhiteSpace(id) ? null : id.Trim();
                    if (id is not null)
                    {
                        builder.RecordSubmittedValue(property.Name, id);
                    }

                    break;
                default:
                    JsonValues.AddExtra(builder, property.Name, property.Value);
                    break;
            }
        }
    }

    private static void ReadField(SubmissionBuilder builder, JsonElement field)
    {
        // A field without a name has no key to be filed under, so it is skipped.
        if (field.ValueKind != JsonValueKind.Object
            || !field.TryGetProperty("name", out var nameElement)
            || nameElement.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(nameElement.GetString())
            || !field.TryGetProperty("values", out var values))
        {
            return;
        }

        var name = nameElement.GetString()!;
        var target = FieldTarget.Match(builder.Matcher, name);
        if (target is null)
        {
            JsonValues.AddExtra(builder, name, values);
            return;
        }

        // A single value in place of the array is read as a one-item array.
        var items = values.ValueKind == JsonValueKind.Array
            ? values.EnumerateArray().Where(item => item.ValueKind != JsonValueKind.Null).ToList()
            : [values];

        var texts = new List<string>();
        foreach (var item in items)
        {
            if (!JsonValues.TryGetLeadText(builder, name, target.Value, item, out var text))
            {
                return;
            }

            if (text is not null)
            {
                texts.Add(text);
            }
        }

        if (texts.Count == 0)
        {
            return;
        }

        var joined = string.Join(", ", texts);
        builder.RecordSubmittedValue(name, joined);

        if (target.Value.Column == LeadColumn.Tags)
        {
            texts.ForEach(text => builder.AddLeadValue(target.Value, name, text));
            return;
        }

        builder.AddLeadValue(target.Value, name, texts[0]);
        if (texts.Count > 1)
        {
            builder.AddExtra(name, joined);
        }
    }
}
