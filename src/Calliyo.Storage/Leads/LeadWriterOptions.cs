namespace Calliyo.Storage.Leads;

/// <summary>Group-commit settings of the per-silo <see cref="LeadWriter"/>. Bound from <c>Storage:Writer</c>.</summary>
public sealed class LeadWriterOptions
{
    public const string SectionName = "Storage:Writer";

    /// <summary>Most leads written in one statement and transaction. Default 1,000.</summary>
    public int MaxBatchSize { get; set; } = 1_000;

    /// <summary>
    /// How long a batch that is not full waits for more leads while another batch is being
    /// written. Default zero, which never waits: a batch already takes every lead that arrived
    /// while it waited for a free connection, and a timer would add its length to every request
    /// in the batch.
    /// </summary>
    public TimeSpan FlushWindow { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Batches written at the same time, each on its own connection. Default 8 on PostgreSQL,
    /// so that a request rarely waits for a connection behind another batch's commit. SQLite
    /// allows one writer, so it always uses 1.
    /// </summary>
    public int MaxConcurrentFlushes { get; set; } = 8;

    /// <summary>How often a batch that failed with a transient database error is retried. Default 3.</summary>
    public int MaxTransientRetries { get; set; } = 3;
}
