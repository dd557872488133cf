using Calliyo.Domain.Accounts;
using Calliyo.Grains.Contracts;
using Calliyo.Storage.Webhooks;
using Microsoft.AspNetCore.Mvc;

namespace Calliyo.Server.AdminUi.Pages.Settings.WebhookKeys;

/// <summary>The account's webhook keys and the form that creates one.</summary>
public sealed class IndexModel(IGrainFactory grains, WebhookKeyStore keys) : AdminPageModel
{
    private static readonly Dictionary<string, string> PropertyOfField = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = nameof(Name),
        ["allowedDomains"] = nameof(AllowedDomains),
        ["honeypotField"] = nameof(HoneypotField),
        ["defaultStatus"] = nameof(DefaultStatus),
        ["defaultTags"] = nameof(DefaultTags),
    };

    [BindProperty]
    public string? Name { get; set; }

    /// <summary>Domains separated by commas or line breaks, such as <c>example.com, *.example.org</c>.</summary>
    [BindProperty]
    public string? AllowedDomains { get; set; }

    [BindProperty]
    public string? HoneypotField { get; set; } = "website_url";

    [BindProperty]
    public string? DefaultStatus { get; set; }

    /// <summary>Tags separated by commas.</summary>
    [BindProperty]
    public string? DefaultTags { get; set; }

    public IReadOnlyList<WebhookKeyRecord> Keys { get; private set; } = [];

    public IReadOnlyList<PipelineStatus> Statuses { get; private set; } = [];

    /// <summary>Set right after a key was created: its token, shown only this once.</summary>
    public WebhookKeySecret? Created { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var input = new WebhookKeyInput(
            Name,
            SplitList(AllowedDomains, ',', '\n', '\r', ' '),
            string.IsNullOrWhiteSpace(HoneypotField) ? null : HoneypotField,
            string.IsNullOrWhiteSpace(DefaultStatus) ? null : DefaultStatus,
            SplitList(DefaultTags, ',', ';'),
            null,
            ["name", "allowedDomains", "honeypotField", "defaultStatus", "defaultTags"]);

        var id = Guid.CreateVersion7();
        var change = await grains.GetGrain<IWebhookKeyGrain>(id).CreateAsync(AccountId, input);
        if (change.Outcome == WebhookKeyChangeOutcome.Done)
        {
            var key = change.Key!;
            Created = new WebhookKeySecret(key.Id, key.Name, WebhookSnippets.Url(Request, key.Id), change.Token!, key.HoneypotField);
            ModelState.Clear();
            Name = AllowedDomains = DefaultStatus = DefaultTags = null;
            HoneypotField = "website_url";
        }
        else
        {
            foreach (var error in change.Errors)
            {
                ModelState.AddModelError(PropertyOfField.GetValueOrDefault(error.Field, ""), error.Message);
            }
        }

        // The token is rendered into this response and never stored, so this page does not redirect.
        await LoadAsync(cancellationToken);
        return Page();
    }

    public bool HasError(string property) => ModelState.TryGetValue(property, out var entry) && entry.Errors.Count > 0;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Keys = await keys.ListAsync(AccountId, cancellationToken);
        var snapshot = await grains.GetGrain<IAccountGrain>(AccountId).GetSnapshotAsync();
        Statuses = snapshot?.Statuses ?? [];
    }

    private static List<string> SplitList(string? text, params char[] separators) =>
        (text ?? "").Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
