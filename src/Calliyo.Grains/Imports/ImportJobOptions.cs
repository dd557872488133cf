namespace Calliyo.Grains.Imports;

/// <summary>How import jobs run. Bound from the <c>Imports</c> section.</summary>
public sealed class ImportJobOptions
{
    public const string SectionName = "Imports";

    /// <summary>
    /// Max rows of one job in flight at once: claimed and waiting for the phone-number grain, or
    /// done but not yet counted because an earlier row is still in flight. The default of 1,024
    /// lets the lead writer fill its default batches of 1,000 leads. Environment:
    /// <c>Imports__MaxRowsInFlight</c>.
    /// </summary>
    public int MaxRowsInFlight { get; set; } = 1024;

    /// <summary>
    /// How often a running job writes its progress to grain state and to the job listing; a
    /// crash repeats at most this much work. Default 1 second. Environment: <c>Imports__CheckpointInterval</c>.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Period of the reminder that reactivates a running job whose silo died. Orleans rejects
    /// reminder periods under its <c>ReminderOptions.MinimumReminderPeriod</c> (1 minute by
    /// default), so a shorter value here lowers that minimum too. Default 1 minute.
    /// Environment: <c>Imports__ResumeReminderPeriod</c>.
    /// </summary>
    public TimeSpan ResumeReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Runs in a row that may end in a fault, such as a database outage, before the job is marked
    /// failed. Between two runs the job waits for its reminder. Default 3. Environment:
    /// <c>Imports__MaxFailedRuns</c>.
    /// </summary>
    public int MaxFailedRuns { get; set; } = 3;
}
