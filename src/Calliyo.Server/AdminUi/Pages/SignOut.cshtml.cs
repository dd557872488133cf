using Calliyo.Server.AdminUi.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Calliyo.Server.AdminUi.Pages;

/// <summary>Ends the session. Only POST, with the anti-forgery token, so a link elsewhere cannot sign a user out.</summary>
public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/leads");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(SessionSchemes.Cookie);
        return Redirect("/signin");
    }
}
