using System.Globalization;
using Calliyo.Server.Errors;
using Calliyo.Storage.Leads;

namespace Calliyo.Server.Leads;

/// <summary>
/// Reads the query string of <c>GET /v1/leads</c>: <c>status</c>, <c>tag</c>, <c>source</c>,
/// <c>createdFrom</c> and <c>createdTo</c> (ISO 8601), <c>q</c> (text search on name, phone or
/// email), <c>limit</c> (1 to 200, default 50) and <c>cursor</c> (from the previous page).
/// </summary>
public static class LeadListQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    private static readonly string[] Sources = ["manual", "csv", "webhook", "api"];

    public static (LeadQuery? Query, IResult? Error) Parse(IQueryCollection query, Guid accountId)
    {
        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var limitText) && (!int.TryParse(limitText, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return (null, Invalid("limit", limitText!, $"a whole number from 1 to {MaxLimit}"));
        }

        Guid? before = null;
        if (query.TryGetValue("cursor", out var cursorText))
        {
            if (!Guid.TryParse(cursorText, out var cursor))
            {
                return (null, Invalid("cursor", cursorText!, "the nextCursor value of the previous page"));
            }

            before = cursor;
        }

        var source = Text(query, "source");
        if (source is not null && !Sources.Contains(source, StringComparer.OrdinalIgnoreCase))
        {
            return (null, Invalid("source", source, string.Join(", ", Sources)));
        }

        var (from, fromError) = Time(query, "createdFrom");
        var (to, toError) = Time(query, "createdTo");
        if ((fromError ?? toError) is { } timeError)
        {
            return (null, timeError);
        }

        return (new LeadQuery(accountId, Text(query, "status"), Text(query, "tag"), source, from, to, Text(query, "q"), before, limit), null);
    }

    private static string? Text(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString().Trim() : null;

    private static (DateTimeOffset? Value, IResult? Error) Time(IQueryCollection query, string name)
    {
        var text = Text(query, name);
        if (text is null)
        {
            return (null, null);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? (value, null)
            : (null, Invalid(name, text, "an ISO 8601 time such as 2026-12-01T00:00:00Z"));
    }

    private static IResult Invalid(string parameter, string value, string expected) =>
        ApiErrors.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
            $"Query parameter '{parameter}' has the invalid value '{value}'; send {expected}.", new { parameter, value });
}
