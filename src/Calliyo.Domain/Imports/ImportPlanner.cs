using System.Runtime.InteropServices;
using Calliyo.Domain.Accounts;
using Calliyo.Domain.Leads;

namespace Calliyo.Domain.Imports;

/// <summary>
/// Decides, without a database, what an import does with each row of a parsed file: normalize
/// it through <see cref="LeadNormalizer"/>, then import it, skip it as a duplicate of an earlier
/// record with the same phone and extension, or report its errors. The first occurrence wins.
/// A planner keeps no state between calls to <see cref="Plan"/>, so one instance can plan many files.
/// </summary>
public sealed class ImportPlanner
{
    /// <summary>How many rows are planned between two checks of the cancellation token.</summary>
    private const int CancellationCheckInterval = 4096;

    private readonly AccountRules _rules;
    private readonly string? _defaultStatus;
    private readonly string[] _extraTags;
    private readonly IReadOnlyCollection<string> _knownTags;

    /// <param name="rules">The account's region and pipeline.</param>
    /// <param name="options">The default status and tags chosen for every row; none when null.</param>
    /// <exception cref="ArgumentException">
    /// The default status is not in the account's pipeline, or an extra tag is invalid.
    /// </exception>
    public ImportPlanner(AccountRules rules, ImportPlanOptions? options = null)
    {
        options ??= new ImportPlanOptions();
        _rules = rules;
        _knownTags = options.KnownTags;

        if (options.DefaultStatus is not null)
        {
            _defaultStatus = rules.FindStatus(options.DefaultStatus)
                ?? throw new ArgumentException(
                    $"Default status '{options.DefaultStatus}' is not in this account's pipeline; choose one of: {rules.DescribeStatuses()}.",
                    nameof(options));
        }

        var (extraTags, tagError) = TagRules.Parse(options.ExtraTags);
        if (tagError is not null)
        {
            throw new ArgumentException($"The extra tags for every row are invalid: {tagError.Message}", nameof(options));
        }

        _extraTags = [.. extraTags];
    }

    /// <summary>Plans every row of <paramref name="file"/>; the verdicts keep the file's row order.</summary>
    public ImportPlan Plan(ParsedCsvFile file, CancellationToken cancellationToken = default)
    {
        var verdicts = new ImportRowVerdict[file.Rows.Count];
        var firstRecordByPhone = new Dictionary<string, int>(file.RecordCount, StringComparer.Ordinal);
        var tags = new TagSpellings(_knownTags);

        for (var i = 0; i < verdicts.Length; i++)
        {
            if (i % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            verdicts[i] = PlanRow(file.Rows[i], firstRecordByPhone, tags);
        }

        return new ImportPlan(file, verdicts, tags.UsedInOrder);
    }

    private ImportRowVerdict PlanRow(CsvRow row, Dictionary<string, int> firstRecordByPhone, TagSpellings tags)
    {
        if (row.IsBlank)
        {
            return ImportRowVerdict.Blank(row);
        }

        if (row.Error is not null)
        {
            return ImportRowVerdict.Error(row, [row.Error]);
        }

        var validation = LeadNormalizer.Normalize(ApplyDefaults(row.Lead!), _rules);
        if (validation.Lead is null)
        {
            return ImportRowVerdict.Error(row, validation.Errors);
        }

        var lead = validation.Lead;
        ref var firstRecord = ref CollectionsMarshal.GetValueRefOrAddDefault(firstRecordByPhone, lead.Phone.Key, out var seen);
        if (seen)
        {
            return ImportRowVerdict.DuplicateInFile(row, lead, firstRecord);
        }

        firstRecord = row.RecordNumber!.Value;
        return ImportRowVerdict.Import(row, tags.Apply(lead));
    }

    private LeadInput ApplyDefaults(LeadInput input)
    {
        if (_defaultStatus is not null && string.IsNullOrWhiteSpace(input.Status))
        {
            input = input with { Status = _defaultStatus };
        }

        if (_extraTags.Length > 0)
        {
            input = input with { Tags = input.Tags is null ? _extraTags : [.. input.Tags, .. _extraTags] };
        }

        return input;
    }
}
