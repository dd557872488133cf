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
        HashSet<string>? seen = null;

        foreach (var entry in entries)
        {
            if (entry is null)
            {
                continue;
            }

            foreach (var range in entry.AsSpan().SplitAny(Separators))
            {
                var part = entry[range];
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

                if (IsFirstOccurrence(tags, ref seen, tag))
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

    /// <summary>
    /// Returns true when no tag in <paramref name="tags"/> equals <paramref name="tag"/> ignoring
    /// case. The set is built only from the second tag on, because most leads carry one tag or none.
    /// </summary>
    private static bool IsFirstOccurrence(List<string> tags, ref HashSet<string>? seen, string tag)
    {
        if (tags.Count == 0)
        {
            return true;
        }

        seen ??= new HashSet<string>(tags, StringComparer.OrdinalIgnoreCase);
        return seen.Add(tag);
    }

    /// <summary>Turns runs of whitespace inside a tag into one space, so "follow  up" and "follow up" are one tag.</summary>
    private static string? CollapseSpaces(string? tag)
    {
        if (tag is null || !HasWhitespaceToCollapse(tag))
        {
            return tag;
        }

        return string.Join(' ', tag.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Returns true when the tag has whitespace other than single spaces between words.</summary>
    private static bool HasWhitespaceToCollapse(string tag)
    {
        if (tag.Length > 0 && (tag[0] == ' ' || tag[^1] == ' '))
        {
            return true;
        }

        var previousWasSpace = false;
        foreach (var c in tag)
        {
            if (c == ' ')
            {
                if (previousWasSpace)
                {
                    return true;
                }

                previousWasSpace = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                return true;
            }
            else
            {
                previousWasSpace = false;
            }
        }

        return false;
    }
}
