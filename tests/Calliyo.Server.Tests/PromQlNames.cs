using System.Text.RegularExpressions;

namespace Calliyo.Server.Tests;

/// <summary>
/// Extracts the metric names that a PromQL expression reads. It covers the PromQL that
/// dashboards and alert rules use (selectors, ranges, subqueries, aggregations with by, without,
/// on and ignoring, functions, binary operators and Grafana's <c>$variables</c>), not the whole
/// grammar.
/// </summary>
internal static partial class PromQlNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan", "atan2",
    };

    public static IReadOnlySet<string> Extract(string expression)
    {
        var text = QuotedString().Replace(expression, " ");
        text = LabelMatchers().Replace(text, " ");
        text = RangeOrSubquery().Replace(text, " ");
        text = GroupingClause().Replace(text, " ");
        text = GrafanaVariable().Replace(text, " ");

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in Identifier().Matches(text))
        {
            var isFunctionCall = FunctionCall().IsMatch(text[(match.Index + match.Length)..]);
            if (!isFunctionCall && !Keywords.Contains(match.Value.ToLowerInvariant()))
            {
                names.Add(match.Value);
            }
        }

        return names;
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`")]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\[\]]*\]")]
    private static partial Regex RangeOrSubquery();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)", RegexOptions.IgnoreCase)]
    private static partial Regex GroupingClause();

    [GeneratedRegex(@"\$\{?\w+\}?")]
    private static partial Regex GrafanaVariable();

    // Not preceded by a digit, a letter or a dot, so that 1e-9 and 5m are not read as names.
    [GeneratedRegex(@"(?<![\w.:])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^\s*\(")]
    private static partial Regex FunctionCall();
}
