using Calliyo.Grains.Contracts;

namespace Calliyo.Grains.Imports;

/// <summary>
/// The durable state of one import job, stored under the state name <c>import-job</c>. It is
/// the checkpoint a resumed job continues from: the rows before <see cref="NextRow"/> are
/// processed and <see cref="Counts"/> counts exactly those rows.
/// </summary>
[GenerateSerializer, Alias("calliyo.import-job-state")]
public sealed class ImportJobState
{
    /// <summary>The owning account; <see cref="Guid.Empty"/> while no job was created under this id.</summary>
    [Id(0)] public Guid AccountId { get; set; }

    /// <summary>One of the <c>ImportJobStatuses</c> names; empty while no job was created.</summary>
    [Id(1)] public string Status { get; set; } = "";

    [Id(2)] public string? FileName { get; set; }

    [Id(3)] public int SizeBytes { get; set; }

    /// <summary>The choices in their normalized spelling.</summary>
    [Id(4)] public ImportChoices Choices { get; set; } = ImportChoices.None;

    /// <summary>
    /// The account settings the run plans with, or null before the start. They are frozen when
    /// the job starts so that a resumed run makes exactly the decisions of the interrupted one.
    /// </summary>
    [Id(5)] public AccountSnapshot? Rules { get; set; }

    /// <summary>Every row below the header, blank rows included.</summary>
    [Id(6)] public int RowsTotal { get; set; }

    /// <summary>The 0-based index of the first row not yet processed; the rows before it are done.</summary>
    [Id(7)] public int NextRow { get; set; }

    [Id(8)] public ImportCounts Counts { get; set; } = ImportCounts.Zero;

    /// <summary>Why the job failed, for the <c>failed</c> status.</summary>
    [Id(9)] public string? Failure { get; set; }

    [Id(10)] public DateTimeOffset CreatedAt { get; set; }

    [Id(11)] public DateTimeOffset? StartedAt { get; set; }

    [Id(12)] public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Runs in a row that ended in a fault; reset by a run that makes progress.</summary>
    [Id(13)] public int FailedRuns { get; set; }
}
