using Microsoft.Playwright;

namespace Parley.Web.Tests;

/// <summary>
/// The web app on a real port (a fresh SQLite database) and Debian's chromium driven by Playwright. Screenshots of the
/// main pages go to TestResults/screenshots under the test output folder.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    public ParleyFactory Factory { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl => Factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');

    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async ValueTask InitializeAsync()
    {
        Factory = new ParleyFactory(kestrel: true);
        if (!File.Exists(Chromium)) return;
        Directory.CreateDirectory(Screenshots);
        Assertions.SetDefaultExpectTimeout(30_000);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    /// <summary>A page whose requests must all go to the app (anything else is recorded in <see cref="Offsite"/> and aborted).</summary>
    public async Task<IPage> NewPage(List<string> offsite)
    {
        if (Browser is null) Assert.Fail($"{Chromium} is missing: install it with .ci/setup-chromium (apt-get install chromium)");
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        await context.RouteAsync("**/*", async route =>
        {
            var url = route.Request.Url;
            if (url.StartsWith(BaseUrl, StringComparison.Ordinal) || url.StartsWith("ws://", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal))
                await route.ContinueAsync();
            else
            {
                lock (offsite) offsite.Add(url);
                await route.AbortAsync();
            }
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000); // CI machines are shared and can be slow; a real failure still fails
        return page;
    }

    public static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
        Factory.Dispose();
    }
}
