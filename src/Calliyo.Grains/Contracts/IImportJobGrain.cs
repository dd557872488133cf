namespace Calliyo.Grains.Contracts;

/// <summary>
/// One grain per CSV import, keyed by the job id: it owns the uploaded file, builds the
/// preview, runs the import by claiming each row's phone number through its
/// <see cref="IPhoneNumberGrain"/>, checkpoints progress in grain state and resumes after a silo
/// crash. Every call names the caller's account; a job of another account replies
/// <see cref="ImportReplyStatus.NotFound"/>, exactly like a job that does not exist.
/// </summary>
public interface IImportJobGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Reads <paramref name="upload"/> with the account's column aliases and, when the file is
    /// accepted, stores it with the job and returns the job and its preview; when
    /// <see cref="ImportUpload.Start"/> is set the import starts at once. A rejected file or
    /// invalid choices store nothing.
    /// </summary>
    Task<ImportReply> CreateAsync(Guid accountId, ImportUpload upload);

    /// <summary>Returns the job with its live progress.</summary>
    Task<ImportReply> GetAsync(Guid accountId);

    /// <summary>Returns the job and its preview, with duplicates checked against the leads stored now.</summary>
    Task<ImportReply> GetPreviewAsync(Guid accountId);

    /// <summary>Replaces the choices of an uploaded job and returns the preview they give.</summary>
    Task<ImportReply> SetChoicesAsync(Guid accountId, ImportChoices choices);

    /// <summary>
    /// Starts the import of an uploaded job, first replacing its choices when
    /// <paramref name="choices"/> is not null. Returns at once; the rows are imported in the background.
    /// </summary>
    Task<ImportReply> StartAsync(Guid accountId, ImportChoices? choices);

    /// <summary>
    /// Stops a running or uploaded job. Returns once the rows in flight have finished; the leads
    /// already imported stay.
    /// </summary>
    Task<ImportReply> CancelAsync(Guid accountId);

    /// <summary>Returns the failed and skipped rows processed so far as a CSV file ready to fix and import again.</summary>
    Task<ImportErrorReportReply> GetErrorReportAsync(Guid accountId);
}
