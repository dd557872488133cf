using Calliyo.Domain.Accounts;
using Calliyo.Grains.Contracts;
using Calliyo.Storage.Leads;
using Microsoft.AspNetCore.Mvc;

namespace Calliyo.Server.AdminUi.Pages.Leads;

/// <summary>The account's leads, newest first, with status, tag, source and text filters and cursor pages.</summary>
public sealed class IndexModel(LeadStore leads, IGrainFactory grains) : AdminPageModel
{
    /// <summary>Leads per page.</summary>
    public const int PageSize = 50;

    /// <summary>The sources a lead can have, as stored, with the label the page shows.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Sources =
        [("manual", "Added by hand"), ("csv", "CSV import"), ("webhook", "Webhook"), ("api", "API")];

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Tag { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Source { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Cursor { get; set; }

    /// <summary>The lead just added, highlighted in the list.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Added { get; set; }

    public IReadOnlyList<PipelineStatus> Statuses { get; private set; } = [];

    public IReadOnlyList<LeadRecord> Leads { get; private set; } = [];

    public Guid? NextCursor { get; private set; }

    public bool IsFiltered => Status is not null || Tag is not null || Source is not null || Q is not null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Status = Clean(Status);
        Tag = Clean(Tag);
        Q = Clean(Q);
        Source = Sources.Any(source => source.Value == Source) ? Source : null;

        var snapshot = await grains.GetGrain<IAccountGrain>(AccountId).GetSnapshotAsync();
        Statuses = snapshot?.Statuses ?? [];

        var query = new LeadQuery(AccountId, Status, Tag, Source, Search: Q, Before: Cursor, Limit: PageSize + 1);
        var page = await leads.ListAsync(query, cancellationToken);
        Leads = page.Take(PageSize).ToList();
        NextCursor = page.Count > PageSize ? Leads[^1].Id : null;
    }

    /// <summary>Returns the list URL with the current filters, changed by <paramref name="change"/>; pages restart from the newest.</summary>
    public string FilterUrl(Action<Dictionary<string, string?>> change)
    {
        var values = new Dictionary<string, string?> { ["status"] = Status, ["tag"] = Tag, ["source"] = Source, ["q"] = Q };
        change(values);
        var query = QueryString.Create(values.Where(pair => !string.IsNullOrEmpty(pair.Value)));
        return "/leads" + query.ToUriComponent();
    }

    public static string SourceLabel(string source) =>
        Sources.FirstOrDefault(item => item.Value == source).Label ?? source;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
