using Calliyo.Grains.Contracts;
using Calliyo.Grains.Telemetry;
using Calliyo.Storage.Imports;
using Orleans.Storage;

namespace Calliyo.Grains.Imports;

// The run of an import job: its start, the background loop, the checkpoints and the end.
public sealed partial class ImportJobGrain
{
    private async Task BeginRunAsync(ImportSession session)
    {
        // The reminder goes first, so a job stored as running always has a way back.
        var period = options.Value.ResumeReminderPeriod;
        await this.RegisterOrUpdateReminder(ResumeReminderName, period, period);

        State.Status = ImportJobStatuses.Running;
        State.Rules = session.Rules;
        State.RowsTotal = session.Plan.Rows.Count;
        State.NextRow = 0;
        State.Counts = ImportCounts.Zero;
        State.StartedAt = timeProvider.GetUtcNow();
        State.FailedRuns = 0;
        await WriteStateAsync();
        await UpdateListingAsync();

        LogStarted(JobId, State.RowsTotal);
        StartRun();
    }

    private void StartRun()
    {
        _stop = new CancellationTokenSource();
        _cancelRequested = false;
        _runTask = RunAsync(_stop.Token);
    }

    private async Task RunAsync(CancellationToken stop)
    {
        // Lets StartRun return first. The run continues as background work on this activation,
        // interleaved with the calls it receives.
        await Task.Yield();

        var startRow = State.NextRow;
        ImportRun? run = null;
        using var running = metrics.TrackRun();
        try
        {
            DelayDeactivation(KeepAliveWhileRunning);

            var (session, problem) = await GetSessionAsync();
            if (session is null)
            {
                await FinishAsync(ImportJobStatuses.Failed, State.NextRow, State.Counts, problem!.Problem!.Message);
                return;
            }

            var origins = new LeadOriginBatch(leads, State.AccountId, JobReference);
            run = new ImportRun(GrainFactory, session.Plan, State.AccountId, JobReference, origins, State.NextRow, State.Counts,
                options.Value.MaxRowsInFlight, timeProvider, metrics);
            _run = run;

            var end = await run.RunAsync(CheckpointAsync, options.Value.CheckpointInterval, stop);
            switch (end)
            {
                case ImportRun.End.Completed:
                    await FinishAsync(ImportJobStatuses.Completed, run.NextRow, run.Counts, failure: null);
                    RecordJobEnded(ImportJobEnd.Completed);
                    LogFinished(JobId, State.Status, State.Counts.Describe());
                    break;
                case ImportRun.End.Stopped when _cancelRequested:
                    await FinishAsync(ImportJobStatuses.Cancelled, run.NextRow, run.Counts, failure: null);
                    RecordJobEnded(ImportJobEnd.Cancelled);
                    LogFinished(JobId, State.Status, State.Counts.Describe());
                    break;
                case ImportRun.End.Stopped:
                    await CheckpointAsync(run.NextRow, run.Counts);
                    break;
                default:
                    await HandleFaultAsync(run, startRow);
                    break;
            }
        }
        catch (Exception exception)
        {
            LogRunError(exception, JobId);
        }
        finally
        {
            _run = null;
            _runTask = null;
            if (State.Status != ImportJobStatuses.Running)
            {
                _session = null;
            }
        }
    }

    /// <summary>
    /// Stores the watermark and its counts in grain state, then in the listing. When another
    /// activation wrote first, the write fails and ends the run, and this activation deactivates
    /// so that the next one reads the stored checkpoint.
    /// </summary>
    private async Task CheckpointAsync(int nextRow, ImportCounts counts)
    {
        State.NextRow = nextRow;
        State.Counts = counts;
        try
        {
            await WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            DeactivateOnIdle();
            throw;
        }
        catch (Exception exception)
        {
            // The next checkpoint writes again; a crash before it repeats a little more work.
            LogCheckpointFailed(exception, JobId, nextRow);
            return;
        }

        await UpdateListingAsync();
        DelayDeactivation(KeepAliveWhileRunning);
    }

    private async Task HandleFaultAsync(ImportRun run, int startRow)
    {
        // A run that got further than the previous one starts a new series of attempts.
        State.FailedRuns = run.NextRow > startRow ? 1 : State.FailedRuns + 1;
        var fault = run.Fault!;
        LogRunFaulted(fault, JobId, run.NextRow, State.FailedRuns);

        if (fault is InconsistentStateException || State.FailedRuns < options.Value.MaxFailedRuns)
        {
            // The reminder starts the next attempt.
            await CheckpointAsync(run.NextRow, run.Counts).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            return;
        }

        await FinishAsync(ImportJobStatuses.Failed, run.NextRow, run.Counts,
            $"The import stopped at row {run.NextRow + 1} of {State.RowsTotal} after {State.FailedRuns} failed attempts: {fault.Message} The rows before it are imported; upload the remaining rows again.");
        RecordJobEnded(ImportJobEnd.Failed);
    }

    private void RecordJobEnded(ImportJobEnd end)
    {
        if (State.StartedAt is { } started)
        {
            metrics.RecordJobEnded(end, timeProvider.GetUtcNow() - started);
        }
    }

    private async Task FinishAsync(string status, int nextRow, ImportCounts counts, string? failure)
    {
        State.Status = status;
        State.NextRow = nextRow;
        State.Counts = counts;
        State.Failure = failure;
        State.FinishedAt = timeProvider.GetUtcNow();

        try
        {
            await WriteStateAsync();
        }
        catch
        {
            // The stored job is still running; a fresh activation resumes it from the checkpoint.
            DeactivateOnIdle();
            throw;
        }

        await UpdateListingAsync();
        await UnregisterResumeReminderAsync();
    }
}
