using Calliyo.Domain.Fields;
using Calliyo.Domain.Leads;

namespace Calliyo.Domain.Webhooks;

/// <summary>
/// Collects the fields of one body as a payload reader finds them and builds the
/// <see cref="WebhookSubmission"/>. When several fields fill one lead field, a primary field beats a
/// fallback and, at equal rank, the first non-empty value in body order wins. The other values go
/// to the extras, so nothing submitted is lost.
/// </summary>
internal sealed class SubmissionBuilder
{
    private readonly Dictionary<LeadColumn, List<Candidate>> _candidates = [];
    private readonly List<string> _tags = [];
    private readonly Dictionary<string, string> _extras = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _submittedValues = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<FieldError> _errors = [];

    public SubmissionBuilder(FieldNameMatcher matcher)
    {
        Matcher = matcher;
    }

    public FieldNameMatcher Matcher { get; }

    public string? ExternalId { get; set; }

    public string? PlatformKey { get; set; }

    public bool IsTest { get; set; }

    /// <summary>Offers <paramref name="value"/> for a lead field; tags accumulate, other fields keep one winner.</summary>
    public void AddLeadValue(FieldTarget target, string name, string value)
    {
        if (target.Column == LeadColumn.Tags)
        {
            _tags.Add(value);
            return;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (!_candidates.TryGetValue(target.Column, out var candidates))
        {
            candidates = [];
            _candidates[target.Column] = candidates;
        }

        candidates.Add(new Candidate(name, value, target.Rank));
    }

    /// <summary>Keeps a field that no lead field takes; a repeated name joins its values with ", ", and blank values are dropped.</summary>
    public void AddExtra(string name, string value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            Append(_extras, name, value);
        }
    }

    /// <summary>
    /// Records a submitted value for <see cref="WebhookSubmission.FindRawValue"/> and marks the lead
    /// as a test when the value is a testing-tool placeholder.
    /// </summary>
    public void RecordSubmittedValue(string name, string value)
    {
        Append(_submittedValues, name, value);
        if (TestLeadMarkers.IsMetaPlaceholder(value))
        {
            IsTest = true;
        }
    }

    public void AddError(FieldError error) => _errors.Add(error);

    public WebhookSubmission Build(WebhookPayloadFormat format)
    {
        var firstName = Choose(LeadColumn.FirstName);
        var lastName = Choose(LeadColumn.LastName);

        // A single name field is split only when no first name was sent, because an explicit
        // first name is what the person typed into that box. The full name stays in the extras
        // whenever some of it is not used.
        if (Choose(LeadColumn.FullName) is { } fullName)
        {
            if (firstName is null)
            {
                var (first, last) = FullNameSplitter.Split(fullName.Value);
                firstName = fullName with { Value = first };
                if (lastName is null)
                {
                    lastName = last is null ? null : fullName with { Value = last };
                }
                else
                {
                    AddExtra(fullName.Name, fullName.Value);
                }
            }
            else
            {
                AddExtra(fullName.Name, fullName.Value);
            }
        }

        var lead = new LeadInput(
            firstName?.Value,
            lastName?.Value,
            Choose(LeadColumn.Phone)?.Value,
            Choose(LeadColumn.Email)?.Value,
            _tags.Count == 0 ? null : _tags,
            Choose(LeadColumn.Status)?.Value);

        return new WebhookSubmission
        {
            Lead = lead,
            Format = format,
            ExternalId = ExternalId,
            IsTest = IsTest,
            PlatformKey = PlatformKey,
            Extras = _extras,
            FieldErrors = _errors,
            SubmittedValues = _submittedValues,
        };
    }

    /// <summary>Picks the winning value for <paramref name="column"/> and moves the others to the extras.</summary>
    private Candidate? Choose(LeadColumn column)
    {
        if (!_candidates.TryGetValue(column, out var candidates))
        {
            return null;
        }

        var winner = candidates.OrderBy(candidate => candidate.Rank).First();
        foreach (var loser in candidates.Where(candidate => candidate != winner))
        {
            AddExtra(loser.Name, loser.Value);
        }

        return winner;
    }

    private static void Append(Dictionary<string, string> values, string name, string value) =>
        values[name] = values.TryGetValue(name, out var existing) ? $"{existing}, {value}" : value;

    private readonly record struct Candidate(string Name, string Value, FieldRank Rank);
}
