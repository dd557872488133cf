using System.Globalization;
using System.Text.Json;
using Calliyo.Domain.Leads;
using Calliyo.Grains.Contracts;

namespace Calliyo.Server.Imports;

/// <summary>
/// Reads import options from a JSON object such as
/// <c>{"mapping": {"3": "phone", "5": "ignore"}, "defaultStatus": "New", "extraTags": ["expo"]}</c>
/// or from the upload's query string. Only the JSON shape is checked here; whether a field name,
/// status or tag is valid is the import job's decision.
/// </summary>
public static class ImportOptionsReader
{
    /// <summary>Returns the choices, or one error per property whose JSON type or key is wrong.</summary>
    public static (ImportChoices? Choices, IReadOnlyList<FieldError> Errors) Read(JsonElement body)
    {
        var errors = new List<FieldError>();
        var mapping = new Dictionary<int, string>();
        string? defaultStatus = null;
        var extraTags = new List<string>();

        if (body.TryGetProperty("mapping", out var map) && map.ValueKind != JsonValueKind.Null)
        {
            if (map.ValueKind != JsonValueKind.Object)
            {
                errors.Add(WrongType("mapping", map, "an object from column index to field name, such as {\"3\": \"phone\"}"));
            }
            else
            {
                foreach (var entry in map.EnumerateObject())
                {
                    if (!int.TryParse(entry.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    {
                        errors.Add(new FieldError($"mapping.{entry.Name}", entry.Name, FieldErrorCodes.WrongType,
                            $"Mapping key '{entry.Name}' is not a column index; use the 0-based index that the preview lists in columns[].index, such as \"3\"."));
                    }
                    else if (entry.Value.ValueKind != JsonValueKind.String)
                    {
                        errors.Add(WrongType($"mapping.{entry.Name}", entry.Value, "a field name string such as \"phone\" or \"ignore\""));
                    }
                    else
                    {
                        mapping[index] = entry.Value.GetString()!;
                    }
                }
            }
        }

        if (body.TryGetProperty("defaultStatus", out var status) && status.ValueKind != JsonValueKind.Null)
        {
            if (status.ValueKind == JsonValueKind.String)
            {
                defaultStatus = status.GetString();
            }
            else
            {
                errors.Add(WrongType("defaultStatus", status, "a status name string such as \"New\""));
            }
        }

        if (body.TryGetProperty("extraTags", out var tags) && tags.ValueKind != JsonValueKind.Null)
        {
            if (tags.ValueKind == JsonValueKind.String)
            {
                extraTags.Add(tags.GetString()!);
            }
            else if (tags.ValueKind == JsonValueKind.Array && tags.EnumerateArray().All(tag => tag.ValueKind == JsonValueKind.String))
            {
                extraTags.AddRange(tags.EnumerateArray().Select(tag => tag.GetString()!));
            }
            else
            {
                errors.Add(WrongType("extraTags", tags, "an array of strings such as [\"expo\"]"));
            }
        }

        return errors.Count > 0 ? (null, errors) : (new ImportChoices(mapping, defaultStatus, extraTags), []);
    }

    /// <summary>Reads <c>defaultStatus</c> and <c>extraTags</c> (comma- or semicolon-separated, repeatable) from a query string.</summary>
    public static ImportChoices FromQuery(IQueryCollection query) => new(
        new Dictionary<int, string>(),
        query["defaultStatus"].FirstOrDefault(),
        [.. query["extraTags"].Where(tag => tag is not null).Select(tag => tag!)]);

    private static FieldError WrongType(string field, JsonElement value, string expected) =>
        new(field, value.GetRawText(), FieldErrorCodes.WrongType,
            $"'{field}' must be {expected}; got {value.ValueKind.ToString().ToLowerInvariant()} {value.GetRawText()}.");
}
