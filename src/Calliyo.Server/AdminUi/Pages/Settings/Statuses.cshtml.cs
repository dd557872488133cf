using Calliyo.Domain.Accounts;
using Calliyo.Grains.Accounts;
using Calliyo.Grains.Contracts;
using Microsoft.AspNetCore.Mvc;

namespace Calliyo.Server.AdminUi.Pages.Settings;

/// <summary>
/// The account's pipeline: add, rename, move up or down, delete. Every change goes through the
/// account grain, which enforces the rules (protected statuses, unique names, statuses in use).
/// </summary>
public sealed class StatusesModel(IGrainFactory grains, AccountRulesCache rulesCache) : AdminPageModel
{
    public IReadOnlyList<PipelineStatus> Statuses { get; private set; } = [];

    [BindProperty]
    public string? NewName { get; set; }

    /// <summary>The status that was just moved, and which way, so its button keeps the keyboard focus.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Moved { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Direction { get; set; }

    public async Task OnGetAsync() => Statuses = (await Account.GetSnapshotAsync())?.Statuses ?? [];

    public async Task<IActionResult> OnPostAddAsync()
    {
        var result = await Account.AddStatusAsync(NewName);
        return Done(result, $"Status “{NewName?.Trim()}” added at the end of the pipeline.");
    }

    public async Task<IActionResult> OnPostRenameAsync(string name, string? newName)
    {
        var result = await Account.RenameStatusAsync(name, newName);
        return Done(result, $"Status “{name}” renamed to “{newName?.Trim()}”. Leads with it follow.");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string name)
    {
        var result = await Account.DeleteStatusAsync(name);
        return Done(result, $"Status “{name}” deleted.");
    }

    public async Task<IActionResult> OnPostMoveAsync(string name, string direction)
    {
        var names = ((await Account.GetSnapshotAsync())?.Statuses ?? []).Select(status => status.Name).ToList();
        var from = names.FindIndex(candidate => string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase));
        var to = direction == "up" ? from - 1 : from + 1;
        if (from < 0 || to < 0 || to >= names.Count)
        {
            return Redirect("/settings/statuses");
        }

        (names[from], names[to]) = (names[to], names[from]);
        var result = await Account.ReorderStatusesAsync(names);
        if (result.Snapshot is null)
        {
            return Done(result, "");
        }

        rulesCache.Forget(AccountId);
        Notice = $"Moved “{names[to]}” {(direction == "up" ? "up" : "down")} to position {to + 1}.";
        return Redirect($"/settings/statuses?moved={Uri.EscapeDataString(names[to])}&direction={direction}");
    }

    /// <summary>Returns whether the moved status's button for <paramref name="direction"/> should take the focus.</summary>
    public bool KeepsFocus(string name, string direction) =>
        string.Equals(name, Moved, StringComparison.OrdinalIgnoreCase) && direction == Direction;

    private IAccountGrain Account => grains.GetGrain<IAccountGrain>(AccountId);

    private IActionResult Done(AccountEditResult result, string notice)
    {
        if (result.Snapshot is null)
        {
            Problem = result.ErrorMessage;
        }
        else
        {
            rulesCache.Forget(AccountId);
            Notice = notice;
        }

        return Redirect("/settings/statuses");
    }
}
