using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Calliyo.Ui.Tests;

/// <summary>Webhook keys, API tokens, statuses and users, each test in an account of its own.</summary>
[Collection(UiCollection.Name)]
public sealed class SettingsTests(UiFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.CloseContextsAsync();

    [Fact]
    public async Task WebhookKey_Created_AcceptsPost()
    {
        var admin = await fixture.Server.CreateAccountWithAdminAsync();
        var page = await fixture.SignInAsync(admin.Email, admin.Password);
        await page.GotoAsync("/settings/webhook-keys");

        await page.GetByLabel("Name", new() { Exact = false }).FillAsync("Website form");
        await page.GetByLabel("Default tags").FillAsync("web, spring");
        await page.GetByLabel("Default status").SelectOptionAsync("Assigned");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create webhook key" }).ClickAsync();

        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Webhook key “Website form” is ready" });
        await Expect(dialog).ToBeVisibleAsync();
        var url = await dialog.GetByLabel("URL", new() { Exact = true }).InputValueAsync();
        var token = await dialog.GetByLabel("Token", new() { Exact = true }).InputValueAsync();
        await Expect(dialog.Locator("#secret-form")).ToContainTextAsync($"name=\"webhook_token\" value=\"{token}\"");
        await Expect(dialog.Locator("#secret-form")).ToContainTextAsync("name=\"website_url\"");
        await Expect(dialog.Locator("#secret-curl")).ToContainTextAsync($"X-Webhook-Token: {token}");
        await UiFixture.ScreenshotAsync(page, "webhook-key-created-desktop", output);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "I have copied the token" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new { name = "Nisha Rao", phone = "+91 98765 12001" }) };
        request.Headers.Add("X-Webhook-Token", token);
        var response = await http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var leadId = body.GetProperty("leadId").GetString();

        await page.GotoAsync("/leads");
        var top = page.Locator("#leads-table tbody tr").First;
        await Expect(top).ToContainTextAsync("Nisha Rao");
        await Expect(top).ToContainTextAsync("Assigned");
        await Expect(top.Locator(".tag")).ToHaveTextAsync(["web", "spring"]);
        await page.GotoAsync($"/leads/{leadId}");
        await Expect(page.Locator("[data-field=source]")).ToHaveTextAsync("Webhook");
        await Expect(page.Locator("[data-field=source-reference]")).ToHaveTextAsync("webhook key “Website form”");

        await page.Locator("[data-field=source-reference] a").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Website form", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#request-log tbody tr").First).ToContainTextAsync("created");
        await UiFixture.ScreenshotAsync(page, "webhook-key-detail-desktop", output);
    }

    [Fact]
    public async Task WebhookKey_RegenerateThenDisable()
    {
        var admin = await fixture.Server.CreateAccountWithAdminAsync();
        var page = await fixture.SignInAsync(admin.Email, admin.Password);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GotoAsync("/settings/webhook-keys");
        await page.GetByLabel("Name", new() { Exact = false }).FillAsync("Landing page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create webhook key" }).ClickAsync();
        var firstToken = await page.Locator("#secret-token").InputValueAsync();
        var url = await page.Locator("#secret-url").InputValueAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "I have copied the token" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Landing page" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Regenerate token" }).ClickAsync();
        var secondToken = await page.Locator("#secret-token").InputValueAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "I have copied the token" }).ClickAsync();
        var withOld = await PostLeadAsync(url, firstToken, "+91 98765 12011");
        var withNew = await PostLeadAsync(url, secondToken, "+91 98765 12012");
        await page.GetByRole(AriaRole.Button, new() { Name = "Disable key" }).ClickAsync();
        var afterDisable = await PostLeadAsync(url, secondToken, "+91 98765 12013");

        Assert.NotEqual(firstToken, secondToken);
        Assert.Equal(HttpStatusCode.Unauthorized, withOld);
        Assert.Equal(HttpStatusCode.Created, withNew);
        Assert.Equal(HttpStatusCode.Forbidden, afterDisable);
        await Expect(page.GetByText("Disabled", new() { Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ApiToken_CreateAndRevoke()
    {
        var admin = await fixture.Server.CreateAccountWithAdminAsync();
        var page = await fixture.SignInAsync(admin.Email, admin.Password);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GotoAsync("/settings/api-tokens");

        await page.GetByLabel("Name", new() { Exact = false }).FillAsync("Reporting");
        await page.GetByLabel("leads:read", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var token = await dialog.GetByLabel("Token", new() { Exact = true }).InputValueAsync();
        await UiFixture.ScreenshotAsync(page, "api-token-created-desktop", output);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "I have copied the token" }).ClickAsync();

        using var api = fixture.Server.CreateApiClient(token);
        var beforeRevoke = await api.GetAsync("/v1/leads");
        var writeAttempt = await api.PostAsync("/v1/leads", JsonContent.Create(new { firstName = "X", phone = "+919876512021" }));
        var row = page.Locator("#api-tokens-table tbody tr", new() { HasText = "Reporting" });

        // The server records a token's last use in the background, so the page may need a few reloads to show it.
        for (var attempt = 0; attempt < 20 && (await row.InnerTextAsync()).Contains("Never", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(250);
            await page.GotoAsync("/settings/api-tokens");
        }

        await Expect(row).Not.ToContainTextAsync("Never");
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke Reporting" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is revoked");
        var afterRevoke = await api.GetAsync("/v1/leads");

        Assert.Equal(HttpStatusCode.OK, beforeRevoke.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, writeAttempt.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Equal("unauthorized", (await afterRevoke.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());
        await Expect(page.Locator("#api-tokens-table tbody tr", new() { HasText = "Reporting" })).ToContainTextAsync("Revoked");
        await UiFixture.ScreenshotAsync(page, "api-tokens-desktop", output);
    }

    [Fact]
    public async Task ApiToken_WithoutScope_ShowsError()
    {
        var admin = await fixture.Server.CreateAccountWithAdminAsync();
        var page = await fixture.SignInAsync(admin.Email, admin.Password);
        await page.GotoAsync("/settings/api-tokens");

        await page.GetByLabel("Name", new() { Exact = false }).FillAsync("Nothing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();

        await Expect(page.Locator("#Scopes-error")).ToHaveTextAsync("Choose at least one scope.");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("Name", new() { Exact = false })).ToHaveValueAsync("Nothing");
    }

    [Fact]
    public async Task Statuses_ReorderAddRenameDelete()
    {
        var admin = await fixture.Server.CreateAccountWithAdminAsync();
        using var api = fixture.Server.CreateApiClient(await fixture.Server.CreateTokenAsync(admin.AccountId));
        var page = await fixture.SignInAsync(admin.Email, admin.Password);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GotoAsync("/settings/statuses");

        await page.GetByRole(AriaRole.Button, new() { Name = "Move Busy up" }).ClickAsync();

        // The move posts the form and reloads the page, so the focus check waits for the new page
        // instead of reading the element that has focus at one instant.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Move Busy up" })).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Move Busy up" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Demo Booked");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add status" }).ClickAsync();
        await page.Locator("li[data-status='Demo Booked'] summary").ClickAsync();
        await page.GetByLabel("New name for Demo Booked").FillAsync("Demo Scheduled");
        await page.Locator("li[data-status='Demo Booked']").GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Missed" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Status “Missed” deleted.");
        await UiFixture.ScreenshotAsync(page, "statuses-desktop", output);

        var statuses = (await api.GetFromJsonAsync<JsonElement>("/v1/statuses")).GetProperty("statuses").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Unassigned", "Assigned", "Followups", "Busy", "Interested", "Not Interested", "Not Picked", "Wrong Number", "Customer", "Demo Scheduled"], statuses);
        await Expect(page.Locator(".status-name")).ToHaveTextAsync(statuses.Select(name => new Regex($"^\\s*{Regex.Escape(name!)}")).ToArray());
    }

    [Fact]
    public async Task Statuses_Protected_AreLocked()
    {
        var admin = await fixture.Server.CreateAccountWithAdminAsync();
        var page = await fixture.SignInAsync(admin.Email, admin.Password);

        await page.GotoAsync("/settings/statuses");

        foreach (var name in new[] { "Unassigned", "Followups", "Customer" })
        {
            var row = page.Locator($"li[data-status='{name}']");
            await Expect(row.Locator(".lock")).ToBeVisibleAsync();
            await Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Delete {name}" })).ToHaveCountAsync(0);
            await Expect(row.Locator("details.rename")).ToHaveCountAsync(0);
        }

        await Expect(page.Locator("li[data-status='Busy'] .lock")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Move Unassigned up" })).ToBeDisabledAsync();
    }

    [Fact]
    public async Task Statuses_RejectedChange_ShowsReason()
    {
        var admin = await fixture.Server.CreateAccountWithAdminAsync();
        var page = await fixture.SignInAsync(admin.Email, admin.Password);
        await page.GotoAsync("/settings/statuses");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("busy");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add status" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Expect(page.Locator(".status-row")).ToHaveCountAsync(10);
    }

    [Fact]
    public async Task Users_AddAgent_WhoCanSignIn()
    {
        var admin = await fixture.Server.CreateAccountWithAdminAsync();
        var page = await fixture.SignInAsync(admin.Email, admin.Password);
        var email = $"agent-{Guid.NewGuid():N}@example.com";
        await page.GotoAsync("/settings/users");

        await page.GetByLabel("Email", new() { Exact = false }).FillAsync(email);
        await page.GetByLabel("Role").SelectOptionAsync("agent");
        await page.GetByLabel("Password", new() { Exact = false }).FillAsync("agent-password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Expect(page.Locator("#users-table")).ToContainTextAsync(email);
        await UiFixture.ScreenshotAsync(page, "users-desktop", output);
        var agentPage = await fixture.SignInAsync(email, "agent-password-1");

        await Expect(agentPage.Locator(".role-badge")).ToHaveTextAsync("Agent");
    }

    private static async Task<HttpStatusCode> PostLeadAsync(string url, string token, string phone)
    {
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new { name = "Test Lead", phone }) };
        request.Headers.Add("X-Webhook-Token", token);
        return (await http.SendAsync(request)).StatusCode;
    }
}
