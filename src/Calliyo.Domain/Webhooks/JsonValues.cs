using System.Text.Json;
using Calliyo.Domain.Fields;
using Calliyo.Domain.Leads;

namespace Calliyo.Domain.Webhooks;

/// <summary>Conversions from JSON values to the text that leads, extras and the raw-value lookup store.</summary>
internal static class JsonValues
{
    /// <summary>
    /// Returns the text of <paramref name="value"/>: a string as it is, a number or boolean as its
    /// JSON text (so <c>11112222333</c> never passes through <see cref="double"/>), an array of
    /// scalars joined with ", ", and an object or nested array as its raw JSON. JSON null gives null.
    /// </summary>
    public static string? ToText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array when value.EnumerateArray().All(IsScalar) =>
            string.Join(", ", value.EnumerateArray().Select(ToText).OfType<string>()),
        _ => value.GetRawText(),
    };

    /// <summary>Keeps a field that no lead field takes, both as an extra and for the raw-value lookup.</summary>
    public static void AddExtra(SubmissionBuilder builder, string name, JsonElement value)
    {
        var text = ToText(value);
        if (text is null)
        {
            return;
        }

        builder.RecordSubmittedValue(name, text);
        builder.AddExtra(name, text);
    }

    /// <summary>
    /// Reads a value meant for a lead field, which must be a JSON string; JSON null counts as
    /// absent. Any other type adds a <see cref="FieldErrorCodes.WrongType"/> error and returns false.
    /// </summary>
    public static bool TryGetLeadText(SubmissionBuilder builder, string name, FieldTarget target, JsonElement value, out string? text)
    {
        text = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                text = value.GetString();
                return true;
            case JsonValueKind.Null:
                return true;
            default:
                builder.RecordSubmittedValue(name, value.GetRawText());
                builder.AddError(WrongType(name, target.Column, value));
                return false;
        }
    }

    /// <summary>
    /// Builds the error for a lead field sent with the wrong JSON type. A phone number is never
    /// converted from a JSON number, because the number has already lost any leading + or 0.
    /// </summary>
    public static FieldError WrongType(string name, LeadColumn column, JsonElement value)
    {
        var raw = value.GetRawText();
        var field = ToLeadField(column);

        var message = column == LeadColumn.Phone && value.ValueKind == JsonValueKind.Number
            ? $"{name}: must be a string such as \"+91 98765 43210\", not the JSON number {raw}; put the number in quotes, because a JSON number drops a leading + or 0."
            : $"{name}: must be a string such as {Example(column)}, not a JSON {Describe(value.ValueKind)}; send the value as text.";

        return new FieldError(field, raw, FieldErrorCodes.WrongType, message);
    }

    private static bool IsScalar(JsonElement value) => value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array);

    private static string ToLeadField(LeadColumn column) => column switch
    {
        LeadColumn.FirstName or LeadColumn.FullName => LeadFields.FirstName,
        LeadColumn.LastName => LeadFields.LastName,
        LeadColumn.Phone => LeadFields.Phone,
        LeadColumn.Email => LeadFields.Email,
        LeadColumn.Status => LeadFields.Status,
        LeadColumn.Tags => LeadFields.Tags,
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "Unknown lead column."),
    };

    private static string Example(LeadColumn column) => column switch
    {
        LeadColumn.FirstName => "\"Asha\"",
        LeadColumn.LastName => "\"Verma\"",
        LeadColumn.FullName => "\"Asha Verma\"",
        LeadColumn.Phone => "\"+91 98765 43210\"",
        LeadColumn.Email => "\"asha@example.com\"",
        LeadColumn.Status => "\"Interested\"",
        LeadColumn.Tags => "\"vip, hot\" or an array of strings such as [\"vip\", \"hot\"]",
        _ => "\"text\"",
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
