using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Parley.Web.Tests;

/// <summary>The web app in a browser: the user's path from a template to forecasts, an analysis, a what-if and the report.</summary>
public sealed partial class BrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const float Timeout = 120_000; // generous: CI machines are shared

    private static async Task Interactive(IPage page) =>
        await Expect(page.Locator("#interactive")).ToBeVisibleAsync(new() { Timeout = Timeout });

    [Fact]
    public async Task From_a_template_to_forecasts_an_analysis_a_what_if_and_the_report()
    {
        var offsite = new List<string>();
        var page = await fixture.NewPage(offsite);
        try
        {
            await page.GotoAsync(fixture.BaseUrl + "/");
            await Interactive(page);
            await Expect(page.Locator("#scenario-list")).ToContainTextAsync("NATO summit, The Hague");
            await BrowserFixture.Shot(page, "01-scenarios");

            // a new scenario from the template, then an invalid salience: the CLI's located message, as you type
            await page.Locator("#create-from-template").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/scenarios/\d+/v/1$"), new() { Timeout = Timeout });
            long scenario = long.Parse(ScenarioId().Match(page.Url).Groups[1].Value, CultureInfo.InvariantCulture);
            var salience = page.Locator("input[data-actor='member-a'][data-issue='budget'][data-field='salience']");
            await Expect(salience).ToHaveValueAsync("0.8");
            await salience.FillAsync("7");
            var errors = page.Locator("#validation-errors");
            await Expect(errors).ToContainTextAsync("salience 7 lies outside its range", new() { Timeout = Timeout });
            await Expect(errors).ToContainTextAsync(new Regex(@"scenario\.yaml:\d+:\d+: error: actors.*salience"));
            await Expect(salience).ToHaveClassAsync(new Regex(@"\bbad\b"));
            await Expect(page.Locator("#save")).ToBeDisabledAsync();
            await BrowserFixture.Shot(page, "02-editor-invalid-salience");
            await salience.FillAsync("0.5");
            await Expect(page.Locator("#validation-ok")).ToBeVisibleAsync(new() { Timeout = Timeout });
            await page.Locator("#save-message").FillAsync("Member A cares less");
            await page.Locator("#save").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($@"/scenarios/{scenario}/v/2$"), new() { Timeout = Timeout });
            await Expect(salience).ToHaveValueAsync("0.5");
            await page.GetByRole(AriaRole.Tab, new() { Name = "Versions" }).ClickAsync();
            await page.Locator("#show-diff").ClickAsync();
            await Expect(page.Locator("#diff")).ToContainTextAsync("salience: 0.5");
            await Expect(page.Locator("#diff .del").Filter(new() { HasText = "salience: 0.8" })).ToHaveCountAsync(1);
            await BrowserFixture.Shot(page, "02b-version-diff");

            // run every model: the numbers shown are `parley run --json`'s for this version
            await page.GetByRole(AriaRole.Tab, new() { Name = "Runs" }).ClickAsync();
            await page.Locator("#run-forecast").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/runs/\d+$"), new() { Timeout = Timeout });
            long forecastRun = long.Parse(RunId().Match(page.Url).Groups[1].Value, CultureInfo.InvariantCulture);
            await Expect(page.Locator("svg[data-chart='scale']")).ToBeVisibleAsync(new() { Timeout = Timeout });
            using var client = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
            var source = (string)(await client.Get($"/api/scenarios/{scenario}/versions/2"))["source"]!;
            var cli = Api.Forecasts(Api.CliRunJson(source));
            var rows = page.Locator("tr[data-model]");
            Assert.Equal(cli.Count, await rows.CountAsync());
            foreach (var row in await rows.AllAsync())
            {
                var key = $"{await row.GetAttributeAsync("data-issue")}/{await row.GetAttributeAsync("data-model")}";
                var shown = double.Parse(await row.Locator("td.forecast").InnerTextAsync(), CultureInfo.InvariantCulture);
                Assert.Equal(Math.Round(cli[key], 3), shown, 9);
            }
            Assert.Equal(cli, Api.Forecasts(await client.Get($"/api/runs/{forecastRun}/result")));
            await Expect(page.Locator("#headline-budget .headline-text")).ToHaveTextAsync(
                new Regex(@"^Parley forecast: [\d.]+ \(80% interval [\d.]+–[\d.]+\)"), new() { Timeout = Timeout });
            await BrowserFixture.Shot(page, "03-forecast");

            // an analysis: progress while it runs, then the distributions and the tornado
            await page.GotoAsync(fixture.BaseUrl + $"/scenarios/{scenario}/v/2");
            await Interactive(page);
            await page.GetByRole(AriaRole.Tab, new() { Name = "Runs" }).ClickAsync();
            await page.Locator("#draws").FillAsync("100000");
            // every model is ticked by default; 100,000 draws of the two multi-issue models would outlast the test
            var models = page.Locator("#analysis-models");
            Assert.Equal(7, await models.Locator("input[type=checkbox]:checked").CountAsync());
            foreach (var slow in new[] { "smp", "exchange" })
            {
                await models.GetByLabel(slow, new() { Exact = true }).UncheckAsync();
                await Expect(models.GetByLabel(slow, new() { Exact = true })).Not.ToBeCheckedAsync();
            }
            await page.Locator("#run-analysis").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/runs/\d+$"), new() { Timeout = Timeout });
            await Expect(page.Locator("#progress")).ToBeVisibleAsync(new() { Timeout = Timeout });
            await Expect(page.GetByText(new Regex(@"Running: [1-9][\d,]* of [\d,]+ steps"))).ToBeVisibleAsync(new() { Timeout = Timeout });
            await BrowserFixture.Shot(page, "04-analysis-running");
            await Expect(page.Locator("#status")).ToHaveTextAsync("succeeded", new() { Timeout = 180_000 });
            await Expect(page.Locator("svg[data-chart='histogram']").First).ToBeVisibleAsync();
            await Expect(page.Locator("svg[data-chart='tornado']").First).ToBeVisibleAsync();
            await BrowserFixture.Shot(page, "05-analysis");

            // the report, downloaded
            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-report").ClickAsync());
            var path = Path.Combine(BrowserFixture.Screenshots, "report.html");
            await download.SaveAsAsync(path);
            var html = await File.ReadAllTextAsync(path, Api.Ct);
            Assert.StartsWith("<!DOCTYPE html>", html);
            Assert.Contains("A new negotiation", html);
            Assert.Contains("Outcome distributions", html);

            // a what-if on the forecast run: drop the first actor, saved as a run, side by side with the base
            await page.GotoAsync(fixture.BaseUrl + $"/runs/{forecastRun}");
            await Interactive(page);
            await page.Locator("#save-whatif").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($@"/runs/(?!{forecastRun}$)\d+$"), new() { Timeout = Timeout });
            await Expect(page.Locator("#label")).ToContainTextAsync("without chair");
            var compare = page.Locator("#compare-base table");
            await Expect(compare).ToBeVisibleAsync(new() { Timeout = Timeout });
            Assert.True(await compare.Locator("tr.changed").CountAsync() > 0, "dropping the chair changed no forecast");
            await BrowserFixture.Shot(page, "06-what-if");

            // the Hague scenario in the editor
            await page.GotoAsync(fixture.BaseUrl + "/scenarios/2");
            await Interactive(page);
            await Expect(page.Locator("#actor-grid")).ToContainTextAsync("Secretary General (Mark Rutte)", new() { Timeout = Timeout });
            await BrowserFixture.Shot(page, "07-hague-editor");
            Assert.Empty(offsite);
        }
        finally
        {
            await page.Context.CloseAsync(); // before the factory is disposed: an open circuit delays its shutdown
        }
    }

    [Fact]
    public async Task An_actor_named_like_a_script_is_shown_as_text()
    {
        using var client = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        var v = await client.Post("/api/scenarios", new { source = SecurityTests.HostileScenario }, HttpStatusCode.Created);
        long id = (long)v["scenario_id"]!;
        var run = await client.Post($"/api/scenarios/{id}/forecasts", new { }, HttpStatusCode.Created);
        var offsite = new List<string>();
        var page = await fixture.NewPage(offsite);
        var dialogs = new List<string>();
        page.Dialog += (_, d) => { dialogs.Add(d.Message); _ = d.DismissAsync(); };
        try
        {
            await page.GotoAsync(fixture.BaseUrl + $"/scenarios/{id}");
            await Interactive(page);
            await Expect(page.Locator("#actor-grid")).ToContainTextAsync(SecurityTests.Script);
            await Expect(page.Locator("#issues input").First).ToHaveValueAsync("<img src=x onerror=alert(2)>");
            await page.GotoAsync(fixture.BaseUrl + $"/runs/{(long)run["id"]!}");
            await Interactive(page);
            await Expect(page.Locator("#issue-budget h5")).ToHaveTextAsync("<img src=x onerror=alert(2)>");
            await page.GotoAsync(fixture.BaseUrl + $"/api/runs/{(long)run["id"]!}/report");
            await Expect(page.Locator("body")).ToContainTextAsync(SecurityTests.Script);
            Assert.Equal(0, await page.Locator("img[src='x']").CountAsync());
            Assert.Empty(dialogs);
            Assert.Empty(offsite);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_API_reference_page_needs_nothing_from_elsewhere()
    {
        var offsite = new List<string>();
        var page = await fixture.NewPage(offsite);
        try
        {
            await page.GotoAsync(fixture.BaseUrl + "/scalar/");
            await Expect(page.GetByText("/api/scenarios/{id}/versions").First).ToBeAttachedAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await BrowserFixture.Shot(page, "08-api-reference");
            Assert.Empty(offsite);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [GeneratedRegex(@"/scenarios/(\d+)/")]
    private static partial Regex ScenarioId();

    [GeneratedRegex(@"/runs/(\d+)$")]
    private static partial Regex RunId();
}
