using Calliyo.Domain.Leads;

namespace Calliyo.Domain.Accounts;

/// <summary>A rejected pipeline change: a stable snake_case code and a message that tells the caller what to do.</summary>
public sealed record PipelineEditError(string Code, string Message);

/// <summary>The pipeline after a change, or why the change was rejected.</summary>
public sealed record PipelineEditResult(IReadOnlyList<PipelineStatus>? Statuses, PipelineEditError? Error)
{
    public static PipelineEditResult Ok(IReadOnlyList<PipelineStatus> statuses) => new(statuses, null);

    public static PipelineEditResult Fail(string code, string message) => new(null, new PipelineEditError(code, message));
}

/// <summary>
/// The rules for changing an account's pipeline: names are unique ignoring case and at most
/// <see cref="MaxNameLength"/> characters; protected statuses (Unassigned, Followups, Customer)
/// cannot be renamed or deleted; a new order must list every status exactly once.
/// </summary>
public static class PipelineEdits
{
    public const int MaxNameLength = 40;

    public const int MaxStatuses = 50;

    public const string NotFound = "status_not_found";
    public const string Protected = "status_protected";
    public const string Exists = "status_exists";
    public const string InvalidName = "invalid_status_name";
    public const string InvalidOrder = "invalid_status_order";

    public static PipelineEditResult Add(IReadOnlyList<PipelineStatus> current, string? name)
    {
        var (clean, error) = CheckName(current, name, renaming: null);
        if (error is not null)
        {
            return error;
        }

        if (current.Count >= MaxStatuses)
        {
            return PipelineEditResult.Fail(InvalidName, $"A pipeline can have at most {MaxStatuses} statuses; delete one first.");
        }

        return PipelineEditResult.Ok([.. current, new PipelineStatus(clean!, IsProtected: false)]);
    }

    public static PipelineEditResult Rename(IReadOnlyList<PipelineStatus> current, string name, string? newName)
    {
        var index = IndexOf(current, name);
        if (index < 0)
        {
            return StatusNotFound(current, name);
        }

        if (current[index].IsProtected)
        {
            return PipelineEditResult.Fail(Protected, $"Status '{current[index].Name}' is protected and cannot be renamed.");
        }

        var (clean, error) = CheckName(current, newName, renaming: current[index].Name);
        if (error is not null)
        {
            return error;
        }

        var statuses = current.ToList();
        statuses[index] = statuses[index] with { Name = clean! };
        return PipelineEditResult.Ok(statuses);
    }

    public static PipelineEditResult Delete(IReadOnlyList<PipelineStatus> current, string name)
    {
        var index = IndexOf(current, name);
        if (index < 0)
        {
            return StatusNotFound(current, name);
        }

        if (current[index].IsProtected)
        {
            return PipelineEditResult.Fail(Protected, $"Status '{current[index].Name}' is protected and cannot be deleted.");
        }

        var statuses = current.ToList();
        statuses.RemoveAt(index);
        return PipelineEditResult.Ok(statuses);
    }

    public static PipelineEditResult Reorder(IReadOnlyList<PipelineStatus> current, IReadOnlyList<string>? names)
    {
        var expected = string.Join(", ", current.Select(s => s.Name));
        if (names is null || names.Count != current.Count)
        {
            return PipelineEditResult.Fail(InvalidOrder, $"Send every status exactly once in the new order; the pipeline has: {expected}.");
        }

        var reordered = new List<PipelineStatus>(names.Count);
        foreach (var name in names)
        {
            var index = IndexOf(current, name ?? "");
            if (index < 0 || reordered.Contains(current[index]))
            {
                return PipelineEditResult.Fail(InvalidOrder, $"'{name}' is unknown or listed twice; send every status exactly once: {expected}.");
            }

            reordered.Add(current[index]);
        }

        return PipelineEditResult.Ok(reordered);
    }

    private static (string? Clean, PipelineEditResult? Error) CheckName(IReadOnlyList<PipelineStatus> current, string? name, string? renaming)
    {
        var clean = TextRules.Clean(name);
        if (clean is null || clean.Length > MaxNameLength || clean.Any(char.IsControl))
        {
            return (null, PipelineEditResult.Fail(InvalidName,
                $"Status name '{name}' is invalid; send 1 to {MaxNameLength} characters of plain text."));
        }

        var clash = current.FirstOrDefault(s => string.Equals(s.Name, clean, StringComparison.OrdinalIgnoreCase));
        if (clash is not null && !string.Equals(clash.Name, renaming, StringComparison.Ordinal))
        {
            return (null, PipelineEditResult.Fail(Exists, $"Status '{clash.Name}' already exists."));
        }

        return (clean, null);
    }

    private static int IndexOf(IReadOnlyList<PipelineStatus> statuses, string name)
    {
        for (var i = 0; i < statuses.Count; i++)
        {
            if (string.Equals(statuses[i].Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static PipelineEditResult StatusNotFound(IReadOnlyList<PipelineStatus> current, string name) =>
        PipelineEditResult.Fail(NotFound, $"Status '{name}' was not found; the pipeline has: {string.Join(", ", current.Select(s => s.Name))}.");
}
