namespace Calliyo.Domain.Accounts;

/// <summary>The pipeline every new account starts with, in order.</summary>
public static class DefaultPipeline
{
    /// <summary>The status a lead gets when its source names none.</summary>
    public const string DefaultStatus = "Unassigned";

    public static IReadOnlyList<PipelineStatus> Statuses { get; } =
    [
        new("Unassigned", IsProtected: true),
        new("Assigned", IsProtected: false),
        new("Followups", IsProtected: true),
        new("Interested", IsProtected: false),
        new("Not Interested", IsProtected: false),
        new("Busy", IsProtected: false),
        new("Not Picked", IsProtected: false),
        new("Missed", IsProtected: false),
        new("Wrong Number", IsProtected: false),
        new("Customer", IsProtected: true),
    ];
}
