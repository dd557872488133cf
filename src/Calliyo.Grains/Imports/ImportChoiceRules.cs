using Calliyo.Domain.Accounts;
using Calliyo.Domain.Fields;
using Calliyo.Domain.Imports;
using Calliyo.Domain.Leads;
using Calliyo.Grains.Contracts;

namespace Calliyo.Grains.Imports;

/// <summary>
/// Checks the choices of an import against the account and turns them into what the reader
/// and the planner take. Field names in a mapping match ignoring case, spaces, <c>_</c> and
/// <c>-</c>, so <c>first_name</c> is <c>firstName</c>, and the built-in header aliases such as
/// <c>Mobile Number</c> name their field too.
/// </summary>
internal static class ImportChoiceRules
{
    /// <summary>The mapping value that leaves a column out of the import.</summary>
    public const string Ignore = "ignore";

    /// <summary>The field names a mapping may use, in the API's spelling.</summary>
    public static IReadOnlyList<string> FieldNames { get; } = [.. Enum.GetValues<LeadColumn>().Select(FieldName), Ignore];

    /// <summary>Returns the API spelling of a lead field, such as <c>firstName</c>.</summary>
    public static string FieldName(LeadColumn column)
    {
        var name = column.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>
    /// Validates <paramref name="choices"/>; returns the error of every invalid choice, or none
    /// with the choices in their normalized spelling and the reader and planner settings.
    /// </summary>
    public static (ImportChoices? Normalized, IReadOnlyDictionary<int, ColumnOverride> Overrides, ImportPlanOptions PlanOptions, IReadOnlyList<FieldError> Errors)
        Check(ImportChoices choices, AccountRules rules)
    {
        var errors = new List<FieldError>();
        var overrides = new Dictionary<int, ColumnOverride>();
        var mapping = new Dictionary<int, string>();

        foreach (var (index, value) in choices.Mapping.OrderBy(pair => pair.Key))
        {
            var field = ParseField(value);
            if (field is null)
            {
                errors.Add(new FieldError($"mapping.{index}", value, "unknown_field",
                    $"Column {index} cannot be mapped to '{value}'; use one of: {string.Join(", ", FieldNames)}."));
                continue;
            }

            overrides[index] = field == Ignore ? ColumnOverride.Ignore : ColumnOverride.MapTo(Enum.Parse<LeadColumn>(field, ignoreCase: true));
            mapping[index] = field;
        }

        string? defaultStatus = null;
        if (!string.IsNullOrWhiteSpace(choices.DefaultStatus))
        {
            defaultStatus = rules.FindStatus(choices.DefaultStatus);
            if (defaultStatus is null)
            {
                errors.Add(new FieldError("defaultStatus", choices.DefaultStatus, FieldErrorCodes.UnknownStatus,
                    $"Default status '{choices.DefaultStatus}' is not in this account's pipeline; use one of: {string.Join(", ", rules.Statuses.Select(s => s.Name))}."));
            }
        }

        var (tags, tagError) = TagRules.Parse(choices.ExtraTags);
        if (tagError is not null)
        {
            errors.Add(tagError with { Field = "extraTags", Message = $"The extra tags for every row are invalid: {tagError.Message}" });
        }

        if (errors.Count > 0)
        {
            return (null, overrides, new ImportPlanOptions(), errors);
        }

        var normalized = new ImportChoices(mapping, defaultStatus, tags);
        return (normalized, overrides, new ImportPlanOptions { DefaultStatus = defaultStatus, ExtraTags = tags }, []);
    }

    /// <summary>Returns the API spelling of a mapping value, or null when it names no field.</summary>
    private static string? ParseField(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var canonical = FieldNameMatcher.Canonicalize(value);
        if (canonical == Ignore)
        {
            return Ignore;
        }

        foreach (var column in Enum.GetValues<LeadColumn>())
        {
            if (string.Equals(canonical, column.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return FieldName(column);
            }
        }

        // A header alias such as "Mobile Number" names its field too.
        return FieldNameMatcher.Default.Match(value) is { } aliased ? FieldName(aliased) : null;
    }
}
