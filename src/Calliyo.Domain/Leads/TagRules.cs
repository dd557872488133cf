namespace Calliyo.Domain.Leads;

/// <summary>
/// Tag clean-up shared by every source: each entry is split on commas, semicolons and line
/// breaks (a line break typed inside a spreadsheet cell separates tags too), parts are trimmed
/// and NFC-normalized, empty parts dropped, and repeats removed ignoring case, keeping the
/// first spelling and first-seen order.
/// </summary>
public static class TagRules
{
    private static readonly char[] Separators = [',', ';', '\r', '\n'];

    /// <summary>Maximum number of tags on one lead.</summary>
    public const int MaxTagsPerLead = 50;

    public static (IReadOnlyList<string> Tags, FieldError? Error) Parse(IReadOnlyList<string>? entries)
    {
        if (entries is null || entries.Count == 0)
        {
            return ([], null);
        }

        var tags = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        foreach (var entry in entries)
        {
            if (entry is null)
            {
                continue;
            }

            foreach (var part in entry.Split(Separators))
            {
                var tag = CollapseSpaces(TextRules.Clean(part));
                if (tag is null)
                {
                    continue;
                }

                var error = TextRules.Check(LeadFields.Tags, part, tag, TextRules.MaxTagLength);
                if (error is not null)
                {
                    return ([], error);
                }

                if (seen.Add(tag))
                {
                    tags.Add(tag);
                }
            }
        }

        if (tags.Count > MaxTagsPerLead)
        {
            return ([], new FieldError(LeadFields.Tags, null, FieldErrorCodes.TooLong,
                $"A lead can carry at most {MaxTagsPerLead} tags; this one has {tags.Count}."));
        }

        return (tags, null);
    }

    /// <summary>Turns runs of whitespace inside a tag into one space, so "follow  up" and "follow up" are one tag.</summary>
    private static string? CollapseSpaces(string? tag) =>
        tag is null ? null : string.Join(' ', tag.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
