using Calliyo.Domain.Imports;
using Calliyo.Domain.Leads;
using Calliyo.Grains.Contracts;
using Calliyo.Storage.Imports;

namespace Calliyo.Grains.Imports;

/// <summary>
/// Builds the preview of a session: the planner's verdicts, with the rows it plans to import
/// checked against the leads stored now. Two queries, whatever the file size: one counts the
/// phone keys of the whole file that other leads already have, one finds those leads for the
/// previewed rows.
/// </summary>
internal static class ImportPreviewBuilder
{
    /// <summary>How many records the preview shows.</summary>
    public const int PreviewRecords = 20;

    public static async Task<ImportPreview> BuildAsync(
        ImportSession session, ImportLeadLookup leads, Guid accountId, string jobReference, CancellationToken cancellationToken)
    {
        var file = session.File;
        var plan = session.Plan;

        var previewed = plan.Rows.Where(row => row.Outcome != ImportRowOutcome.Blank).Take(PreviewRecords).ToList();
        var previewedKeys = previewed.Where(row => row.Outcome == ImportRowOutcome.Import).Select(row => row.Lead!.Phone.Key).ToList();
        var holders = await leads.FindHoldersAsync(accountId, previewedKeys, jobReference, cancellationToken);

        var allKeys = plan.Rows.Where(row => row.Outcome == ImportRowOutcome.Import).Select(row => row.Lead!.Phone.Key).ToList();
        var duplicatesExisting = await leads.CountHeldAsync(accountId, allKeys, jobReference, cancellationToken);

        var counts = new ImportPreviewCounts(
            plan.Rows.Count, plan.RecordCount, plan.ImportCount - duplicatesExisting, duplicatesExisting,
            plan.DuplicateInFileCount, plan.ErrorCount, plan.BlankCount);

        return new ImportPreview(
            file.Encoding.Name,
            file.Encoding.HasByteOrderMark,
            file.Delimiter.ToString(),
            file.HasSeparatorLine,
            file.HeaderLine,
            Columns(file),
            [.. file.IgnoredColumns.Select(column => column.Name)],
            [.. file.Warnings.Select(warning => new ImportWarning(warning.Code, warning.Message))],
            [.. previewed.Select(row => Row(row, file.Mapping, holders))],
            counts);
    }

    /// <summary>Returns the errors of a verdict with the column each came from.</summary>
    public static IReadOnlyList<ImportRowError> Errors(ImportRowVerdict verdict, ColumnMapping mapping) =>
        [.. verdict.Errors.Select(error => new ImportRowError(
            error.Field, mapping.FindColumnForError(error.Field)?.Name, error.Code, error.Message, error.Value))];

    private static List<ImportPreviewColumn> Columns(ParsedCsvFile file)
    {
        var fieldByIndex = file.Mapping.Columns.ToDictionary(pair => pair.Value.Index, pair => ImportChoiceRules.FieldName(pair.Key));
        var ignored = file.IgnoredColumns.Select(column => column.Index).ToHashSet();

        return [.. file.Header.Select((header, index) => new ImportPreviewColumn(
            index, index + 1, header, fieldByIndex.GetValueOrDefault(index), ignored.Contains(index)))];
    }

    private static ImportPreviewRow Row(ImportRowVerdict verdict, ColumnMapping mapping, Dictionary<string, Guid> holders)
    {
        var lead = verdict.Lead is { } normalized ? Lead(normalized) : null;
        var record = verdict.RecordNumber!.Value;
        var fields = verdict.Row.Fields;

        return verdict.Outcome switch
        {
            ImportRowOutcome.Import when holders.TryGetValue(verdict.Lead!.Phone.Key, out var holder) =>
                new ImportPreviewRow(record, verdict.Line, fields, ImportVerdicts.DuplicateExisting, lead, holder, null, []),
            ImportRowOutcome.Import =>
                new ImportPreviewRow(record, verdict.Line, fields, ImportVerdicts.Import, lead, null, null, []),
            ImportRowOutcome.DuplicateInFile =>
                new ImportPreviewRow(record, verdict.Line, fields, ImportVerdicts.DuplicateInFile, lead, null, verdict.DuplicateOfRecord, []),
            _ => new ImportPreviewRow(record, verdict.Line, fields, ImportVerdicts.Error, null, null, null, Errors(verdict, mapping)),
        };
    }

    private static ImportPreviewLead Lead(NormalizedLead lead) =>
        new(lead.FirstName, lead.LastName, lead.Phone.E164, lead.Phone.Extension, lead.Email, lead.Tags, lead.Status);
}
