namespace Calliyo.Server.AdminUi.Pages.Imports;

/// <summary>One import: live progress while it runs, then the summary and the error report; loaded in the browser from the import API.</summary>
public sealed class DetailModel : AdminPageModel
{
    public Guid Id { get; private set; }

    public void OnGet(Guid id) => Id = id;
}
