using System.Text.Json;
using Calliyo.Domain.Leads;

namespace Calliyo.Server.Leads;

/// <summary>
/// Reads a lead from a JSON object with the public field names (<c>firstName</c>,
/// <c>lastName</c>, <c>phone</c>, <c>email</c>, <c>tags</c>, <c>status</c>; matched ignoring
/// case). Types are strict: text fields must be JSON strings, because a phone sent as a number
/// has already lost its leading <c>+</c> or <c>0</c>. JSON null counts as absent; <c>tags</c> may
/// be an array of strings or one string that is split like a CSV cell.
/// </summary>
public static class LeadJsonReader
{
    public static (LeadInput Input, IReadOnlyList<FieldError> TypeErrors) Read(JsonElement lead)
    {
        var (input, errors, _) = ReadWithFields(lead);
        return (input, errors);
    }

    /// <summary>Reads like <see cref="Read"/> and also returns the lead fields the object contained (null values included).</summary>
    public static (LeadInput Input, IReadOnlyList<FieldError> TypeErrors, IReadOnlyList<string> Fields) ReadWithFields(JsonElement lead)
    {
        var errors = new List<FieldError>();
        var fields = new List<string>();
        string? firstName = null, lastName = null, phone = null, email = null, status = null;
        List<string>? tags = null;

        foreach (var property in lead.EnumerateObject())
        {
            switch (property.Name.ToLowerInvariant())
            {
                case "firstname":
                    firstName = ReadText(property.Value, LeadFields.FirstName, errors);
                    fields.Add(LeadFields.FirstName);
                    break;
                case "lastname":
                    lastName = ReadText(property.Value, LeadFields.LastName, errors);
                    fields.Add(LeadFields.LastName);
                    break;
                case "phone":
                    phone = ReadText(property.Value, LeadFields.Phone, errors);
                    fields.Add(LeadFields.Phone);
                    break;
                case "email":
                    email = ReadText(property.Value, LeadFields.Email, errors);
                    fields.Add(LeadFields.Email);
                    break;
                case "status":
                    status = ReadText(property.Value, LeadFields.Status, errors);
                    fields.Add(LeadFields.Status);
                    break;
                case "tags":
                    tags = ReadTags(property.Value, errors);
                    fields.Add(LeadFields.Tags);
                    break;
            }
        }

        return (new LeadInput(firstName, lastName, phone, email, tags, status), errors, fields);
    }

    private static string? ReadText(JsonElement value, string field, List<FieldError> errors)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Null:
                return null;
            default:
                errors.Add(WrongType(field, value));
                return null;
        }
    }

    private static List<string>? ReadTags(JsonElement value, List<FieldError> errors)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                return [value.GetString()!];
            case JsonValueKind.Array:
                var tags = new List<string>();
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        tags.Add(item.GetString()!);
                    }
                    else if (item.ValueKind != JsonValueKind.Null)
                    {
                        errors.Add(new FieldError(LeadFields.Tags, item.GetRawText(), FieldErrorCodes.WrongType,
                            $"tags: every tag must be a JSON string such as \"vip\"; found {Describe(item)} {item.GetRawText()}."));
                        return null;
                    }
                }

                return tags;
            default:
                errors.Add(new FieldError(LeadFields.Tags, value.GetRawText(), FieldErrorCodes.WrongType,
                    "tags: must be an array of strings such as [\"vip\", \"hot\"] or one string such as \"vip; hot\"."));
                return null;
        }
    }

    private static FieldError WrongType(string field, JsonElement value)
    {
        var raw = value.GetRawText();
        if (field == LeadFields.Phone && value.ValueKind == JsonValueKind.Number)
        {
            return new FieldError(field, raw, FieldErrorCodes.WrongType,
                $"phone: must be a JSON string such as \"{raw}\" or \"+91 98765 43210\", not the number {raw}; a JSON number loses a leading + or 0, so put the phone in quotes.");
        }

        return new FieldError(field, raw, FieldErrorCodes.WrongType,
            $"{field}: must be a JSON string such as \"…\"; found {Describe(value)} {raw}.");
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => "the number",
        JsonValueKind.True or JsonValueKind.False => "the boolean",
        JsonValueKind.Array => "the array",
        JsonValueKind.Object => "the object",
        _ => "the value",
    };
}
