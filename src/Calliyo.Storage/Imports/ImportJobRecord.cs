namespace Calliyo.Storage.Imports;

/// <summary>
/// One row of <c>import_jobs</c>: the listing entry of a CSV import with the counts of its last
/// checkpoint. <see cref="Status"/> is one of <see cref="ImportJobStatuses"/>.
/// </summary>
public sealed record ImportJobRecord(
    Guid Id,
    Guid AccountId,
    string? FileName,
    int SizeBytes,
    string Status,
    int RowsTotal,
    int RowsProcessed,
    int Imported,
    int DuplicatesExisting,
    int DuplicatesInFile,
    int Errors,
    int BlankRows,
    string? Failure,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);

/// <summary>The stored, lower-case names of an import's statuses; clients branch on them, so never rename one.</summary>
public static class ImportJobStatuses
{
    public const string Uploaded = "uploaded";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}
