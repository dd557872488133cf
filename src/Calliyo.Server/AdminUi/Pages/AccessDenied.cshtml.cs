using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Calliyo.Server.AdminUi.Pages;

/// <summary>Where the session cookie sends a signed-in user who opened a page of another role; answered with 403.</summary>
public sealed class AccessDeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
