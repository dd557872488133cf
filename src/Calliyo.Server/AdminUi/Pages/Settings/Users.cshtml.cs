using System.Net.Mail;
using Calliyo.Server.AdminUi.Sessions;
using Calliyo.Storage.Users;
using Microsoft.AspNetCore.Mvc;

namespace Calliyo.Server.AdminUi.Pages.Settings;

/// <summary>The people who sign in to this account, and the form that adds one.</summary>
public sealed class UsersModel(UserStore users, UserAccounts userAccounts) : AdminPageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Role { get; set; } = UserRoles.Agent;

    [BindProperty]
    public string? Password { get; set; }

    public IReadOnlyList<UserRecord> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Users = await users.ListAsync(AccountId, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Email) || !MailAddress.TryCreate(Email.Trim(), out _))
        {
            ModelState.AddModelError(nameof(Email), "Enter an email address such as name@example.com.");
        }

        if (Role is null || !UserRoles.All.Contains(Role))
        {
            ModelState.AddModelError(nameof(Role), "Choose Admin or Agent.");
        }

        if (Password is null || Password.Length is < UserAccounts.MinPasswordLength or > UserAccounts.MaxPasswordLength)
        {
            ModelState.AddModelError(nameof(Password), $"Enter a password of {UserAccounts.MinPasswordLength} to {UserAccounts.MaxPasswordLength} characters.");
        }

        if (ModelState.ErrorCount == 0)
        {
            var user = await userAccounts.CreateAsync(AccountId, Email!, Role!, Password!, cancellationToken);
            if (user is not null)
            {
                Notice = $"{user.Email} can now sign in as {(user.Role == UserRoles.Admin ? "an admin" : "an agent")}.";
                return Redirect("/settings/users");
            }

            ModelState.AddModelError(nameof(Email), "A user with this email already exists.");
        }

        Password = null;
        Users = await users.ListAsync(AccountId, cancellationToken);
        return Page();
    }

    public bool HasError(string property) => ModelState.TryGetValue(property, out var entry) && entry.Errors.Count > 0;
}
