using System.Text.Json.Serialization;
using Calliyo.Grains.Contracts;
using Calliyo.Storage.Imports;

namespace Calliyo.Server.Imports;

/// <summary>
/// An import job as the API returns it. <see cref="Preview"/> is present in the responses that
/// build one (upload, preview, options) and <see cref="Options"/> everywhere but the listing.
/// </summary>
public sealed record ImportJobBody(
    Guid Id,
    string Status,
    string? FileName,
    int SizeBytes,
    int RowsTotal,
    int RowsProcessed,
    ImportCountsBody Counts,
    string Summary,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ImportOptionsBody? Options,
    string? Failure,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ImportPreview? Preview = null)
{
    public static ImportJobBody From(ImportJobView job, ImportPreview? preview = null) => new(
        job.Id, job.Status, job.FileName, job.SizeBytes, job.RowsTotal, job.RowsProcessed, ImportCountsBody.From(job.Counts),
        job.Summary, ImportOptionsBody.From(job.Choices), job.Failure, job.CreatedAt, job.StartedAt, job.FinishedAt, preview);

    public static ImportJobBody From(ImportJobRecord job)
    {
        var counts = new ImportCounts(job.Imported, job.DuplicatesExisting, job.DuplicatesInFile, job.Errors, job.BlankRows);
        return new(job.Id, job.Status, job.FileName, job.SizeBytes, job.RowsTotal, job.RowsProcessed, ImportCountsBody.From(counts),
            counts.Describe(), null, job.Failure, job.CreatedAt, job.StartedAt, job.FinishedAt);
    }
}

/// <summary>What happened to the rows processed so far; the five counts add up to <c>rowsProcessed</c>.</summary>
public sealed record ImportCountsBody(int Imported, int DuplicatesExisting, int DuplicatesInFile, int Errors, int BlankRows)
{
    public static ImportCountsBody From(ImportCounts counts) =>
        new(counts.Imported, counts.DuplicatesExisting, counts.DuplicatesInFile, counts.Errors, counts.BlankRows);
}

/// <summary>
/// The choices for every row: <c>mapping</c> from a 0-based column index (as in the preview's
/// <c>columns[].index</c>) to a lead field name or <c>ignore</c>, the <c>defaultStatus</c> for
/// empty Status cells, and <c>extraTags</c> added to every row.
/// </summary>
public sealed record ImportOptionsBody(IReadOnlyDictionary<int, string> Mapping, string? DefaultStatus, IReadOnlyList<string> ExtraTags)
{
    public static ImportOptionsBody From(ImportChoices choices) => new(choices.Mapping, choices.DefaultStatus, choices.ExtraTags);
}

/// <summary>One page of an account's imports, newest first; pass <see cref="NextBefore"/> as <c>before</c> for the next page.</summary>
public sealed record ImportListBody(IReadOnlyList<ImportJobBody> Imports, Guid? NextBefore);
