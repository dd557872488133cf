using System.Net;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Calliyo.Ui.Tests;

/// <summary>Signing in and out, and what a signed-out visitor and an agent may open.</summary>
[Collection(UiCollection.Name)]
public sealed class SignInTests(UiFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.CloseContextsAsync();

    [Fact]
    public async Task SignedOutVisitor_SignsIn_ReturnsToPage()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/settings/statuses");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin\\?returnUrl=%2Fsettings%2Fstatuses$"));
        await page.GetByLabel("Email").FillAsync(UiServer.AdminEmail);
        await page.GetByLabel("Password").FillAsync(UiServer.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/settings/statuses$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Statuses", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Root_RedirectsToLeads()
    {
        var page = await fixture.SignInAsync(UiServer.AdminEmail, UiServer.AdminPassword);

        await page.GotoAsync("/");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/leads$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Leads", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task WrongPassword_ShowsErrorAndKeepsEmail()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(UiServer.AdminEmail);
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The email or password is incorrect.");
        await Expect(page.GetByLabel("Email")).ToHaveValueAsync(UiServer.AdminEmail);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        await UiFixture.ScreenshotAsync(page, "signin-error-desktop", output);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var page = await fixture.SignInAsync(UiServer.AdminEmail, UiServer.AdminPassword);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin$"));
        await page.GotoAsync("/leads");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin\\?returnUrl=%2Fleads$"));
    }

    [Fact]
    public async Task Agent_CannotOpenSettingsOrImports()
    {
        var agent = await fixture.Server.CreateUserAsync(null, "agent");
        var page = await fixture.SignInAsync(agent.Email, agent.Password);

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Webhook keys" })).ToHaveCountAsync(0);
        var settings = await page.GotoAsync("/settings/webhook-keys");
        var deniedStatus = settings!.Status;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You do not have access to this page" })).ToBeVisibleAsync();
        await UiFixture.ScreenshotAsync(page, "access-denied-desktop", output);
        var imports = await page.GotoAsync("/imports");
        var importsStatus = imports!.Status;
        await page.GotoAsync("/leads/add");

        Assert.Equal((int)HttpStatusCode.Forbidden, deniedStatus);
        Assert.Equal((int)HttpStatusCode.Forbidden, importsStatus);
        await Expect(page.GetByRole(AriaRole.Tab)).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add single lead" })).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task Agent_CookieCannotCallImportApi()
    {
        var agent = await fixture.Server.CreateUserAsync(null, "agent");
        var page = await fixture.SignInAsync(agent.Email, agent.Password);

        var response = await page.APIRequest.GetAsync("/v1/imports");

        Skip.If(response.Status == 404, ImportTests.ApiAbsentReason);
        Assert.Equal(403, response.Status);
        Assert.Contains("insufficient_scope", await response.TextAsync(), StringComparison.Ordinal);
    }
}
