using System.ComponentModel.DataAnnotations;
using Calliyo.Server.AdminUi.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Calliyo.Server.AdminUi.Pages;

public sealed class SignInModel(UserAccounts userAccounts) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your email address.")]
    [Display(Name = "Email")]
    public string? Email { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter your password.")]
    [Display(Name = "Password")]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl()) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // TODO: limit failed attempts per email and client address; today only the hash cost slows guessing.
        var user = await userAccounts.CheckPasswordAsync(Email!, Password!, cancellationToken);
        if (user is null)
        {
            Error = "The email or password is incorrect.";
            Password = null;
            return Page();
        }

        var principal = UserClaims.CreatePrincipal(user, SessionSchemes.Cookie);
        await HttpContext.SignInAsync(SessionSchemes.Cookie, principal, new AuthenticationProperties { IsPersistent = false });
        return LocalRedirect(SafeReturnUrl());
    }

    /// <summary>Returns the page to go to after signing in: the requested one when it is on this site, else the leads list.</summary>
    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/leads";
}
