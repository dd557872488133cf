using Calliyo.Grains.Accounts;
using Calliyo.Grains.Contracts;
using Calliyo.Grains.Telemetry;
using Calliyo.Grains.Hosting;
using Calliyo.Storage.Imports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Calliyo.Grains.Imports;

/// <summary>
/// Owns one CSV import. The file is stored in <c>import_files</c>, so any silo can run the job.
/// The grain state <c>import-job</c> contains the choices, the frozen account settings and the
/// last checkpoint. A running job is a background loop on this activation
/// (<see cref="ImportRun"/>), so the job serves status calls while it runs.
/// </summary>
/// <remarks>
/// Resuming: a reminder registered at the start and removed at the end reactivates the job
/// after its silo dies, and so does any call to the job. Activation finds the status
/// <c>running</c> and continues from the checkpoint; rows written after the checkpoint are
/// recognized as the job's own and counted once. The job is placed on the silo that received
/// the upload, so the file does not cross the network a second time.
/// </remarks>
[Orleans.Placement.PreferLocalPlacement]
public sealed partial class ImportJobGrain(
    [PersistentState(ImportJobGrain.StateName, CalliyoSiloBuilderExtensions.StateStorage)] IPersistentState<ImportJobState> state,
    ImportJobStore jobs,
    ImportLeadLookup leads,
    AccountRulesCache accounts,
    IOptions<ImportJobOptions> options,
    TimeProvider timeProvider,
    ImportMetrics metrics,
    ILogger<ImportJobGrain> logger) : Grain, IImportJobGrain, IRemindable
{
    /// <summary>The grain-state name; distinct from every other grain type's.</summary>
    public const string StateName = "import-job";

    /// <summary>The name of the reminder that reactivates a running job.</summary>
    public const string ResumeReminderName = "import-resume";

    /// <summary>How long a running job keeps its activation without calls; renewed at every checkpoint.</summary>
    private static readonly TimeSpan KeepAliveWhileRunning = TimeSpan.FromMinutes(10);

    private readonly SemaphoreSlim _stateWrites = new(1, 1);
    private ImportSession? _session;
    private ImportRun? _run;
    private Task? _runTask;
    private CancellationTokenSource? _stop;
    private bool _cancelRequested;

    private ImportJobState State => state.State;

    private Guid JobId => this.GetPrimaryKey();

    /// <summary>The job id as leads store it in their source reference.</summary>
    private string JobReference => JobId.ToString("D");

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Status == ImportJobStatuses.Running)
        {
            LogResuming(JobId, State.NextRow, State.RowsTotal);
            StartRun();
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_runTask is { } run)
        {
            // The run stops taking rows and lets the rows in flight finish, then checkpoints. The
            // job stays running, so the reminder or the next call resumes it on a live silo.
            _stop!.Cancel();
            await run.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
    }

    public async Task<ImportReply> CreateAsync(Guid accountId, ImportUpload upload)
    {
        if (State.Status.Length > 0)
        {
            return ImportReply.Fail(ImportReplyStatus.WrongStatus, new ImportProblem("import_exists",
                $"Import {JobId} already exists; upload the file again to get a new import id.", []));
        }

        var rules = await accounts.GetSnapshotAsync(accountId);
        var (session, problem) = await ImportSession.BuildAsync(upload.Content, upload.Choices, rules, CancellationToken.None);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            State.AccountId = accountId;
            State.Status = ImportJobStatuses.Uploaded;
            State.FileName = upload.FileName;
            State.SizeBytes = upload.Content.Length;
            State.Choices = session!.Choices;
            State.RowsTotal = session.Plan.Rows.Count;
            State.CreatedAt = timeProvider.GetUtcNow();

            await jobs.CreateAsync(ToRecord(), upload.Content, CancellationToken.None);
            await WriteStateAsync();
        }
        catch
        {
            // Drop the half-made state so that the next activation reads what was stored.
            DeactivateOnIdle();
            throw;
        }

        _session = session;
        LogCreated(JobId, accountId, upload.Content.Length, session.Plan.Rows.Count);

        if (upload.Start)
        {
            await BeginRunAsync(session);
        }

        return ImportReply.Ok(View(), await BuildPreviewAsync(session));
    }

    public Task<ImportReply> GetAsync(Guid accountId) =>
        Task.FromResult(IsOwnedBy(accountId) ? ImportReply.Ok(View()) : ImportReply.NotFound);

    public async Task<ImportReply> GetPreviewAsync(Guid accountId)
    {
        if (!IsOwnedBy(accountId))
        {
            return ImportReply.NotFound;
        }

        var (session, problem) = await GetSessionAsync();
        return problem ?? ImportReply.Ok(View(), await BuildPreviewAsync(session!));
    }

    public async Task<ImportReply> SetChoicesAsync(Guid accountId, ImportChoices choices)
    {
        if (!IsOwnedBy(accountId))
        {
            return ImportReply.NotFound;
        }

        if (State.Status != ImportJobStatuses.Uploaded)
        {
            return NotUploaded("changed");
        }

        var (session, problem) = await ApplyChoicesAsync(choices);
        return problem ?? ImportReply.Ok(View(), await BuildPreviewAsync(session!));
    }

    public async Task<ImportReply> StartAsync(Guid accountId, ImportChoices? choices)
    {
        if (!IsOwnedBy(accountId))
        {
            return ImportReply.NotFound;
        }

        if (State.Status != ImportJobStatuses.Uploaded)
        {
            return NotUploaded("started");
        }

        var (session, problem) = choices is null ? await GetSessionAsync() : await ApplyChoicesAsync(choices);
        if (problem is not null)
        {
            return problem;
        }

        await BeginRunAsync(session!);
        return ImportReply.Ok(View());
    }

    public async Task<ImportReply> CancelAsync(Guid accountId)
    {
        if (!IsOwnedBy(accountId))
        {
            return ImportReply.NotFound;
        }

        if (State.Status == ImportJobStatuses.Running && _runTask is { } run)
        {
            _cancelRequested = true;
            _stop!.Cancel();
            await run;
        }
        else if (State.Status is ImportJobStatuses.Uploaded or ImportJobStatuses.Running)
        {
            await FinishAsync(ImportJobStatuses.Cancelled, State.NextRow, State.Counts, failure: null);
        }
        else
        {
            return ImportReply.Fail(ImportReplyStatus.WrongStatus, new ImportProblem("import_not_running",
                $"Import {JobId} is already {State.Status}, so there is nothing to cancel.", []));
        }

        return ImportReply.Ok(View());
    }

    public async Task<ImportErrorReportReply> GetErrorReportAsync(Guid accountId)
    {
        if (!IsOwnedBy(accountId))
        {
            return new ImportErrorReportReply(ImportReplyStatus.NotFound, null, null);
        }

        var processedRows = _run?.NextRow ?? State.NextRow;
        var (session, problem) = await GetSessionAsync();
        if (problem is not null)
        {
            return new ImportErrorReportReply(problem.Status, null, null);
        }

        var keys = session!.Plan.Rows.Take(processedRows)
            .Where(row => row.Outcome == Domain.Imports.ImportRowOutcome.Import)
            .Select(row => row.Lead!.Phone.Key)
            .ToList();
        var holders = await leads.FindHoldersAsync(State.AccountId, keys, JobReference, CancellationToken.None);

        var csv = await Task.Run(() => ImportErrorReport.Write(session, processedRows, holders));
        return new ImportErrorReportReply(ImportReplyStatus.Ok, csv, ErrorReportFileName());
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (State.Status != ImportJobStatuses.Running)
        {
            await UnregisterResumeReminderAsync();
        }
        else if (_runTask is null)
        {
            LogResuming(JobId, State.NextRow, State.RowsTotal);
            StartRun();
        }
    }

    private bool IsOwnedBy(Guid accountId) => State.Status.Length > 0 && State.AccountId == accountId;

    private ImportReply NotUploaded(string action) =>
        ImportReply.Fail(ImportReplyStatus.WrongStatus, new ImportProblem("import_not_uploaded",
            $"Import {JobId} is {State.Status}; only an import with status uploaded can be {action}. Upload the file again to import it once more.", []));

    /// <summary>Rebuilds the session with new choices and stores them. Invalid choices change nothing.</summary>
    private async Task<(ImportSession? Session, ImportReply? Problem)> ApplyChoicesAsync(ImportChoices choices)
    {
        var content = await jobs.ReadFileAsync(JobId, CancellationToken.None);
        if (content is null)
        {
            return (null, MissingFile());
        }

        var rules = await accounts.GetSnapshotAsync(State.AccountId);
        var (session, problem) = await ImportSession.BuildAsync(content, choices, rules, CancellationToken.None);
        if (problem is not null)
        {
            return (null, problem);
        }

        State.Choices = session!.Choices;
        State.RowsTotal = session.Plan.Rows.Count;
        await WriteStateAsync();
        _session = session;
        return (session, null);
    }

    /// <summary>
    /// Returns the cached session, or reads and plans the stored file again: with the settings
    /// frozen at the start once the job has started, else with the account's current ones.
    /// </summary>
    private async Task<(ImportSession? Session, ImportReply? Problem)> GetSessionAsync()
    {
        if (_session is { } cached)
        {
            return (cached, null);
        }

        var content = await jobs.ReadFileAsync(JobId, CancellationToken.None);
        if (content is null)
        {
            return (null, MissingFile());
        }

        var rules = State.Rules ?? await accounts.GetSnapshotAsync(State.AccountId);
        var (session, problem) = await ImportSession.BuildAsync(content, State.Choices, rules, CancellationToken.None);
        if (session is not null && State.Status is ImportJobStatuses.Uploaded or ImportJobStatuses.Running)
        {
            // Kept for the start and the run. A finished job rebuilds the session per request
            // instead of keeping the parsed file in memory.
            _session = session;
        }

        return (session, problem);
    }

    private ImportReply MissingFile() =>
        ImportReply.Fail(ImportReplyStatus.FileRejected, new ImportProblem("import_file_missing",
            $"The file of import {JobId} is no longer stored; upload it again.", []));

    private Task<ImportPreview> BuildPreviewAsync(ImportSession session) =>
        ImportPreviewBuilder.BuildAsync(session, leads, State.AccountId, JobReference, CancellationToken.None);

    private async Task WriteStateAsync()
    {
        // The run's checkpoints and the calls' writes must not overlap, because a second write
        // with the same version is rejected as a conflict.
        await _stateWrites.WaitAsync();
        try
        {
            await state.WriteStateAsync();
        }
        finally
        {
            _stateWrites.Release();
        }
    }

    /// <summary>Copies the state to the listing row; the row is a copy, so a failure is logged and left to the next update.</summary>
    private async Task UpdateListingAsync()
    {
        try
        {
            await jobs.UpdateAsync(ToRecord(), CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogListingUpdateFailed(exception, JobId);
        }
    }

    private async Task UnregisterResumeReminderAsync()
    {
        try
        {
            var reminder = await this.GetReminder(ResumeReminderName);
            if (reminder is not null)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception exception)
        {
            // A reminder left behind only ticks once more and is removed then.
            LogReminderRemovalFailed(exception, JobId);
        }
    }

    private ImportJobView View()
    {
        var (nextRow, counts) = _run is { } run ? (run.NextRow, run.Counts) : (State.NextRow, State.Counts);
        return new ImportJobView(JobId, State.Status, State.FileName, State.SizeBytes, State.RowsTotal, nextRow, counts,
            State.Choices, State.Failure, State.CreatedAt, State.StartedAt, State.FinishedAt);
    }

    private ImportJobRecord ToRecord() => new(
        JobId, State.AccountId, State.FileName, State.SizeBytes, State.Status, State.RowsTotal, State.NextRow,
        State.Counts.Imported, State.Counts.DuplicatesExisting, State.Counts.DuplicatesInFile, State.Counts.Errors,
        State.Counts.BlankRows, State.Failure, State.CreatedAt, State.StartedAt, State.FinishedAt);

    private string ErrorReportFileName()
    {
        var stem = Path.GetFileNameWithoutExtension(State.FileName);
        return string.IsNullOrWhiteSpace(stem) ? $"import-{JobId}-errors.csv" : $"{stem}-errors.csv";
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Import {JobId} created for account {AccountId}: {Bytes} bytes, {Rows} rows")]
    private partial void LogCreated(Guid jobId, Guid accountId, int bytes, int rows);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Import {JobId} started: {Rows} rows")]
    private partial void LogStarted(Guid jobId, int rows);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Import {JobId} resuming at row {NextRow} of {Rows}")]
    private partial void LogResuming(Guid jobId, int nextRow, int rows);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Import {JobId} ended {Status}: {Summary}")]
    private partial void LogFinished(Guid jobId, string status, string summary);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Import {JobId} could not checkpoint at row {NextRow}; the next checkpoint writes again")]
    private partial void LogCheckpointFailed(Exception exception, Guid jobId, int nextRow);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Import {JobId} run stopped by an error at row {NextRow} (failed run {FailedRuns} in a row)")]
    private partial void LogRunFaulted(Exception exception, Guid jobId, int nextRow, int failedRuns);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Error, Message = "Import {JobId} run ended with an unexpected error; the job resumes at its next reminder")]
    private partial void LogRunError(Exception exception, Guid jobId);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "Import {JobId} listing row could not be updated")]
    private partial void LogListingUpdateFailed(Exception exception, Guid jobId);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Warning, Message = "Import {JobId} resume reminder could not be removed")]
    private partial void LogReminderRemovalFailed(Exception exception, Guid jobId);
}
