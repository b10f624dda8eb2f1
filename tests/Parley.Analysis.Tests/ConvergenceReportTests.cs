using Parley.Analysis.MonteCarlo;
using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.Baselines;
using Parley.Core.Models.ExpectedUtility;
using Parley.Formats;
using Parley.Reports.Html;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Analysis.Tests;

/// <summary>The report says how each model's run ended, and "At a glance" names the runs that did not settle.</summary>
public class ConvergenceReportTests
{
    private static string Section(string html, string start, string end = "</section>")
    {
        int from = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"no {start}");
        return html[from..html.IndexOf(end, from, StringComparison.Ordinal)];
    }

    private static string Glance(string html) => Section(html, "<h2>At a glance</h2>");

    [Fact]
    public void The_bundled_scenario_shows_the_EUM_round_cap_on_Russia_in_the_model_table_and_at_a_glance()
    {
        var loaded = ScenarioFiles.Load(Path.Combine(Fixtures.RepoRoot, "scenarios", "nato-hague-2025.yaml"));
        Assert.True(loaded.Value is not null, string.Join("; ", loaded.Errors.Take(3)));
        var scenario = loaded.Value!;
        var result = ScenarioAnalysis.Run(scenario, [new CompromiseModel(), new ExpectedUtilityModel()],
            new AnalysisOptions { MonteCarlo = new MonteCarloOptions { Draws = 10, Seed = 1, Threads = 2 }, Tornado = false });
        // what `parley run --json` says: EUM on the Russia issue still moving at its round cap of 10 rounds; on the
        // spending target a two-round cycle with one outcome (settled)
        var eum = result.Models[1].Point!;
        Assert.Equal(new Convergence(ConvergenceStatus.RoundCap, 10), eum.For(new IssueId("russia-threat"))!.Convergence);
        var spending = eum.For(new IssueId("spending-target"))!.Convergence!;
        Assert.Equal((ConvergenceStatus.Cycled, 2, true), (spending.Status, spending.Cycle!.Count, spending.Settled));

        var html = HtmlReport.Render(result);
        var russia = Section(html, "id=\"issue-russia-threat\"");
        Assert.Contains("<td class=\"num\">100 <span class=\"conv\" title=\"round cap: still moving after 10 rounds, so the forecast is the last round&#39;s, not a resting point\">…</span></td>", russia);
        Assert.Contains("<td class=\"convergence\">round cap: still moving after 10 rounds, so the forecast is the last round&#39;s, not a resting point</td>", russia);
        Assert.Contains("<p class=\"note legend\"><span class=\"conv\">…</span> the model hit its round cap while still moving: the forecast is not a resting point.</p>", russia);
        Assert.DoesNotContain("<span class=\"conv\">↻</span>", russia); // no legend for a marker not shown
        var spend = Section(html, "id=\"issue-spending-target\"");
        Assert.Contains("<td class=\"convergence\">cycled (period 2) with the same outcome in every round of the cycle: the forecast is settled</td>", spend);
        Assert.DoesNotContain("class=\"conv\"", spend);

        var glance = Glance(html);
        Assert.Contains("<div class=\"caveat\">Did not settle (the forecast is not a resting point): eum — round cap: still moving after 10 rounds", glance);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(glance, "Did not settle")); // Russia only: the spending cycle settled
    }

    /// <summary>A model whose run cycles between two outcomes, named like a script (a stand-in for any text that reaches the report).</summary>
    private sealed class CyclingModel : IssueModel
    {
        public override ModelInfo Info { get; } = new("<img src=x onerror=alert(1)>", "Test model: cycles.", "test", IsDynamic: true);

        public override IssueResult Run(IssueProblem problem, ModelSettings settings) => new()
        {
            Issue = problem.Issue.Id, Forecast = 60, Convergence = new Convergence(ConvergenceStatus.Cycled, 7, [40, 60]),
        };
    }

    [Fact]
    public void A_cycle_is_marked_explained_and_escaped_with_the_headlines_notes_at_a_glance()
    {
        var result = ScenarioAnalysis.Run(TestScenarios.Small(false), [new CompromiseModel(), new CyclingModel()],
            new AnalysisOptions { MonteCarlo = new MonteCarloOptions { Draws = 10, Seed = 1, Threads = 1 }, Tornado = false }) with
        {
            Headlines = [new HeadlineResult(TestScenarios.Spend, 50, 40, 60, "test method") { Notes = ["eum left out: <script>alert(2)</script>"] }],
        };
        var html = HtmlReport.Render(result);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<script>", html);
        var spend = Section(html, "id=\"issue-spend\"");
        const string words = "cycled (period 2): the outcome alternates between 40, 60; the forecast is round 7&#39;s, so it depends on where the rounds stop";
        Assert.Contains($"<span class=\"conv\" title=\"{words}\">↻</span>", spend);
        Assert.Contains($"<td class=\"convergence\">{words}</td>", spend);
        Assert.Contains("<span class=\"conv\">↻</span> the model&#39;s rounds cycle", spend);
        var glance = Glance(html);
        Assert.Contains("<div class=\"caveat\">Parley forecast: eum left out: &lt;script&gt;alert(2)&lt;/script&gt;.</div>", glance);
        Assert.Contains($"<div class=\"caveat\">Did not settle (the forecast is not a resting point): &lt;img src=x onerror=alert(1)&gt; — {words}.</div>", glance);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt; 60 (cycles, period 2)", glance);
        // a model with no notion of rounds says nothing about them
        Assert.Contains("<td class=\"convergence\">–</td>", spend);
    }
}
