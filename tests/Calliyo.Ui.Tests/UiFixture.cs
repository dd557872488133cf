using Calliyo.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Calliyo.Ui.Tests;

/// <summary>
/// One server on a fresh PostgreSQL database and one headless Chromium, shared by the browser
/// tests. Each test opens its own browser contexts (so its own cookies) and works on its own data.
/// </summary>
public sealed class UiFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium. Playwright never downloads a browser here: the machine has no internet access.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly PostgresDatabase _database = new();
    private readonly List<IBrowserContext> _contexts = [];
    private IPlaywright? _playwright;

    public UiServer Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the tests save screenshots: <c>artifacts/screenshots</c> in the test output folder.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing. Run the tests with scripts/test.sh, which installs Debian's chromium package, or run 'apt-get install -y chromium'.");
        }

        await _database.InitializeAsync();
        Server = new UiServer(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["ConnectionStrings:Calliyo"] = _database.ConnectionString,
        });
        Server.StartServer();

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    /// <summary>Opens a fresh browser context (no cookies) at desktop size, with the server as base URL.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 860)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        // Generous, because a sign-in hashes a password and a shared 2-core CI machine can be busy.
        // A wait only lasts this long when something is really wrong.
        context.SetDefaultTimeout(45_000);
        context.SetDefaultNavigationTimeout(45_000);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>Closes the browser contexts that the finished test opened.</summary>
    public async Task CloseContextsAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        _contexts.Clear();
    }

    /// <summary>Opens a fresh context and signs in as <paramref name="email"/>.</summary>
    public async Task<IPage> SignInAsync(string email, string password, int width = 1280, int height = 860)
    {
        var page = await NewPageAsync(width, height);
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/leads");
        return page;
    }

    /// <summary>Saves a full-page screenshot as <c>NAME.png</c>, writes its path to the test output and returns it.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name, ITestOutputHelper output)
    {
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
        return path;
    }
}

[CollectionDefinition(Name)]
public sealed class UiCollection : ICollectionFixture<UiFixture>
{
    public const string Name = "Browser";
}
