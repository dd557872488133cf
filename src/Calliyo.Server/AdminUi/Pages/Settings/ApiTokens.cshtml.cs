using Calliyo.Domain.Leads;
using Calliyo.Domain.Tokens;
using Calliyo.Server.Auth;
using Calliyo.Server.Hosting;
using Calliyo.Storage.Tokens;
using Microsoft.AspNetCore.Mvc;

namespace Calliyo.Server.AdminUi.Pages.Settings;

/// <summary>The account's API tokens: create one with scopes (shown once), see last use, revoke.</summary>
public sealed class ApiTokensModel(AccountBootstrap bootstrap, ApiTokenStore tokens, ApiTokenValidator validator) : AdminPageModel
{
    /// <summary>What each scope allows, as the form explains it.</summary>
    public static readonly IReadOnlyList<(string Scope, string Description)> ScopeDescriptions =
    [
        (TokenScopes.LeadsRead, "Read and list leads and statuses"),
        (TokenScopes.LeadsWrite, "Create and change leads"),
        (TokenScopes.ImportsWrite, "Upload and run CSV imports"),
        (TokenScopes.SettingsWrite, "Manage webhook keys, API tokens, statuses and column aliases"),
    ];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public List<string> Scopes { get; set; } = [];

    public IReadOnlyList<ApiTokenRecord> Tokens { get; private set; } = [];

    /// <summary>Set right after a token was created: the token text, shown only this once.</summary>
    public string? CreatedToken { get; private set; }

    public string? CreatedName { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Tokens = await tokens.ListAsync(AccountId, cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var name = TextRules.Clean(Name);
        if (name is null || name.Length > TextRules.MaxNameLength)
        {
            ModelState.AddModelError(nameof(Name), $"Enter a name of 1 to {TextRules.MaxNameLength} characters, such as Zapier.");
        }

        var scopes = Scopes.Distinct(StringComparer.Ordinal).ToList();
        if (scopes.Count == 0)
        {
            ModelState.AddModelError(nameof(Scopes), "Choose at least one scope.");
        }
        else if (TokenScopes.FindUnknown(scopes) is { Count: > 0 } unknown)
        {
            ModelState.AddModelError(nameof(Scopes), $"Unknown scope: {string.Join(", ", unknown)}.");
        }

        if (ModelState.ErrorCount == 0)
        {
            CreatedToken = await bootstrap.CreateTokenAsync(AccountId, name!, scopes, cancellationToken);
            CreatedName = name;
            ModelState.Clear();
            Name = null;
            Scopes = [];
        }

        // The token is rendered into this response and never stored, so this page does not redirect.
        Tokens = await tokens.ListAsync(AccountId, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string id, CancellationToken cancellationToken)
    {
        if (await tokens.RevokeAsync(AccountId, id, cancellationToken))
        {
            validator.Forget(id);
            Notice = $"API token {id} is revoked. Requests with it are now rejected.";
        }
        else
        {
            Notice = $"API token {id} was not found.";
        }

        return Redirect("/settings/api-tokens");
    }

    public bool HasError(string property) => ModelState.TryGetValue(property, out var entry) && entry.Errors.Count > 0;
}
