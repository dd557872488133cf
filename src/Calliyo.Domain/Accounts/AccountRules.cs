using Calliyo.Domain.Leads;

namespace Calliyo.Domain.Accounts;

/// <summary>
/// The per-account settings that validation needs: the region used to read phone numbers that
/// carry no country code (an ISO 3166-1 alpha-2 code such as <c>IN</c>) and the pipeline.
/// </summary>
public sealed class AccountRules
{
    private readonly Dictionary<string, string> _canonicalStatus;

    public AccountRules(string defaultRegion, IReadOnlyList<PipelineStatus> statuses)
    {
        DefaultRegion = defaultRegion;
        Statuses = statuses;
        _canonicalStatus = statuses.ToDictionary(s => s.Name, s => s.Name, StringComparer.OrdinalIgnoreCase);
    }

    public string DefaultRegion { get; }

    public IReadOnlyList<PipelineStatus> Statuses { get; }

    /// <summary>Finds a status ignoring case and surrounding spaces; returns its canonical spelling or null.</summary>
    public string? FindStatus(string name) =>
        _canonicalStatus.TryGetValue(name.Trim(), out var canonical) ? canonical : null;

    /// <summary>Returns the status list as a person reads it, for error messages.</summary>
    internal string DescribeStatuses() => string.Join(", ", Statuses.Select(s => s.Name));

    /// <summary>Builds the error for a status that the pipeline does not contain.</summary>
    internal FieldError UnknownStatus(string? raw) =>
        new(LeadFields.Status, raw, FieldErrorCodes.UnknownStatus,
            $"Status '{raw}' is not in this account's pipeline; use one of: {DescribeStatuses()}.");
}
