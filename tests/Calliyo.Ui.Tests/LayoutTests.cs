using System.Net.Http.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Calliyo.Ui.Tests;

/// <summary>The pages at phone and desktop widths, the phone menu, and a screenshot of each main page.</summary>
[Collection(UiCollection.Name)]
public sealed class LayoutTests(UiFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.CloseContextsAsync();

    private static readonly (string Name, string Path)[] MainPages =
    [
        ("leads", "/leads"),
        ("add-lead", "/leads/add?tab=single"),
        ("import", "/leads/add?tab=import"),
        ("imports", "/imports"),
        ("webhook-keys", "/settings/webhook-keys"),
        ("api-tokens", "/settings/api-tokens"),
        ("statuses", "/settings/statuses"),
        ("users", "/settings/users"),
    ];

    [Theory]
    [InlineData("desktop", 1280, 860)]
    [InlineData("phone", 390, 844)]
    public async Task MainPages_LabelledAndFitWidth(string device, int width, int height)
    {
        var admin = await fixture.Server.CreateAccountWithAdminAsync();
        await SeedLeadsAsync(admin.AccountId);
        var signIn = await fixture.NewPageAsync(width, height);
        await signIn.GotoAsync("/signin");
        await UiFixture.ScreenshotAsync(signIn, $"signin-{device}", output);
        var page = await fixture.SignInAsync(admin.Email, admin.Password, width, height);

        foreach (var (name, path) in MainPages)
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            await Expect(page.Locator("h1")).ToHaveCountAsync(1);
            await AssertEveryControlIsLabelledAsync(page, path);
            await AssertNoHorizontalScrollAsync(page, path, width);
            await UiFixture.ScreenshotAsync(page, $"{name}-{device}", output);
        }

        await page.GotoAsync("/leads");
        await page.Locator("#leads-table tbody tr a").First.ClickAsync();
        await UiFixture.ScreenshotAsync(page, $"lead-detail-{device}", output);
    }

    [Fact]
    public async Task PhoneWidth_MenuButtonShowsNavigation()
    {
        var page = await fixture.SignInAsync(UiServer.AdminEmail, UiServer.AdminPassword, 390, 844);
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        var statusesLink = page.GetByRole(AriaRole.Link, new() { Name = "Statuses" });

        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(statusesLink).ToBeHiddenAsync();
        await menu.ClickAsync();
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(statusesLink).ToBeVisibleAsync();
        await UiFixture.ScreenshotAsync(page, "menu-open-phone", output);
        await statusesLink.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Statuses", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task DesktopWidth_SidebarMarksCurrentPage()
    {
        var page = await fixture.SignInAsync(UiServer.AdminEmail, UiServer.AdminPassword);

        await page.GotoAsync("/settings/api-tokens");

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Menu" })).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "API tokens" }))
            .ToHaveAttributeAsync("aria-current", "page");
    }

    [Fact]
    public async Task Tabs_ArrowKeysSwitchPanels()
    {
        var page = await fixture.SignInAsync(UiServer.AdminEmail, UiServer.AdminPassword);
        await page.GotoAsync("/leads/add");
        var importTab = page.GetByRole(AriaRole.Tab, new() { Name = "Import leads" });

        await importTab.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");

        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Add single lead" })).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Add single lead" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.GetByRole(AriaRole.Tabpanel, new() { Name = "Add single lead" })).ToBeVisibleAsync();
        await Expect(page.Locator("#panel-import")).ToBeHiddenAsync();
    }

    private async Task SeedLeadsAsync(Guid accountId)
    {
        using var api = fixture.Server.CreateApiClient(await fixture.Server.CreateTokenAsync(accountId));
        var leads = new object[]
        {
            new { firstName = "Asha", lastName = "Verma", phone = "+919876515001", email = "asha.verma@example.com", tags = new[] { "vip", "expo-2026" }, status = "Interested" },
            new { firstName = "Ravi", lastName = "Kumar", phone = "+919876515002", tags = new[] { "walk-in" } },
            new { firstName = "Meera", lastName = "Iyer", phone = "+919876515003", email = "meera@example.com", status = "Followups" },
        };
        var response = await api.PostAsync("/v1/leads/batch", JsonContent.Create(new { leads }));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Every visible input, select and textarea has a label, an aria-label or aria-labelledby.</summary>
    private static async Task AssertEveryControlIsLabelledAsync(IPage page, string path)
    {
        var unlabelled = await page.EvaluateAsync<string[]>("""
            () => Array.from(document.querySelectorAll("input:not([type=hidden]), select, textarea"))
                .filter(el => el.offsetParent !== null || el.closest("label"))
                .filter(el => !(el.labels && el.labels.length) && !el.getAttribute("aria-label") && !el.getAttribute("aria-labelledby"))
                .map(el => el.outerHTML.slice(0, 120))
            """);
        Assert.True(unlabelled.Length == 0, $"{path} has controls without a label: {string.Join(" | ", unlabelled)}");
    }

    private static async Task AssertNoHorizontalScrollAsync(IPage page, string path, int width)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var tooWide = await page.EvaluateAsync<string[]>($$"""
            () => Array.from(document.querySelectorAll("body *"))
                .filter(el => el.getBoundingClientRect().right > {{width}} && !(el.parentElement && el.parentElement.closest(".table-wrap, pre")))
                .slice(0, 5)
                .map(el => el.tagName.toLowerCase() + (el.className ? "." + el.className : "") + " " + Math.round(el.getBoundingClientRect().right))
            """);
        Assert.True(scrollWidth <= width, $"{path} is {scrollWidth} px wide at a {width} px viewport; the page scrolls sideways. Too wide: {string.Join(", ", tooWide)}");
    }
}
