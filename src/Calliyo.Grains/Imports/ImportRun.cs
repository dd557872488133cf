using Calliyo.Domain.Imports;
using Calliyo.Grains.Contracts;
using Calliyo.Grains.Telemetry;

namespace Calliyo.Grains.Imports;

/// <summary>
/// Imports the rows of a plan from a checkpoint on: each row planned for import claims its
/// phone through its <see cref="IPhoneNumberGrain"/>, with up to a window of rows in flight, and
/// the rows are counted strictly in file order. <see cref="NextRow"/> is therefore a watermark:
/// every row before it is counted once in <see cref="Counts"/> and no row after it is, which is
/// what a checkpoint stores and a resumed run continues from.
/// </summary>
/// <remarks>
/// A row whose phone is taken counts as a duplicate only when the lead with that phone is not
/// this job's lead for this very record. A resumed run claims again the rows that the
/// interrupted run wrote after its last checkpoint, and those count as imported, once. Not
/// thread-safe: it runs on the job grain's scheduler, which runs one piece of work at a time.
/// </remarks>
internal sealed class ImportRun
{
    /// <summary>Delays before the second and third attempt of a claim that threw.</summary>
    private static readonly TimeSpan[] ClaimRetryDelays = [TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1)];

    private readonly IGrainFactory _grains;
    private readonly IReadOnlyList<ImportRowVerdict> _rows;
    private readonly Guid _accountId;
    private readonly string _jobReference;
    private readonly LeadOriginBatch _origins;
    private readonly TimeProvider _timeProvider;

    /// <summary>The outcome of each row in the window, at index row % window; Pending until the row is done.</summary>
    private readonly RowOutcome[] _window;

    private int _nextRow;
    private int _nextToDispatch;
    private int _claimsInFlight;
    private int _imported;
    private int _duplicatesExisting;
    private int _duplicatesInFile;
    private int _errors;
    private int _blankRows;
    private Exception? _fault;
    private readonly ImportMetrics? _metrics;
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ImportRun(
        IGrainFactory grains,
        ImportPlan plan,
        Guid accountId,
        string jobReference,
        LeadOriginBatch origins,
        int startRow,
        ImportCounts startCounts,
        int maxRowsInFlight,
        TimeProvider timeProvider,
        ImportMetrics? metrics = null)
    {
        _metrics = metrics;
        _grains = grains;
        _rows = plan.Rows;
        _accountId = accountId;
        _jobReference = jobReference;
        _origins = origins;
        _timeProvider = timeProvider;
        _window = new RowOutcome[maxRowsInFlight];

        _nextRow = startRow;
        _nextToDispatch = startRow;
        (_imported, _duplicatesExisting, _duplicatesInFile, _errors, _blankRows) =
            (startCounts.Imported, startCounts.DuplicatesExisting, startCounts.DuplicatesInFile, startCounts.Errors, startCounts.BlankRows);
    }

    /// <summary>How a run ended.</summary>
    public enum End
    {
        /// <summary>Every row is counted.</summary>
        Completed,

        /// <summary>The stop token fired; the rows in flight finished and are counted.</summary>
        Stopped,

        /// <summary>A claim or a checkpoint threw; <see cref="Fault"/> is the error.</summary>
        Faulted,
    }

    private enum RowOutcome : byte
    {
        Pending,
        Imported,
        DuplicateExisting,
        DuplicateInFile,
        Error,
        Blank,
    }

    /// <summary>The 0-based index of the first row not yet counted.</summary>
    public int NextRow => _nextRow;

    /// <summary>The counts of the rows before <see cref="NextRow"/>.</summary>
    public ImportCounts Counts => new(_imported, _duplicatesExisting, _duplicatesInFile, _errors, _blankRows);

    /// <summary>The error that ended a faulted run.</summary>
    public Exception? Fault => _fault;

    /// <summary>
    /// Runs until every row is counted, <paramref name="stop"/> fires or a claim fails for good.
    /// <paramref name="checkpointAsync"/> gets the watermark and its counts about every
    /// <paramref name="checkpointInterval"/>, without holding up the claims; an exception from it
    /// ends the run as faulted.
    /// </summary>
    public async Task<End> RunAsync(Func<int, ImportCounts, Task> checkpointAsync, TimeSpan checkpointInterval, CancellationToken stop)
    {
        var lastCheckpoint = _timeProvider.GetTimestamp();
        Task checkpoint = Task.CompletedTask;

        while (true)
        {
            _progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            if (checkpoint.IsFaulted)
            {
                _fault ??= checkpoint.Exception!.InnerException;
            }

            var stopping = stop.IsCancellationRequested || _fault is not null;
            if (!stopping)
            {
                // Counting first frees the window for the rows that completed since the last turn.
                Advance();
                Dispatch();
            }

            Advance();

            if (_claimsInFlight == 0 && (stopping || _nextRow == _rows.Count))
            {
                break;
            }

            if (checkpoint.IsCompleted && _timeProvider.GetElapsedTime(lastCheckpoint) >= checkpointInterval)
            {
                lastCheckpoint = _timeProvider.GetTimestamp();
                checkpoint = checkpointAsync(_nextRow, Counts);
            }

            if (_claimsInFlight > 0)
            {
                await _progress.Task;
            }
        }

        await checkpoint.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        if (checkpoint.IsFaulted)
        {
            _fault ??= checkpoint.Exception!.InnerException;
        }

        if (_fault is not null)
        {
            return End.Faulted;
        }

        return _nextRow == _rows.Count ? End.Completed : End.Stopped;
    }

    /// <summary>Starts every row that fits in the window; rows that need no claim are done at once.</summary>
    private void Dispatch()
    {
        var limit = Math.Min(_rows.Count, _nextRow + _window.Length);
        while (_nextToDispatch < limit)
        {
            var index = _nextToDispatch++;
            var verdict = _rows[index];
            switch (verdict.Outcome)
            {
                case ImportRowOutcome.Import:
                    _claimsInFlight++;
                    _ = ClaimAsync(index, verdict);
                    break;
                case ImportRowOutcome.DuplicateInFile:
                    Complete(index, RowOutcome.DuplicateInFile);
                    break;
                case ImportRowOutcome.Blank:
                    Complete(index, RowOutcome.Blank);
                    break;
                default:
                    Complete(index, RowOutcome.Error);
                    break;
            }
        }
    }

    /// <summary>Counts the done rows at the front of the window and moves the watermark past them.</summary>
    private void Advance()
    {
        while (_nextRow < _nextToDispatch)
        {
            ref var slot = ref _window[_nextRow % _window.Length];
            switch (slot)
            {
                case RowOutcome.Pending:
                    return;
                case RowOutcome.Imported:
                    _imported++;
                    break;
                case RowOutcome.DuplicateExisting:
                    _duplicatesExisting++;
                    break;
                case RowOutcome.DuplicateInFile:
                    _duplicatesInFile++;
                    break;
                case RowOutcome.Error:
                    _errors++;
                    break;
                case RowOutcome.Blank:
                    _blankRows++;
                    break;
            }

            _metrics?.RecordRows(slot switch
            {
                RowOutcome.Imported => ImportRowOutcome.Import,
                RowOutcome.DuplicateExisting => ImportRowOutcome.DuplicateOfExistingLead,
                RowOutcome.DuplicateInFile => ImportRowOutcome.DuplicateInFile,
                RowOutcome.Error => ImportRowOutcome.Error,
                _ => ImportRowOutcome.Blank,
            });

            slot = RowOutcome.Pending;
            _nextRow++;
        }
    }

    private void Complete(int index, RowOutcome outcome)
    {
        _window[index % _window.Length] = outcome;
        _progress.TrySetResult();
    }

    private async Task ClaimAsync(int index, ImportRowVerdict verdict)
    {
        try
        {
            var lead = verdict.Lead!;
            var record = verdict.RecordNumber!.Value;
            var phone = _grains.GetGrain<IPhoneNumberGrain>(PhoneNumberKey.For(_accountId, lead.Phone.Key));
            var newLead = new NewLead(lead.FirstName, lead.LastName, lead.Phone.E164, lead.Phone.Extension, lead.Email,
                lead.Tags, lead.Status, new SourceReference(LeadSource.Csv, _jobReference, record));

            var claim = await ClaimWithRetriesAsync(phone, newLead);
            var imported = claim.Created || await _origins.IsOwnRecordAsync(claim.LeadId, record);
            Complete(index, imported ? RowOutcome.Imported : RowOutcome.DuplicateExisting);
        }
        catch (Exception exception)
        {
            // The row stays pending, so the watermark stops before it and a later run retries it.
            _fault ??= exception;
            _progress.TrySetResult();
        }
        finally
        {
            _claimsInFlight--;
        }
    }

    private async Task<ClaimResult> ClaimWithRetriesAsync(IPhoneNumberGrain phone, NewLead lead)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await phone.ClaimAsync(lead);
            }
            catch (Exception) when (attempt < ClaimRetryDelays.Length && _fault is null)
            {
                // A claim is safe to repeat: if the first attempt wrote the lead, the repeat finds
                // it and the origin check counts it as this record's import.
                await Task.Delay(ClaimRetryDelays[attempt], _timeProvider);
            }
        }
    }
}
