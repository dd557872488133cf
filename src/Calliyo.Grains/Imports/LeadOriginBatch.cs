using Calliyo.Storage.Imports;

namespace Calliyo.Grains.Imports;

/// <summary>
/// Tells whether the lead holding a row's phone was written by this job for this very row,
/// which happens when a resumed or retried run claims a row a second time. Lookups requested
/// while one batch is read go together into the next query, so a run costs one query per few
/// hundred duplicates, never one per row.
/// </summary>
/// <remarks>
/// Not thread-safe: every call must come from the job grain's scheduler, which runs one piece
/// of work at a time.
/// </remarks>
internal sealed class LeadOriginBatch(ImportLeadLookup leads, Guid accountId, string jobReference)
{
    /// <summary>Max lead ids read in one query.</summary>
    private const int MaxBatchSize = 500;

    private readonly List<(Guid LeadId, int Record, TaskCompletionSource<bool> Answer)> _pending = [];
    private bool _flushing;

    /// <summary>Returns true when lead <paramref name="leadId"/> was imported by this job from record <paramref name="record"/>.</summary>
    public Task<bool> IsOwnRecordAsync(Guid leadId, int record)
    {
        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Add((leadId, record, answer));
        if (!_flushing)
        {
            _flushing = true;
            _ = FlushAsync();
        }

        return answer.Task;
    }

    private async Task FlushAsync()
    {
        // Let the claim results already queued on the scheduler add their lookups to this batch first.
        await Task.Yield();

        try
        {
            while (_pending.Count > 0)
            {
                var batch = _pending.GetRange(0, Math.Min(MaxBatchSize, _pending.Count));
                _pending.RemoveRange(0, batch.Count);
                await AnswerAsync(batch);
            }
        }
        finally
        {
            _flushing = false;
        }
    }

    private async Task AnswerAsync(List<(Guid LeadId, int Record, TaskCompletionSource<bool> Answer)> batch)
    {
        try
        {
            var origins = await leads.FindOriginsAsync(accountId, batch.Select(item => item.LeadId).Distinct().ToList(), CancellationToken.None);
            foreach (var (leadId, record, answer) in batch)
            {
                var own = origins.TryGetValue(leadId, out var origin)
                    && origin.Source == "csv"
                    && origin.SourceRef == jobReference
                    && origin.SourceRow == record;
                answer.TrySetResult(own);
            }
        }
        catch (Exception exception)
        {
            foreach (var (_, _, answer) in batch)
            {
                answer.TrySetException(exception);
            }
        }
    }
}
