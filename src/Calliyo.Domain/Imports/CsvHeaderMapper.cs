using System.Diagnostics.CodeAnalysis;
using Calliyo.Domain.Fields;

namespace Calliyo.Domain.Imports;

/// <summary>
/// Maps header cells to lead fields by name, not by position, unless the caller overrides a
/// column. Rejects a header that maps two columns to one field or lacks a required column.
/// </summary>
internal static class CsvHeaderMapper
{
    public static bool TryMap(
        string[] header,
        FieldNameMatcher matcher,
        IReadOnlyDictionary<int, ColumnOverride>? overrides,
        [NotNullWhen(true)] out HeaderMapping? mapping,
        [NotNullWhen(false)] out CsvFileRejection? rejection)
    {
        mapping = null;

        rejection = CheckOverrides(header, overrides);
        if (rejection is not null)
        {
            return false;
        }

        var mapped = new List<KeyValuePair<LeadColumn, CsvColumn>>();
        var ignored = new List<CsvColumn>();
        var unnamed = new List<CsvColumn>();

        for (var index = 0; index < header.Length; index++)
        {
            var column = new CsvColumn(index, header[index]);
            var isNamed = !string.IsNullOrWhiteSpace(column.Header);

            LeadColumn? field;
            if (overrides is not null && overrides.TryGetValue(index, out var choice))
            {
                field = choice.Field;
            }
            else if (!isNamed)
            {
                unnamed.Add(column);
                continue;
            }
            else
            {
                field = matcher.Match(column.Header);
            }

            if (field is not null)
            {
                mapped.Add(new(field.Value, column));
            }
            else if (isNamed)
            {
                ignored.Add(column);
            }
        }

        rejection = FindDuplicate(mapped);
        if (rejection is not null)
        {
            return false;
        }

        var warnings = new List<CsvWarning>();
        DropFullNameBesideFirstName(mapped, ignored, warnings);

        rejection = CheckRequired(header, mapped);
        if (rejection is not null)
        {
            return false;
        }

        if (ignored.Count > 0)
        {
            ignored.Sort((left, right) => left.Index.CompareTo(right.Index));
            warnings.Insert(0, new CsvWarning(CsvWarningCodes.IgnoredColumns,
                $"Ignored columns: {string.Join(", ", ignored.Select(column => column.Name))}. Their values are not imported; to import one, rename it to a lead field such as Phone or Tags, or map it in the preview."));
        }

        mapping = new HeaderMapping(new ColumnMapping(mapped), ignored, unnamed, warnings);
        return true;
    }

    private static CsvFileRejection? CheckOverrides(string[] header, IReadOnlyDictionary<int, ColumnOverride>? overrides)
    {
        if (overrides is null)
        {
            return null;
        }

        foreach (var index in overrides.Keys)
        {
            if (index < 0 || index >= header.Length)
            {
                return new CsvFileRejection(CsvRejectionCodes.UnknownOverrideColumn,
                    $"The column mapping refers to column index {index} (column {index + 1}; indexes start at 0), but the header has {header.Length} columns. Open the preview again and choose the mapping for this file.");
            }
        }

        return null;
    }

    private static CsvFileRejection? FindDuplicate(List<KeyValuePair<LeadColumn, CsvColumn>> mapped)
    {
        foreach (var group in mapped.GroupBy(pair => pair.Key))
        {
            var columns = group.Select(pair => pair.Value).ToList();
            if (columns.Count < 2)
            {
                continue;
            }

            var positions = JoinWithAnd(columns.Select(column => column.Position.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList());
            var sameName = columns.Select(column => FieldNameMatcher.Canonicalize(column.Header)).Distinct(StringComparer.Ordinal).Count() == 1;

            var message = sameName
                ? $"Column \"{columns[0].Name}\" appears {Times(columns.Count)} (columns {positions}; header names are not case-sensitive). Rename or remove one and upload again."
                : $"Columns {JoinWithAnd(columns.Select(column => $"\"{column.Name}\" (column {column.Position})").ToList())} {(columns.Count == 2 ? "both" : "all")} map to {group.Key}. Keep one: rename or remove the others, or choose one in the column mapping, and upload again.";

            return new CsvFileRejection(CsvRejectionCodes.DuplicateColumn, message);
        }

        return null;
    }

    private static void DropFullNameBesideFirstName(
        List<KeyValuePair<LeadColumn, CsvColumn>> mapped,
        List<CsvColumn> ignored,
        List<CsvWarning> warnings)
    {
        var fullNameIndex = mapped.FindIndex(pair => pair.Key == LeadColumn.FullName);
        var firstNameIndex = mapped.FindIndex(pair => pair.Key == LeadColumn.FirstName);
        if (fullNameIndex < 0 || firstNameIndex < 0)
        {
            return;
        }

        var firstName = mapped[firstNameIndex].Value;
        var dropped = mapped[fullNameIndex].Value;
        mapped.RemoveAt(fullNameIndex);
        ignored.Add(dropped);
        warnings.Add(new CsvWarning(CsvWarningCodes.FullNameColumnIgnored,
            $"Column \"{dropped.Name}\" (column {dropped.Position}) contains full names, but the file also has the first-name column \"{firstName.Name}\" (column {firstName.Position}), so \"{dropped.Name}\" is not imported. Remove the column you did not mean, or map it in the preview."));
    }

    private static CsvFileRejection? CheckRequired(string[] header, List<KeyValuePair<LeadColumn, CsvColumn>> mapped)
    {
        var found = string.Join(", ", header.Where(cell => !string.IsNullOrWhiteSpace(cell)).Select(cell => cell.Trim()));
        if (found.Length == 0)
        {
            found = "no named columns";
        }

        if (!mapped.Exists(pair => pair.Key == LeadColumn.Phone))
        {
            return new CsvFileRejection(CsvRejectionCodes.MissingPhoneColumn,
                $"Required column \"Phone\" not found. Found: {found}. Add a Phone column (Mobile and Phone Number are accepted too) and upload again.");
        }

        if (!mapped.Exists(pair => pair.Key is LeadColumn.FirstName or LeadColumn.FullName))
        {
            return new CsvFileRejection(CsvRejectionCodes.MissingFirstNameColumn,
                $"Required column \"FirstName\" not found. Found: {found}. Add a FirstName column (First Name, or a Name column with full names, is accepted too) and upload again.");
        }

        return null;
    }

    private static string Times(int count) => count == 2 ? "twice" : $"{count} times";

    private static string JoinWithAnd(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";
}

/// <summary>The outcome of mapping a header that passed every check.</summary>
internal sealed record HeaderMapping(
    ColumnMapping Mapping,
    IReadOnlyList<CsvColumn> IgnoredColumns,
    IReadOnlyList<CsvColumn> UnnamedColumns,
    IReadOnlyList<CsvWarning> Warnings);
