using Parley.Analysis.MonteCarlo;
using Parley.Core.Models;
using Parley.Formats;
using Parley.Reports.Html;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Analysis.Tests;

/// <summary>
/// The report on the bundled Hague scenario with every catalogued model, rendered in headless chromium. Skips while the
/// scenario cannot be read (no reader registered for it yet) or chromium is absent. Screenshot:
/// report-screenshots/hague-report.png under the test output directory.
/// </summary>
public class HagueReportTests
{
    [Fact]
    public void Hague_report_has_every_chart_and_renders_to_a_non_blank_screenshot()
    {
        var path = Path.Combine(Fixtures.RepoRoot, "scenarios", "nato-hague-2025.yaml");
        var loaded = ScenarioFiles.Load(path);
        if (loaded.Value is null)
            Assert.Skip($"the Hague scenario cannot be read yet: {string.Join("; ", loaded.Errors.Take(3))}");
        var scenario = loaded.Value!;
        // the one-issue models at the default draws (`parley report` also runs smp and exchange by default: their charts are
        // the same kinds, and the whole default's cost is `parley bench`'s, not a test's)
        var models = ModelCatalog.All.Where(m => m is IIssueModel && !m.Info.IsMultiIssue).ToArray();
        var result = ScenarioAnalysis.Run(scenario, models, new AnalysisOptions { MonteCarlo = new MonteCarloOptions { Draws = 2000, Threads = 2 } });
        var html = HtmlReport.Render(result);
        ReportBrowserTests.CheckStructure(html, result);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "hague-report.html"), html);

        var png = ReportBrowserTests.Screenshot(html, "hague-report");
        var image = PngImage.Read(png);
        Assert.True(image.LuminanceVariance() > 100, "screenshot looks blank");
    }
}
