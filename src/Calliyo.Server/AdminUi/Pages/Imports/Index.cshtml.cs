namespace Calliyo.Server.AdminUi.Pages.Imports;

/// <summary>Past imports with their summaries; the list is loaded in the browser from <c>GET /v1/imports</c>.</summary>
public sealed class IndexModel : AdminPageModel
{
    public void OnGet()
    {
    }
}
