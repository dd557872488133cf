namespace Calliyo.Storage.Leads;

/// <summary>Group-commit settings of the per-silo <see cref="LeadWriter"/>. Bound from <c>Storage:Writer</c>.</summary>
public sealed class LeadWriterOptions
{
    public const string SectionName = "Storage:Writer";

    /// <summary>Most leads written in one statement and transaction. Default 1,000.</summary>
    public int MaxBatchSize { get; set; } = 1_000;

    /// <summary>
    /// How long a batch that is not full waits for more leads while another batch is being
    /// written, so bursts share one commit. A batch with no other in flight is written at once.
    /// Default 2 ms; zero never waits.
    /// </summary>
    public TimeSpan FlushWindow { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// Batches written at the same time, each on its own connection. Default 4 on PostgreSQL;
    /// SQLite allows one writer, so it always uses 1.
    /// </summary>
    public int MaxConcurrentFlushes { get; set; } = 4;

    /// <summary>How often a batch that failed with a transient database error is retried. Default 3.</summary>
    public int MaxTransientRetries { get; set; } = 3;
}
