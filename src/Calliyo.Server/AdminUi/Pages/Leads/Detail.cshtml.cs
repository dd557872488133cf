using Calliyo.Storage.Leads;
using Calliyo.Storage.Tokens;
using Calliyo.Storage.Users;
using Calliyo.Storage.Webhooks;
using Microsoft.AspNetCore.Mvc;

namespace Calliyo.Server.AdminUi.Pages.Leads;

/// <summary>One lead with every field, its source and what delivered it.</summary>
public sealed class DetailModel(LeadStore leads, UserStore users, WebhookKeyStore webhookKeys, ApiTokenStore apiTokens) : AdminPageModel
{
    public LeadRecord? Lead { get; private set; }

    /// <summary>What delivered the lead, in words, such as "webhook key Google Ads"; null when it is unknown.</summary>
    public string? SourceName { get; private set; }

    /// <summary>The page of what delivered the lead, when there is one.</summary>
    public string? SourceLink { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Lead = await leads.FindAsync(AccountId, id, cancellationToken);
        if (Lead is null)
        {
            return PageNotFound("This lead does not exist in your account.");
        }

        await DescribeSourceAsync(Lead, cancellationToken);
        return Page();
    }

    private async Task DescribeSourceAsync(LeadRecord lead, CancellationToken cancellationToken)
    {
        var reference = lead.SourceRef;
        if (reference is null)
        {
            return;
        }

        switch (lead.Source)
        {
            case "manual" when Guid.TryParse(reference, out var userId):
                var user = await users.FindAsync(AccountId, userId, cancellationToken);
                SourceName = user is null ? $"user {reference}" : user.Email;
                break;

            case "csv":
                SourceName = lead.SourceRow is { } row ? $"import {reference}, row {row}" : $"import {reference}";
                SourceLink = $"/imports/{Uri.EscapeDataString(reference)}";
                break;

            case "webhook" when Guid.TryParse(reference, out var keyId):
                var key = await webhookKeys.FindAsync(keyId, cancellationToken);
                SourceName = key is not null && key.AccountId == AccountId ? $"webhook key “{key.Name}”" : $"webhook key {reference}";
                SourceLink = $"/settings/webhook-keys/{keyId}";
                break;

            case "api":
                var token = await apiTokens.FindAsync(reference, cancellationToken);
                SourceName = token is not null && token.AccountId == AccountId ? $"API token “{token.Name}” ({token.Id})" : $"API token {reference}";
                SourceLink = "/settings/api-tokens";
                break;

            default:
                SourceName = reference;
                break;
        }
    }
}
