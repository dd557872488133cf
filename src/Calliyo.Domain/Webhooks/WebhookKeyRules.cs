using Calliyo.Domain.Accounts;
using Calliyo.Domain.Leads;

namespace Calliyo.Domain.Webhooks;

/// <summary>The settings of a webhook key as an admin sends them, before checking.</summary>
public sealed record WebhookKeySettingsInput(
    string? Name,
    IReadOnlyList<string>? AllowedDomains,
    string? HoneypotField,
    string? DefaultStatus,
    IReadOnlyList<string>? DefaultTags,
    int? RateLimitPerMinute);

/// <summary>Webhook key settings that passed every check.</summary>
public sealed record WebhookKeySettingsValues(
    string Name,
    IReadOnlyList<string> AllowedDomains,
    string? HoneypotField,
    string? DefaultStatus,
    IReadOnlyList<string> DefaultTags,
    int RateLimitPerMinute);

/// <summary>Checks webhook key settings and reports every bad field at once.</summary>
public static class WebhookKeyRules
{
    /// <summary>Submissions per minute a key accepts on each silo when its settings name no limit.</summary>
    public const int DefaultRateLimitPerMinute = 3_000;

    public const int MaxRateLimitPerMinute = 10_000_000;

    public const int MaxDomains = 50;

    public static (WebhookKeySettingsValues? Values, IReadOnlyList<FieldError> Errors) Check(WebhookKeySettingsInput input, AccountRules rules)
    {
        var errors = new List<FieldError>();

        var name = TextRules.Clean(input.Name);
        if (name is null)
        {
            errors.Add(new FieldError("name", input.Name, FieldErrorCodes.Required, "name is required, such as \"Website contact form\"."));
        }
        else if (TextRules.Check("name", input.Name, name, TextRules.MaxNameLength) is { } nameError)
        {
            errors.Add(nameError);
        }

        var domains = new List<string>();
        foreach (var entry in input.AllowedDomains ?? [])
        {
            var normalized = AllowedDomains.Normalize(entry);
            if (normalized is null)
            {
                errors.Add(new FieldError("allowedDomains", entry, "invalid_domain",
                    $"allowedDomains: '{entry}' is not a host name; send one such as \"example.com\" or \"*.example.com\"."));
            }
            else if (!domains.Contains(normalized))
            {
                domains.Add(normalized);
            }
        }

        if (domains.Count > MaxDomains)
        {
            errors.Add(new FieldError("allowedDomains", null, FieldErrorCodes.TooLong, $"allowedDomains: at most {MaxDomains} entries."));
        }

        var honeypot = TextRules.Clean(input.HoneypotField);
        if (TextRules.Check("honeypotField", input.HoneypotField, honeypot, TextRules.MaxNameLength) is { } honeypotError)
        {
            errors.Add(honeypotError);
        }

        string? status = null;
        var statusText = TextRules.Clean(input.DefaultStatus);
        if (statusText is not null)
        {
            status = rules.FindStatus(statusText);
            if (status is null)
            {
                errors.Add(new FieldError("defaultStatus", input.DefaultStatus, FieldErrorCodes.UnknownStatus,
                    $"defaultStatus '{input.DefaultStatus}' is not in this account's pipeline; use one of: {string.Join(", ", rules.Statuses.Select(s => s.Name))}."));
            }
        }

        var (tags, tagError) = TagRules.Parse(input.DefaultTags);
        if (tagError is not null)
        {
            errors.Add(tagError with { Field = "defaultTags" });
        }

        var rateLimit = input.RateLimitPerMinute ?? DefaultRateLimitPerMinute;
        if (rateLimit is < 1 or > MaxRateLimitPerMinute)
        {
            errors.Add(new FieldError("rateLimitPerMinute", input.RateLimitPerMinute?.ToString(System.Globalization.CultureInfo.InvariantCulture), "out_of_range",
                $"rateLimitPerMinute must be between 1 and {MaxRateLimitPerMinute}."));
        }

        return errors.Count > 0
            ? (null, errors)
            : (new WebhookKeySettingsValues(name!, domains, honeypot, status, tags, rateLimit), []);
    }
}
