namespace Calliyo.Storage.Webhooks;

/// <summary>
/// Decides, from the entries this process wrote, when and below which id a key's old request-log
/// entries can go. The cut is the oldest of the key's newest <see cref="WebhookRequestLog.MaxEntriesPerKey"/>
/// entries written here: at least that many newer entries exist, whatever other silos wrote, so
/// no entry a reader can see is deleted, and no query has to look for the cut. The deletion takes
/// every entry of the key below the cut, whoever wrote it. Not thread-safe: the log's single
/// writer loop owns it.
/// </summary>
internal sealed class RequestLogTrimPlan
{
    private readonly Dictionary<Guid, KeyState> _keys = [];

    /// <summary>
    /// Returns the trims that <paramref name="batch"/> makes due, without recording anything:
    /// the key, the cut (delete ids below it) and the previous cut (ids below that are gone
    /// already), null before the first trim since start.
    /// </summary>
    public List<Trim> Plan(IReadOnlyList<WebhookRequestRecord> batch)
    {
        var due = new List<Trim>();
        foreach (var group in batch.GroupBy(entry => entry.KeyId))
        {
            var state = _keys.GetValueOrDefault(group.Key);
            var written = (state?.SinceTrim ?? 0) + group.Count();
            if (written < WebhookRequestLog.TrimEvery)
            {
                continue;
            }

            var newest = (state?.Newest ?? []).Concat(group.Select(entry => entry.Id)).TakeLast(WebhookRequestLog.MaxEntriesPerKey).ToList();
            if (newest.Count == WebhookRequestLog.MaxEntriesPerKey)
            {
                due.Add(new Trim(group.Key, newest.Min(), state?.TrimmedBelow));
            }
        }

        return due;
    }

    /// <summary>Records a committed batch and the trims committed with it.</summary>
    public void Record(IReadOnlyList<WebhookRequestRecord> batch, IReadOnlyList<Trim> trims)
    {
        foreach (var group in batch.GroupBy(entry => entry.KeyId))
        {
            if (!_keys.TryGetValue(group.Key, out var state))
            {
                state = new KeyState();
                _keys[group.Key] = state;
            }

            state.SinceTrim += group.Count();
            foreach (var entry in group)
            {
                state.Newest.Enqueue(entry.Id);
                if (state.Newest.Count > WebhookRequestLog.MaxEntriesPerKey)
                {
                    state.Newest.Dequeue();
                }
            }
        }

        foreach (var trim in trims)
        {
            var state = _keys[trim.KeyId];
            state.SinceTrim = 0;
            state.TrimmedBelow = trim.Below;
        }
    }

    /// <summary>One key's deletion: ids below <paramref name="Below"/>, and not below <paramref name="From"/> when set.</summary>
    public sealed record Trim(Guid KeyId, Guid Below, Guid? From);

    private sealed class KeyState
    {
        /// <summary>Ids of the key's newest entries written by this process, oldest first.</summary>
        public Queue<Guid> Newest { get; } = new();

        public int SinceTrim { get; set; }

        public Guid? TrimmedBelow { get; set; }
    }
}
