using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Reports.Html;
using Xunit;

namespace Parley.Analysis.Tests;

/// <summary>The report's "At a glance" shows the headline forecast and its interval, not a count of models.</summary>
public class HeadlineReportTests
{
    private static string Glance(string html)
    {
        int from = html.IndexOf("<h2>At a glance</h2>", StringComparison.Ordinal);
        return html[from..html.IndexOf("</section>", from, StringComparison.Ordinal)];
    }

    [Fact]
    public void At_a_glance_shows_the_headline_its_interval_and_the_models_as_evidence()
    {
        var result = ReportFixture.Small() with
        {
            Headlines =
            [
                new HeadlineResult(new IssueId("spend"), 48, 30, 71, "Parley forecast for consensus/unanimity rules: test method") { Draws = 400 },
                new HeadlineResult(new IssueId("threat"), 66, 50, 80, "Parley forecast for consensus/unanimity rules: test method"),
            ],
        };
        var html = HtmlReport.Render(result);
        var glance = Glance(html);
        Assert.Contains("≈ half (48 %)", glance);
        Assert.Contains("Parley forecast 48 % (80% interval 30–71 %, including the input ranges)", glance);
        Assert.Contains("80% interval 50–80, model error only (the inputs have no ranges)", glance);
        Assert.Contains("Models: compromise", glance);
        Assert.DoesNotContain("models point here", glance);
        Assert.DoesNotContain("models agree", glance);
        Assert.Contains("test method", html); // the method, under "Models and method"
    }

    [Fact]
    public void Without_a_headline_the_report_still_names_the_anchor_most_models_point_at()
    {
        var glance = Glance(HtmlReport.Render(ReportFixture.Small()));
        Assert.Contains("models", glance);
        Assert.DoesNotContain("Parley forecast", glance);
    }
}
