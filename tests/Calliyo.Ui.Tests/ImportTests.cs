using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Calliyo.Ui.Tests;

/// <summary>
/// The CSV import flow in the browser against the /v1/imports API. When this server has no
/// import API (POST /v1/imports returns 404), the flow tests are skipped with that reason.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class ImportTests(UiFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.CloseContextsAsync();

    public const string ApiAbsentReason = "The import API is not on this server: POST /v1/imports returned 404, so the import pages have nothing to drive.";

    private const string Csv = """
        First Name,Last Name,Mobile,Email,Tags
        Asha,Verma,+91 98765 13001,asha@example.com,vip
        Ravi,Kumar,+91 98765 13002,,expo;hot
        Ravi again,Kumar,098765 13002,,
        ,NoName,+91 98765 13003,,
        Meera,Iyer,,meera@example.com,

        """;

    [SkippableFact]
    public async Task ImportTab_FullFlow_ShowsSummary()
    {
        var admin = await fixture.Server.CreateAccountWithAdminAsync();
        var page = await fixture.SignInAsync(admin.Email, admin.Password);
        await page.GotoAsync("/leads/add");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Import leads" })).ToHaveAttributeAsync("aria-selected", "true");
        await UiFixture.ScreenshotAsync(page, "import-pick-desktop", output);

        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "leads.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes(Csv),
        });
        var preview = page.Locator("[data-step=preview]");
        var missing = page.Locator("[data-import][data-api-missing=true]");
        await Expect(page.Locator("[data-step=preview]:not([hidden]), [data-import][data-api-missing=true]")).ToHaveCountAsync(1);
        Skip.If(await missing.CountAsync() > 0, ApiAbsentReason);

        await Expect(preview.Locator("[data-facts]")).ToContainTextAsync("comma");
        await Expect(preview.Locator("#map-column-2")).ToHaveValueAsync("phone");
        await Expect(preview.Locator("tr[data-verdict=error]")).ToHaveCountAsync(2);
        await Expect(preview.Locator("tr[data-verdict=error] td.cell-missing")).ToHaveCountAsync(2);
        await Expect(preview.Locator("tr[data-verdict=duplicate_in_file]")).ToHaveCountAsync(1);
        await UiFixture.ScreenshotAsync(page, "import-preview-desktop", output);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();

        var done = page.Locator("[data-step=done]");
        await Expect(done).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(done.Locator("[data-summary]")).ToHaveTextAsync(new Regex("^2 leads imported, 1 skipped \\(duplicate\\), 2 errors"));
        await Expect(done.GetByRole(AriaRole.Link, new() { Name = "Download the error report (CSV)" })).ToBeVisibleAsync();
        await UiFixture.ScreenshotAsync(page, "import-done-desktop", output);
        var download = await page.RunAndWaitForDownloadAsync(() =>
            done.GetByRole(AriaRole.Link, new() { Name = "Download the error report (CSV)" }).ClickAsync());
        var report = await File.ReadAllTextAsync((await download.PathAsync())!);

        Assert.Contains("NoName", report, StringComparison.Ordinal);
        await page.GotoAsync("/imports");
        await Expect(page.Locator("[data-list-rows] tr").First).ToContainTextAsync("2 leads imported");
        await UiFixture.ScreenshotAsync(page, "imports-desktop", output);
    }

    [Fact]
    public async Task ImportTab_WhenApiIsAbsent_SaysSo()
    {
        var admin = await fixture.Server.CreateAccountWithAdminAsync();
        var page = await fixture.SignInAsync(admin.Email, admin.Password);
        var probe = await page.APIRequest.GetAsync("/v1/imports");
        if (probe.Status != 404)
        {
            return;
        }

        await page.GotoAsync("/leads/add");
        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = "leads.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(Csv) });

        await Expect(page.Locator("#import-pick-status")).ToContainTextAsync("Importing is not available on this server yet");
        await page.GotoAsync("/imports");
        await Expect(page.Locator("[data-list-status]")).ToContainTextAsync("Importing is not available on this server yet");
    }

    [Fact]
    public async Task ImportTab_RejectsOtherFilesBeforeUpload()
    {
        var admin = await fixture.Server.CreateAccountWithAdminAsync();
        var page = await fixture.SignInAsync(admin.Email, admin.Password);
        await page.GotoAsync("/leads/add");

        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = "photo.png", MimeType = "image/png", Buffer = [0x89, 0x50, 0x4e, 0x47] });

        await Expect(page.Locator("#import-pick-status")).ToHaveTextAsync("“photo.png” is not a CSV file. Choose a file that ends in .csv.");
    }
}
