using System.Text.Json;
using Calliyo.Domain.Fields;

namespace Calliyo.Domain.Webhooks;

/// <summary>
/// Reads the Google Ads lead-form webhook body: <c>lead_id</c>, <c>google_key</c>,
/// <c>is_test</c>, and the form fields in <c>user_column_data</c> as
/// <c>{column_name, string_value, column_id}</c>. Fields are mapped by <c>column_id</c>, because
/// Google fills it for every field while <c>column_name</c> is optional and localized.
/// Unknown column ids and top-level fields become extras, so new fields never fail a lead.
/// </summary>
internal static class GoogleAdsPayload
{
    private const string ColumnsProperty = "user_column_data";

    private static readonly Dictionary<string, FieldTarget> Columns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["FULL_NAME"] = new(LeadColumn.FullName, FieldRank.Primary),
        ["FIRST_NAME"] = new(LeadColumn.FirstName, FieldRank.Primary),
        ["LAST_NAME"] = new(LeadColumn.LastName, FieldRank.Primary),
        ["PHONE_NUMBER"] = new(LeadColumn.Phone, FieldRank.Primary),
        ["WORK_PHONE"] = new(LeadColumn.Phone, FieldRank.Fallback),
        ["EMAIL"] = new(LeadColumn.Email, FieldRank.Primary),
        ["WORK_EMAIL"] = new(LeadColumn.Email, FieldRank.Fallback),
    };

    /// <summary>Returns true when the body has Google's <c>user_column_data</c> array.</summary>
    public static bool Matches(JsonElement root) =>
        root.TryGetProperty(ColumnsProperty, out var columns) && columns.ValueKind == JsonValueKind.Array;

    public static void Read(JsonElement root, SubmissionBuilder builder)
    {
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case ColumnsProperty:
                    foreach (var column in property.Value.EnumerateArray())
                    {
                        ReadColumn(builder, column);
                    }

                    break;
                case "lead_id":
                    builder.ExternalId = NonBlank(JsonValues.ToText(property.Value));
                    RecordSubmittedValue(builder, property);
                    break;
                case "google_key":
                    builder.PlatformKey = JsonValues.ToText(property.Value);
                    break;
                case "is_test":
                    builder.IsTest |= IsTrue(property.Value);
                    RecordSubmittedValue(builder, property);
                    break;
                default:
                    JsonValues.AddExtra(builder, property.Name, property.Value);
                    break;
            }
        }
    }

    private static void ReadColumn(SubmissionBuilder builder, JsonElement column)
    {
        if (column.ValueKind != JsonValueKind.Object || !column.TryGetProperty("string_value", out var value))
        {
            return;
        }

        // Google documents column_id as always present. column_name is the only other name to
        // file the value under.
        var id = StringProperty(column, "column_id") ?? StringProperty(column, "column_name");
        if (id is null)
        {
            return;
        }

        if (!Columns.TryGetValue(id, out var target))
        {
            JsonValues.AddExtra(builder, id, value);
            return;
        }

        if (JsonValues.TryGetLeadText(builder, id, target, value, out var text) && text is not null)
        {
            builder.RecordSubmittedValue(id, text);
            builder.AddLeadValue(target, id, text);
        }
    }

    private static void RecordSubmittedValue(SubmissionBuilder builder, JsonProperty property)
    {
        if (JsonValues.ToText(property.Value) is { } text)
        {
            builder.RecordSubmittedValue(property.Name, text);
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? NonBlank(value.GetString())
            : null;

    /// <summary>Accepts JSON true and, leniently, the string "true".</summary>
    private static bool IsTrue(JsonElement value) =>
        value.ValueKind == JsonValueKind.True
        || value.ValueKind == JsonValueKind.String && string.Equals(value.GetString()?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    private static string? NonBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
