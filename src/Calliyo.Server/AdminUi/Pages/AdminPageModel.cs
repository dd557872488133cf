using Calliyo.Server.Auth;
using Calliyo.Server.AdminUi.Sessions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Calliyo.Server.AdminUi.Pages;

/// <summary>The base of every signed-in page: the caller's account and user, and one-time notices.</summary>
public abstract class AdminPageModel : PageModel
{
    /// <summary>A notice shown once on the next page, such as "Lead added."; kept in TempData across a redirect.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>A problem shown once on the next page, such as a rejected change; kept in TempData across a redirect.</summary>
    [TempData]
    public string? Problem { get; set; }

    protected Guid AccountId => User.GetAccountId();

    protected Guid UserId => User.GetUserId();

    /// <summary>Renders this page with status 404 and a message, instead of the API's JSON error body.</summary>
    protected IActionResult PageNotFound(string message)
    {
        NotFoundMessage = message;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    /// <summary>Set when the requested item does not exist; the page then shows only this message.</summary>
    public string? NotFoundMessage { get; private set; }
}
