using Calliyo.Grains.Contracts;
using Calliyo.Storage.Webhooks;
using Microsoft.AspNetCore.Mvc;

namespace Calliyo.Server.AdminUi.Pages.Settings.WebhookKeys;

/// <summary>One webhook key: its settings, how to post to it, token regeneration, disabling, and its request log.</summary>
public sealed class DetailModel(IGrainFactory grains, WebhookRequestLog requestLog) : AdminPageModel
{
    /// <summary>Newest request log entries shown.</summary>
    public const int LogEntries = 100;

    public WebhookKeyState? Key { get; private set; }

    public string HookUrl { get; private set; } = "";

    public IReadOnlyList<WebhookRequestRecord> Requests { get; private set; } = [];

    /// <summary>Set right after the token was regenerated: the new token, shown only this once.</summary>
    public WebhookKeySecret? Regenerated { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostRegenerateAsync(Guid id, CancellationToken cancellationToken)
    {
        var change = await grains.GetGrain<IWebhookKeyGrain>(id).RegenerateTokenAsync(AccountId);
        if (change.Outcome != WebhookKeyChangeOutcome.Done)
        {
            return NotFoundPage();
        }

        var key = change.Key!;
        Regenerated = new WebhookKeySecret(key.Id, key.Name, WebhookSnippets.Url(Request, key.Id), change.Token!, key.HoneypotField);

        // The new token is rendered into this response and never stored, so this page does not redirect.
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(Guid id)
    {
        var change = await grains.GetGrain<IWebhookKeyGrain>(id).DisableAsync(AccountId);
        if (change.Outcome != WebhookKeyChangeOutcome.Done)
        {
            return NotFoundPage();
        }

        Notice = $"Webhook key “{change.Key!.Name}” is disabled. Submissions to it are now rejected with 403.";
        return Redirect($"/settings/webhook-keys/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var key = await grains.GetGrain<IWebhookKeyGrain>(id).GetAsync();
        if (key is null || key.AccountId != AccountId)
        {
            return false;
        }

        Key = key;
        HookUrl = WebhookSnippets.Url(Request, id);
        Requests = await requestLog.ListAsync(id, LogEntries, cancellationToken);
        return true;
    }

    private IActionResult NotFoundPage() => PageNotFound("This webhook key does not exist in your account.");
}
