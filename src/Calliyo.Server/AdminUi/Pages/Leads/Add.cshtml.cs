using Calliyo.Domain.Accounts;
using Calliyo.Domain.Leads;
using Calliyo.Grains.Contracts;
using Calliyo.Grains.Leads;
using Calliyo.Server.AdminUi.Sessions;
using Microsoft.AspNetCore.Mvc;

namespace Calliyo.Server.AdminUi.Pages.Leads;

/// <summary>
/// Adds leads: the "Import leads" tab (admins only) drives the import API from the browser,
/// and the "Add single lead" tab captures one lead through the same capture path as the API.
/// </summary>
public sealed class AddModel(IGrainFactory grains, LeadCapture capture) : AdminPageModel
{
    public const string ImportTab = "import";
    public const string SingleTab = "single";

    private static readonly Dictionary<string, string> PropertyOfField = new(StringComparer.OrdinalIgnoreCase)
    {
        [LeadFields.FirstName] = nameof(FirstName),
        [LeadFields.LastName] = nameof(LastName),
        [LeadFields.Phone] = nameof(Phone),
        [LeadFields.Email] = nameof(Email),
        [LeadFields.Tags] = nameof(Tags),
        [LeadFields.Status] = nameof(Status),
    };

    [BindProperty(SupportsGet = true)]
    public string? Tab { get; set; }

    [BindProperty]
    public string? FirstName { get; set; }

    [BindProperty]
    public string? LastName { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    /// <summary>The tags as one string separated by commas, as the tag chips post them.</summary>
    [BindProperty]
    public string? Tags { get; set; }

    [BindProperty]
    public string? Status { get; set; }

    public IReadOnlyList<PipelineStatus> Statuses { get; private set; } = [];

    /// <summary>Set when the phone already belongs to a lead; the page links to it.</summary>
    public Guid? DuplicateLeadId { get; private set; }

    /// <summary>Errors of fields that the form does not show.</summary>
    public IReadOnlyList<string> OtherErrors { get; private set; } = [];

    public bool CanImport => User.IsAdmin();

    /// <summary>The tab shown: the single-lead form for agents, after a post, or when asked for; else the import.</summary>
    public string ActiveTab => !CanImport || Tab == SingleTab ? SingleTab : ImportTab;

    public IReadOnlyList<string> TagList =>
        (Tags ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public async Task OnGetAsync()
    {
        Status = DefaultPipeline.DefaultStatus;
        await LoadStatusesAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Tab = SingleTab;
        var input = new LeadInput(FirstName, LastName, Phone, Email, string.IsNullOrWhiteSpace(Tags) ? null : [Tags], Status);
        var result = await capture.CaptureAsync(AccountId, input, new SourceReference(LeadSource.Manual, UserId.ToString()));

        switch (result.Outcome)
        {
            case CaptureOutcome.Created:
                var lead = result.Lead!;
                Notice = $"Lead added: {lead.FirstName} {lead.LastName}".TrimEnd() + ".";
                return Redirect($"/leads?added={lead.Id}");

            case CaptureOutcome.Duplicate:
                DuplicateLeadId = result.ExistingLeadId;
                ModelState.AddModelError(nameof(Phone), "A lead with this phone number already exists.");
                break;

            default:
                var others = new List<string>();
                foreach (var error in result.Errors)
                {
                    if (PropertyOfField.TryGetValue(error.Field, out var property))
                    {
                        ModelState.AddModelError(property, error.Message);
                    }
                    else
                    {
                        others.Add(error.Message);
                    }
                }

                OtherErrors = others;
                break;
        }

        await LoadStatusesAsync();
        return Page();
    }

    public bool HasError(string property) => ModelState.TryGetValue(property, out var entry) && entry.Errors.Count > 0;

    private async Task LoadStatusesAsync()
    {
        var snapshot = await grains.GetGrain<IAccountGrain>(AccountId).GetSnapshotAsync();
        Statuses = snapshot?.Statuses ?? [];
    }
}
