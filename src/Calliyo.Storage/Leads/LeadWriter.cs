using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Calliyo.Storage.Leads;

/// <summary>
/// The per-silo group-commit writer for new leads. Callers enqueue one lead each and await
/// its own outcome; a background loop writes the queue in batches (one statement and one
/// commit per batch). A batch takes the leads queued while it waited for a free connection, up
/// to its size limit, plus those of the optional flush window. A completed task means the lead
/// is committed, and shutdown writes what is still queued.
/// </summary>
public sealed partial class LeadWriter : IHostedService, IAsyncDisposable
{
    private readonly Channel<PendingLead> _queue = Channel.CreateUnbounded<PendingLead>(
        new UnboundedChannelOptions { SingleReader = true });

    private readonly ILeadBatchInserter _inserter;
    private readonly LeadWriterOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<LeadWriter> _logger;
    private readonly SemaphoreSlim _flushSlots;
    private readonly int _slotCount;
    private readonly List<Task> _inFlight = [];
    private Task? _loop;

    public LeadWriter(
        ILeadBatchInserter inserter,
        CalliyoDatabase database,
        IOptions<LeadWriterOptions> options,
        TimeProvider timeProvider,
        ILogger<LeadWriter> logger)
    {
        _inserter = inserter;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;

        _slotCount = database.Provider == StorageProvider.Sqlite ? 1 : Math.Max(1, _options.MaxConcurrentFlushes);
        _flushSlots = new SemaphoreSlim(_slotCount, _slotCount);
    }

    /// <summary>Raised after every batch with its size and how long the write took; used for metrics.</summary>
    public event Action<int, TimeSpan>? BatchWritten;

    /// <summary>
    /// Queues <paramref name="lead"/> and completes once its batch is committed. The write is not
    /// cancelled by <paramref name="cancellationToken"/> once queued; only the wait is.
    /// </summary>
    public Task<LeadInsertOutcome> InsertAsync(LeadRecord lead, CancellationToken cancellationToken = default)
    {
        var pending = new PendingLead(lead);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The lead writer is stopping and accepts no new leads.");
        }

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stops taking leads and writes everything already queued before returning.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _flushSlots.Dispose();
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Waiting for a free connection first lets leads pile up while other batches are
            // being written, which is what makes batches grow under load.
            await _flushSlots.WaitAsync().ConfigureAwait(false);

            // The window only pays off when another batch is being written: then leads arriving
            // meanwhile can share this one. A lone batch is written at once.
            var batch = Drain(reader);
            var othersInFlight = _flushSlots.CurrentCount < _slotCount - 1;
            if (batch.Count < _options.MaxBatchSize && _options.FlushWindow > TimeSpan.Zero && othersInFlight && !reader.Completion.IsCompleted)
            {
                await Task.Delay(_options.FlushWindow, _timeProvider).ConfigureAwait(false);
                batch.AddRange(Drain(reader, _options.MaxBatchSize - batch.Count));
            }

            if (batch.Count == 0)
            {
                _flushSlots.Release();
                continue;
            }

            Track(FlushAsync(batch));
        }

        Task[] remaining;
        lock (_inFlight)
        {
            remaining = [.. _inFlight];
        }

        await Task.WhenAll(remaining).ConfigureAwait(false);
    }

    private List<PendingLead> Drain(ChannelReader<PendingLead> reader, int? limit = null)
    {
        var max = limit ?? _options.MaxBatchSize;
        var batch = new List<PendingLead>(Math.Min(max, 64));
        while (batch.Count < max && reader.TryRead(out var pending))
        {
            batch.Add(pending);
        }

        return batch;
    }

    private void Track(Task flush)
    {
        lock (_inFlight)
        {
            _inFlight.Add(flush);
        }

        flush.ContinueWith(done =>
        {
            lock (_inFlight)
            {
                _inFlight.Remove(done);
            }
        }, TaskScheduler.Default);
    }

    private async Task FlushAsync(List<PendingLead> batch)
    {
        try
        {
            var records = batch.ConvertAll(p => p.Lead);
            var started = Stopwatch.GetTimestamp();
            var outcomes = await InsertWithRetriesAsync(records).ConfigureAwait(false);
            BatchWritten?.Invoke(batch.Count, Stopwatch.GetElapsedTime(started));

            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(outcomes[i]);
            }
        }
        catch (Exception exception)
        {
            LogBatchFailed(exception, batch.Count);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(exception);
            }
        }
        finally
        {
            _flushSlots.Release();
        }
    }

    private async Task<LeadInsertOutcome[]> InsertWithRetriesAsync(List<LeadRecord> records)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _inserter.InsertAsync(records, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (attempt <= _options.MaxTransientRetries && TransientErrors.IsTransient(exception))
            {
                LogTransientRetry(exception, records.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), _timeProvider).ConfigureAwait(false);
            }
        }
    }

    private sealed class PendingLead(LeadRecord lead)
    {
        public LeadRecord Lead { get; } = lead;

        public TaskCompletionSource<LeadInsertOutcome> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Retrying a batch of {Count} leads after a transient database error (attempt {Attempt})")]
    private partial void LogTransientRetry(Exception exception, int count, int attempt);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "Writing a batch of {Count} leads failed; every caller in the batch gets the error")]
    private partial void LogBatchFailed(Exception exception, int count);
}
