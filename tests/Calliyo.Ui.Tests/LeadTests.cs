using System.Text.RegularExpressions;
using Calliyo.Storage.Leads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Calliyo.Ui.Tests;

/// <summary>Adding single leads, the leads list and a lead's page.</summary>
[Collection(UiCollection.Name)]
public sealed partial class LeadTests(UiFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.CloseContextsAsync();

    [Fact]
    public async Task SingleLead_TwoTags_AppearsOnTop()
    {
        var admin = await fixture.Server.CreateAccountWithAdminAsync();
        var page = await fixture.SignInAsync(admin.Email, admin.Password);
        await page.GotoAsync("/leads/add?tab=single");

        await Field(page, "First name").FillAsync("Asha");
        await Field(page, "Last name").FillAsync("Verma");
        await Field(page, "Phone").FillAsync("+91 98765 11001");
        await Field(page, "Email").FillAsync("asha@example.com");
        var tags = Field(page, "Tags");
        await tags.FillAsync("vip");
        await tags.PressAsync("Enter");
        await tags.FillAsync("hot");
        await tags.PressAsync("Enter");
        await tags.FillAsync("mistake");
        await tags.PressAsync("Enter");
        await tags.PressAsync("Backspace");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Status" }).SelectOptionAsync("Interested");
        await Expect(page.Locator(".tag-chip")).ToHaveCountAsync(2);
        await UiFixture.ScreenshotAsync(page, "add-single-lead-desktop", output);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save lead" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(AddedUrl());
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Lead added: Asha Verma.");
        var top = page.Locator("#leads-table tbody tr").First;
        await Expect(top).ToContainTextAsync("Asha Verma");
        await Expect(top).ToContainTextAsync("+919876511001");
        await Expect(top).ToContainTextAsync("Interested");
        await Expect(top.Locator(".tag")).ToHaveTextAsync(["vip", "hot"]);
        await Expect(top).ToHaveClassAsync("row-new");
        await UiFixture.ScreenshotAsync(page, "leads-desktop", output);

        var stored = await fixture.Server.Services.GetRequiredService<LeadStore>().ListAsync(new LeadQuery(admin.AccountId), CancellationToken.None);
        var lead = Assert.Single(stored);
        Assert.Equal(["vip", "hot"], lead.Tags);
        Assert.Equal("manual", lead.Source);
        Assert.Equal(admin.Id.ToString(), lead.SourceRef);
    }

    [Fact]
    public async Task SingleLead_Newer_IsTopRow()
    {
        var admin = await fixture.Server.CreateAccountWithAdminAsync();
        var page = await fixture.SignInAsync(admin.Email, admin.Password);

        await AddLeadAsync(page, "Older", "+91 98765 11011");
        await AddLeadAsync(page, "Newer", "+91 98765 11012");

        var names = await page.Locator("#leads-table tbody tr td:first-child").AllTextContentsAsync();
        Assert.Equal(["Newer", "Older"], names.Select(name => name.Trim()));
    }

    [Fact]
    public async Task SingleLead_InvalidFields_KeepInput()
    {
        var admin = await fixture.Server.CreateAccountWithAdminAsync();
        var page = await fixture.SignInAsync(admin.Email, admin.Password);
        await page.GotoAsync("/leads/add?tab=single");

        await Field(page, "Last name").FillAsync("Kapoor");
        await Field(page, "Phone").FillAsync("12");
        await Field(page, "Email").FillAsync("not-an-email");
        var tags = Field(page, "Tags");
        await tags.FillAsync("kept");
        await tags.PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save lead" }).ClickAsync();

        await Expect(page.Locator("#FirstName-error")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("#Phone-error")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("#Email-error")).ToContainTextAsync("not-an-email");
        await Expect(Field(page, "First name")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Field(page, "Last name")).ToHaveValueAsync("Kapoor");
        await Expect(Field(page, "Email")).ToHaveValueAsync("not-an-email");
        await Expect(page.Locator(".tag-chip")).ToHaveTextAsync([new Regex("^kept")]);
        await UiFixture.ScreenshotAsync(page, "add-single-lead-errors-desktop", output);
    }

    [Fact]
    public async Task SingleLead_ExpiredForm_AsksToRetry()
    {
        var admin = await fixture.Server.CreateAccountWithAdminAsync();
        var page = await fixture.SignInAsync(admin.Email, admin.Password);
        await page.GotoAsync("/leads/add?tab=single");

        await Field(page, "First name").FillAsync("Late");
        await Field(page, "Phone").FillAsync("+91 98765 11041");
        await page.EvaluateAsync("() => document.querySelectorAll('#panel-single input[name=__RequestVerificationToken]').forEach(input => input.value = 'expired')");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save lead" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The form expired before it was sent");
        await Expect(page).ToHaveURLAsync(new Regex("/leads/add\\?tab=single$"));
        var stored = await fixture.Server.Services.GetRequiredService<LeadStore>().CountAsync(admin.AccountId, CancellationToken.None);
        Assert.Equal(0, stored);
    }

    [Fact]
    public async Task DuplicatePhone_ShowsWarning_LinkOpensExistingLead()
    {
        var admin = await fixture.Server.CreateAccountWithAdminAsync();
        var page = await fixture.SignInAsync(admin.Email, admin.Password);
        await AddLeadAsync(page, "Ravi", "+91 98765 11021");
        var existingId = await page.Locator("#leads-table tbody tr").First.GetAttributeAsync("data-lead-id");

        await page.GotoAsync("/leads/add?tab=single");
        await Field(page, "First name").FillAsync("Ravi again");
        await Field(page, "Phone").FillAsync("098765 11021");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save lead" }).ClickAsync();

        await Expect(page.Locator("#duplicate-warning")).ToBeVisibleAsync();
        await Expect(Field(page, "First name")).ToHaveValueAsync("Ravi again");
        await UiFixture.ScreenshotAsync(page, "duplicate-phone-desktop", output);
        await page.GetByRole(AriaRole.Link, new() { Name = "Open the existing lead" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/leads/{existingId}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ravi");
        await Expect(page.Locator("[data-field=phone]")).ToHaveTextAsync("+919876511021");
        await Expect(page.Locator("[data-field=source]")).ToHaveTextAsync("Added by hand");
        await Expect(page.Locator("[data-field=source-reference]")).ToHaveTextAsync(admin.Email);
        await UiFixture.ScreenshotAsync(page, "lead-detail-desktop", output);
    }

    [Fact]
    public async Task LeadsList_Filters_NarrowRows()
    {
        var admin = await fixture.Server.CreateAccountWithAdminAsync();
        using var api = fixture.Server.CreateApiClient(await fixture.Server.CreateTokenAsync(admin.AccountId));
        await api.PostAsync("/v1/leads", Json(new { firstName = "Meera", phone = "+919876511031", status = "Busy", tags = new[] { "expo" } }));
        await api.PostAsync("/v1/leads", Json(new { firstName = "Kabir", phone = "+919876511032", email = "kabir@example.com" }));
        var page = await fixture.SignInAsync(admin.Email, admin.Password);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Filter by status" }).GetByRole(AriaRole.Link, new() { Name = "Busy" }).ClickAsync();
        var byStatus = await RowNamesAsync(page);
        await page.GotoAsync("/leads?tag=EXPO");
        var byTag = await RowNamesAsync(page);
        await page.GotoAsync("/leads");
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" }).FillAsync("kabir@");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        var bySearch = await RowNamesAsync(page);
        await page.GotoAsync("/leads");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Source" }).SelectOptionAsync("manual");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        Assert.Equal(["Meera"], byStatus);
        Assert.Equal(["Meera"], byTag);
        Assert.Equal(["Kabir"], bySearch);
        await Expect(page.GetByText("No leads match these filters.")).ToBeVisibleAsync();
        var chips = await page.GetByRole(AriaRole.Navigation, new() { Name = "Filter by status" }).GetByRole(AriaRole.Link).AllTextContentsAsync();
        Assert.Equal(["All", "Unassigned", "Assigned", "Followups", "Interested", "Not Interested", "Busy", "Not Picked", "Missed", "Wrong Number", "Customer"], chips);
    }

    [Fact]
    public async Task LeadsList_PagesWithCursor()
    {
        var admin = await fixture.Server.CreateAccountWithAdminAsync();
        using var api = fixture.Server.CreateApiClient(await fixture.Server.CreateTokenAsync(admin.AccountId));
        var leads = Enumerable.Range(0, 55).Select(i => new { firstName = $"Lead{i:D2}", phone = $"+9198765{20000 + i}" }).ToArray();
        var batch = await api.PostAsync("/v1/leads/batch", Json(new { leads }));
        batch.EnsureSuccessStatusCode();
        var page = await fixture.SignInAsync(admin.Email, admin.Password);

        var firstPage = await RowNamesAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Older leads" }).ClickAsync();
        var secondPage = await RowNamesAsync(page);

        Assert.Equal(50, firstPage.Count);
        Assert.Equal(5, secondPage.Count);
        Assert.Empty(firstPage.Intersect(secondPage));
        Assert.Equal(leads.Select(l => l.firstName).Order(), firstPage.Concat(secondPage).Order());
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Older leads" })).ToHaveCountAsync(0);
    }

    internal static async Task AddLeadAsync(IPage page, string firstName, string phone)
    {
        await page.GotoAsync("/leads/add?tab=single");
        await Field(page, "First name").FillAsync(firstName);
        await Field(page, "Phone").FillAsync(phone);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save lead" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(AddedUrl());
    }

    /// <summary>The visible text box whose label starts with <paramref name="label"/>, such as "First name (required)".</summary>
    private static ILocator Field(IPage page, string label) => page.GetByRole(AriaRole.Textbox, new() { Name = label });

    private static async Task<List<string>> RowNamesAsync(IPage page)
    {
        var table = page.Locator("#leads-table tbody tr td:first-child");
        if (await page.Locator("#leads-table").CountAsync() == 0)
        {
            return [];
        }

        return (await table.AllTextContentsAsync()).Select(name => name.Trim()).ToList();
    }

    private static StringContent Json(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    [GeneratedRegex("/leads\\?added=[0-9a-f-]{36}$")]
    private static partial Regex AddedUrl();
}
