using Calliyo.Domain.Leads;

namespace Calliyo.Grains.Contracts;

/// <summary>
/// An uploaded CSV file: its name as the client sent it (null for a raw body), its bytes, the
/// choices for every row, and whether to start importing right away.
/// </summary>
[GenerateSerializer, Immutable, Alias("calliyo.import-upload")]
public sealed record ImportUpload(
    [property: Id(0)] string? FileName,
    [property: Id(1)] byte[] Content,
    [property: Id(2)] ImportChoices Choices,
    [property: Id(3)] bool Start);

/// <summary>
/// What the person who imports chooses for the whole file. <see cref="Mapping"/> overrides the
/// mapping by header name: 0-based column index → a lead field name (<c>firstName</c>,
/// <c>lastName</c>, <c>fullName</c>, <c>phone</c>, <c>email</c>, <c>status</c>, <c>tags</c>) or
/// <c>ignore</c>. <see cref="DefaultStatus"/> fills empty Status cells, and
/// <see cref="ExtraTags"/> are added to every row.
/// </summary>
[GenerateSerializer, Immutable, Alias("calliyo.import-choices")]
public sealed record ImportChoices(
    [property: Id(0)] IReadOnlyDictionary<int, string> Mapping,
    [property: Id(1)] string? DefaultStatus,
    [property: Id(2)] IReadOnlyList<string> ExtraTags)
{
    /// <summary>No overrides, the pipeline's default status and no extra tags.</summary>
    public static ImportChoices None { get; } = new(new Dictionary<int, string>(), null, []);
}

/// <summary>The expected outcomes of an import-job call; faults are exceptions, these are values.</summary>
[GenerateSerializer]
public enum ImportReplyStatus
{
    /// <summary>The call succeeded.</summary>
    Ok,

    /// <summary>No such job in the caller's account.</summary>
    NotFound,

    /// <summary>The file as a whole cannot be imported; <see cref="ImportReply.Problem"/> explains why.</summary>
    FileRejected,

    /// <summary>A choice is invalid; <see cref="ImportProblem.Fields"/> names each one.</summary>
    InvalidChoices,

    /// <summary>The job's status does not allow the call, such as starting a completed job.</summary>
    WrongStatus,
}

/// <summary>The outcome of an import-job call: the job, its preview when asked for, or the problem.</summary>
[GenerateSerializer, Immutable, Alias("calliyo.import-reply")]
public sealed record ImportReply(
    [property: Id(0)] ImportReplyStatus Status,
    [property: Id(1)] ImportJobView? Job,
    [property: Id(2)] ImportPreview? Preview,
    [property: Id(3)] ImportProblem? Problem)
{
    public static ImportReply NotFound { get; } = new(ImportReplyStatus.NotFound, null, null, null);

    public static ImportReply Ok(ImportJobView job, ImportPreview? preview = null) => new(ImportReplyStatus.Ok, job, preview, null);

    public static ImportReply Fail(ImportReplyStatus status, ImportProblem problem) => new(status, null, null, problem);
}

/// <summary>
/// Why a call failed: a stable snake_case code, a message that names the value and the fix, and
/// for invalid choices one error per choice (<c>mapping.3</c>, <c>defaultStatus</c>, <c>extraTags</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("calliyo.import-problem")]
public sealed record ImportProblem(
    [property: Id(0)] string Code,
    [property: Id(1)] string Message,
    [property: Id(2)] IReadOnlyList<FieldError> Fields);

/// <summary>
/// An import job as the API returns it. <see cref="Status"/> is one of <c>uploaded</c>,
/// <c>running</c>, <c>completed</c>, <c>failed</c> or <c>cancelled</c>; <see cref="RowsTotal"/>
/// counts every row below the header, blank rows included.
/// </summary>
[GenerateSerializer, Immutable, Alias("calliyo.import-job-view")]
public sealed record ImportJobView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Status,
    [property: Id(2)] string? FileName,
    [property: Id(3)] int SizeBytes,
    [property: Id(4)] int RowsTotal,
    [property: Id(5)] int RowsProcessed,
    [property: Id(6)] ImportCounts Counts,
    [property: Id(7)] ImportChoices Choices,
    [property: Id(8)] string? Failure,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] DateTimeOffset? StartedAt,
    [property: Id(11)] DateTimeOffset? FinishedAt)
{
    /// <summary>The summary line, such as "120 leads imported, 4 skipped (duplicate), 2 errors".</summary>
    public string Summary => Counts.Describe();
}

/// <summary>
/// What happened to the rows processed so far. Each processed row is in exactly one count, so
/// the counts add up to the rows processed.
/// </summary>
[GenerateSerializer, Immutable, Alias("calliyo.import-counts")]
public sealed record ImportCounts(
    [property: Id(0)] int Imported,
    [property: Id(1)] int DuplicatesExisting,
    [property: Id(2)] int DuplicatesInFile,
    [property: Id(3)] int Errors,
    [property: Id(4)] int BlankRows)
{
    public static ImportCounts Zero { get; } = new(0, 0, 0, 0, 0);

    /// <summary>The number of rows these counts cover.</summary>
    public int Total => Imported + DuplicatesExisting + DuplicatesInFile + Errors + BlankRows;

    /// <summary>Returns the summary line: "X leads imported, Y skipped (duplicate), Z errors", in singular where the count is 1.</summary>
    public string Describe() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Imported} {(Imported == 1 ? "lead" : "leads")} imported, {DuplicatesExisting + DuplicatesInFile} skipped (duplicate), {Errors} {(Errors == 1 ? "error" : "errors")}");
}

/// <summary>The error report of a job: a UTF-8 CSV file, or why there is none.</summary>
[GenerateSerializer, Immutable, Alias("calliyo.import-error-report-reply")]
public sealed record ImportErrorReportReply(
    [property: Id(0)] ImportReplyStatus Status,
    [property: Id(1)] byte[]? Csv,
    [property: Id(2)] string? FileName);
