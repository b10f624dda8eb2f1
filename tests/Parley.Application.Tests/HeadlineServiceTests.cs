using Parley.Application.Analysing;
using Parley.Application.Forecasting;
using Parley.Application.Headline;
using Parley.Application.Models;
using Parley.Application.Scenarios;
using Parley.Backtest.Headline;
using Parley.Core.Domain;
using Parley.Core.Models.Baselines;
using Parley.Core.Power;

namespace Parley.Application.Tests;

/// <summary>The headline as served by the use cases: run, analyze (input ranges), and the capability basis of the models.</summary>
public class HeadlineServiceTests
{
    private static string Toy(string rule = "consensus", string range = "") => """
        scenario: {id: toy, title: Toy}
        decision_rule: RULE
        issues:
          - {id: spend, title: Spending, scale: {min: 0, max: 10}, status_quo: 2, anchors: {0: none, 5: half, 10: all}}
          - {id: other, title: Other, scale: {min: 0, max: 100}}
        actors:
          - id: a
            capability: 8
            positions: {spend: {position: 8, salience: 0.9RANGE}, other: {position: 10, salience: 0.5}}
          - id: b
            capability: 1
            positions: {spend: {position: 3, salience: 0.5}, other: {position: 50, salience: 0.5}}
          - id: c
            capability: 1
            positions: {spend: {position: 1, salience: 0.7}, other: {position: 90, salience: 0.5}}
        """.Replace("RULE", rule).Replace("RANGE", range);

    private static IEnumerable<(string, double, double, double, int)> Values(IEnumerable<Core.Models.HeadlineResult> h) =>
        h.Select(x => (x.Issue.Value, x.Forecast, x.P10, x.P90, x.Draws)).ToArray();

    private static Scenario Read(string text) => new ScenarioLoader().Parse("toy.yaml", text).Scenario;

    private static double Compromise(Scenario s, IssueId issue) =>
        new CompromiseModel().Run(Core.Models.IssueProblem.From(s, s.Issue(issue)), Core.Models.ModelSettings.Default).Forecast;

    [Theory]
    [InlineData("consensus", HeadlineRuleGroup.Consensus)]
    [InlineData("majority", HeadlineRuleGroup.Majority)]
    public void The_headline_is_the_shipped_model_of_the_rule_group_with_its_interval_on_the_issue_scale(string rule, HeadlineRuleGroup group)
    {
        var scenario = Read(Toy(rule));
        var spend = new IssueId("spend");
        var h = new HeadlineService().Forecast(scenario).Single(x => x.Issue == spend);
        var model = ShippedHeadline.Spec.For(group)!;
        var modelled = model.Combination.Basis.Apply(scenario);
        // consensus: the compromise; majority: 0.8 × compromise + 0.2 × EUM, the compromise alone when EUM did not settle
        var expected = Compromise(modelled, spend);
        if (model.Combination is ConvexCombination convex)
        {
            var eum = new Core.Models.ExpectedUtility.ExpectedUtilityModel().Run(modelled, Core.Models.ModelSettings.Default).For(spend)!;
            Assert.Equal([0.8, 0, 0.2], convex.Weights);
            if (eum.Convergence is not { Settled: false }) expected = 0.8 * expected + 0.2 * eum.Forecast;
        }
        Assert.Equal(expected, h.Forecast, 9);
        // positions 80, 30, 10 of 100: spread = population standard deviation
        double mean = 40, spread = Math.Sqrt(((80 - mean) * (80 - mean) + (30 - mean) * (30 - mean) + (10 - mean) * (10 - mean)) / 3);
        double half = (model.Interval.Scaling == IntervalScaling.Dispersion ? spread : 1) * model.Interval.Quantiles[HeadlineInterval.P90] / 10;
        Assert.Equal(Math.Max(0, expected - half), h.P10, 9);
        Assert.Equal(Math.Min(10, expected + half), h.P90, 9);
        Assert.Contains(group == HeadlineRuleGroup.Consensus ? "consensus/unanimity" : "majority", h.Method);
        Assert.Equal(0, h.Draws);
    }

    [Fact]
    public void A_forecast_carries_a_headline_per_issue_run_and_the_capability_basis_changes_the_models_not_the_headline()
    {
        var scenario = Read(Toy());
        var service = new ForecastService();
        var plain = service.Run(scenario, new ModelRequest { Models = ["compromise"] });
        Assert.Equal(["spend", "other"], plain.Headlines.Select(h => h.Issue.Value));
        Assert.Equal(["spend"], service.Run(scenario, new ModelRequest { Models = ["compromise"], Issues = ["spend"] }).Headlines.Select(h => h.Issue.Value));
        var power = service.Run(scenario, new ModelRequest { Models = ["compromise"], CapabilityBasis = CapabilityBasis.VotingPower });
        // under consensus every actor has the same power: the salience-weighted mean of 8, 3, 1
        Assert.Equal((0.9 * 8 + 0.5 * 3 + 0.7 * 1) / 2.1, power.Runs[0].Result.Issues[0].Forecast, 9);
        Assert.NotEqual(plain.Runs[0].Result.Issues[0].Forecast, power.Runs[0].Result.Issues[0].Forecast);
        Assert.Contains(power.Notes, n => n.Text.StartsWith("capabilities: voting-power (--capability-basis)"));
        Assert.Equal(Values(plain.Headlines), Values(power.Headlines));
        var declared = new ScenarioLoader().Parse("toy.yaml", "capability_basis: voting-power\n" + Toy()).Scenario;
        var fromScenario = service.Run(declared, new ModelRequest { Models = ["compromise"] });
        Assert.Equal(power.Runs[0].Result.Issues[0].Forecast, fromScenario.Runs[0].Result.Issues[0].Forecast, 12);
        Assert.Contains(fromScenario.Notes, n => n.Text.Contains("the scenario's capability_basis"));
    }

    [Fact]
    public void Without_input_ranges_analyze_says_the_bands_show_only_model_error()
    {
        var outcome = new AnalysisService().Run(Read(Toy()), new AnalysisRequest { Models = new ModelRequest { Models = ["compromise"] }, Draws = 50 });
        Assert.Contains(outcome.Notes, n => n.Text == HeadlineService.NoRangesNote);
        Assert.All(outcome.Result.Headlines, h => Assert.Equal(0, h.Draws));
        Assert.Equal(Values(new HeadlineService().Forecast(Read(Toy()))), Values(outcome.Result.Headlines));
    }

    [Fact]
    public void With_input_ranges_the_interval_adds_the_draws_and_is_reproducible()
    {
        // a's position 8 may be anywhere in 8..10: every draw lies at or above the point input
        var scenario = Read(Toy(range: ", range: {low: 8, high: 10}"));
        var service = new HeadlineService();
        var (headlines, notes) = service.WithInputRanges(scenario, 400, 7);
        Assert.Empty(notes);
        var spend = headlines.Single(h => h.Issue.Value == "spend");
        var point = service.Forecast(scenario).Single(h => h.Issue.Value == "spend");
        Assert.Equal(400, spend.Draws);
        Assert.Equal(point.Forecast, spend.Forecast, 12);
        Assert.NotEqual(point.P90, spend.P90);
        Assert.Equal(Values(headlines), Values(service.WithInputRanges(scenario, 400, 7).Headlines));
        Assert.NotEqual(spend.P10, service.WithInputRanges(scenario, 400, 8).Headlines.Single(h => h.Issue.Value == "spend").P10);
    }

    [Fact]
    public void Analyze_flags_a_model_whose_point_forecast_lies_outside_its_own_band()
    {
        var outcome = new AnalysisService().Run(Read(Toy(range: ", range: {low: 8, high: 10}")),
            new AnalysisRequest { Models = new ModelRequest { Models = ["compromise"] }, Draws = 200 });
        Assert.Contains(outcome.Notes, n => n.Text.StartsWith("compromise on spend: the point forecast") && n.Text.Contains("outside the model's own 10–90% band"));
        Assert.DoesNotContain(outcome.Notes, n => n.Text.StartsWith("compromise on other"));
        Assert.Contains(outcome.Result.Headlines, h => h.Draws == 200);
    }
}
