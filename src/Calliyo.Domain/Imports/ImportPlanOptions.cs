namespace Calliyo.Domain.Imports;

/// <summary>Choices the person who starts an import makes for every row of the file.</summary>
public sealed record ImportPlanOptions
{
    /// <summary>
    /// The status of rows whose Status cell is empty, or of every row when the file has no Status
    /// column. It must be in the account's pipeline. Null means the pipeline's default, Unassigned.
    /// </summary>
    public string? DefaultStatus { get; init; }

    /// <summary>Tags added to every row after the row's own tags, such as the name of the campaign.</summary>
    public IReadOnlyList<string> ExtraTags { get; init; } = [];

    /// <summary>
    /// Tags the account already has. A row's tag that matches one ignoring case takes the
    /// account's spelling, so <c>VIP</c> in the file joins the existing <c>vip</c>.
    /// </summary>
    public IReadOnlyCollection<string> KnownTags { get; init; } = [];
}
