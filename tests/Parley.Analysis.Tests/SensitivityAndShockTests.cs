using Parley.Analysis.Inputs;
using Parley.Analysis.Sensitivity;
using Parley.Analysis.WhatIf;
using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.Baselines;
using Xunit;

namespace Parley.Analysis.Tests;

public class SensitivityAndShockTests
{
    [Fact]
    public void Input_slots_follow_the_documented_order()
    {
        var space = new InputSpace(TestScenarios.Small());
        Assert.Equal(["usa.capability", "usa.spend.position", "deu.spend.salience", "esp.spend.position"],
            space.Inputs.Select(i => i.Key));
        Assert.Equal([0, 1, 2, 3], space.Inputs.Select(i => i.Slot));
    }

    [Fact]
    public void Tornado_ranks_the_dominant_input_first_and_computes_the_swings()
    {
        var t = Tornado.Run(TestScenarios.Small(), new CompromiseModel(), ModelSettings.Default)
            .Single(x => x.Issue == TestScenarios.Spend);
        // centre: usa cap 10, usa pos 90, deu sal 0.6 (mode), esp pos 20 (mode); weights 9, 2.4, 1.6
        double Mean(double cu, double xu, double sd, double xe) =>
            (cu * 0.9 * xu + 4 * sd * 60 + 2 * 0.8 * xe) / (cu * 0.9 + 4 * sd + 2 * 0.8);
        Assert.Equal(Mean(10, 90, 0.6, 20), t.Centre, 12);
        Assert.Equal(Mean(10, 90, 0.6, 20), t.Point, 12);
        var byKey = t.Bars.ToDictionary(b => b.Input.Key);
        Assert.Equal(Mean(10, 80, 0.6, 20), byKey["usa.spend.position"].AtLow, 12);
        Assert.Equal(Mean(10, 100, 0.6, 20), byKey["usa.spend.position"].AtHigh, 12);
        Assert.Equal(Mean(8, 90, 0.6, 20), byKey["usa.capability"].AtLow, 12);
        Assert.Equal(Mean(10, 90, 0.6, 10), byKey["esp.spend.position"].AtLow, 12);
        Assert.Equal(Mean(10, 90, 0.6, 40), byKey["esp.spend.position"].AtHigh, 12);
        // the US position has by far the largest weight: its 20-point range moves the mean most
        Assert.Equal("usa.spend.position", t.Bars[0].Input.Key);
        Assert.True(t.Bars.Zip(t.Bars.Skip(1)).All(p => p.First.Swing >= p.Second.Swing));
    }

    [Fact]
    public void Tornado_of_an_issue_without_ranges_has_no_bars()
    {
        var t = Tornado.Run(TestScenarios.Small(), new CompromiseModel(), ModelSettings.Default)
            .Single(x => x.Issue == TestScenarios.Threat);
        // usa's capability range reaches the threat issue too (usa holds a stance there)
        Assert.Equal(["usa.capability"], t.Bars.Select(b => b.Input.Key));
    }

    [Fact]
    public void Multi_issue_tornado_agrees_with_the_fast_path()
    {
        var scenario = TestScenarios.Small();
        var fast = Tornado.Run(scenario, new CompromiseModel(), ModelSettings.Default);
        var slow = Tornado.Run(scenario, new DrawsTests.MultiIssueCompromise(), ModelSettings.Default);
        foreach (var f in fast)
        {
            var s = slow.Single(x => x.Issue == f.Issue);
            Assert.Equal(f.Centre, s.Centre, 12);
            var nonZero = s.Bars.Where(b => b.Swing > 1e-12).ToArray();
            Assert.Equal(f.Bars.Where(b => b.Swing > 1e-12).Select(b => b.Input.Key), nonZero.Select(b => b.Input.Key));
        }
    }

    [Theory]
    [InlineData("usa.spend.salience=0.3", InterventionKind.SetSalience, 0, 0.3)]
    [InlineData("USA.Spend.Position=55", InterventionKind.SetPosition, 0, 55)]
    [InlineData("deu.capability=7.5", InterventionKind.SetCapability, 0, 7.5)]
    [InlineData("esp.threat.salience@4=1", InterventionKind.SetSalience, 4, 1)]
    public void Set_overrides_parse_into_interventions(string text, InterventionKind kind, int round, double value)
    {
        var iv = WhatIfs.ParseSet(TestScenarios.Small(), text);
        Assert.Equal(kind, iv.Kind);
        Assert.Equal(round, iv.AtRound);
        Assert.Equal(value, iv.Value);
    }

    [Theory]
    [InlineData("fra.spend.salience=0.3", "unknown actor 'fra' (actors: usa, deu, esp)")]
    [InlineData("usa.budget.salience=0.3", "unknown issue 'budget' (issues: spend, threat)")]
    [InlineData("usa.spend.weight=0.3", "unknown field 'weight' (allowed: position, salience)")]
    [InlineData("usa.colour=2", "unknown field 'colour'")]
    [InlineData("usa.spend.salience=1.3", "salience must lie in 0..1 (got 1.3)")]
    [InlineData("usa.spend.position=130", "position must lie on the scale 0..100 (got 130)")]
    [InlineData("usa.spend.salience=high", "value 'high' is not a finite number")]
    [InlineData("usa.spend.salience", "expected KEY=VALUE")]
    [InlineData("usa.capability=0", "capability must be > 0")]
    public void Bad_overrides_say_what_is_wrong(string text, string message)
    {
        var e = Assert.Throws<WhatIfException>(() => WhatIfs.ParseSet(TestScenarios.Small(), text));
        Assert.Contains($"--set '{text}'", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Without_and_shock_names_are_checked()
    {
        var s = TestScenarios.Small();
        Assert.Equal(InterventionKind.Remove, WhatIfs.Without(s, "DEU").Kind);
        Assert.Contains("unknown actor 'xx'", Assert.Throws<WhatIfException>(() => WhatIfs.Without(s, "xx")).Message);
        Assert.Equal("us-walks-out", WhatIfs.FindShock(s, "US-walks-out").Id);
        Assert.Contains("declares: us-walks-out", Assert.Throws<WhatIfException>(() => WhatIfs.FindShock(s, "nope")).Message);
    }

    [Fact]
    public void A_set_input_loses_its_range_and_a_removed_actor_its_inputs()
    {
        var s = TestScenarios.Small();
        var fixedUs = ShockPlan.ApplyFixed(s, [WhatIfs.ParseSet(s, "usa.spend.position=50"), WhatIfs.Without(s, "esp")]);
        Assert.Equal(50, fixedUs.StanceOf(new ActorId("usa"), TestScenarios.Spend)!.Position);
        Assert.Null(fixedUs.StanceOf(new ActorId("usa"), TestScenarios.Spend)!.PositionRange);
        Assert.False(fixedUs.HasActor(new ActorId("esp")));
        Assert.Equal(["usa.capability", "deu.spend.salience"], new InputSpace(fixedUs).Inputs.Select(i => i.Key));
    }

    [Fact]
    public void Static_models_get_later_round_shocks_at_round_zero_with_a_note_and_dynamic_models_as_interventions()
    {
        var s = TestScenarios.Small();
        var shock = s.Shocks[0];
        var stat = ShockPlan.Prepare(s, new CompromiseModel(), ModelSettings.Default, shock.Interventions);
        Assert.False(stat.Scenario.HasActor(new ActorId("usa")));
        Assert.Empty(stat.Settings.Interventions);
        Assert.Contains("has no rounds", Assert.Single(stat.Notes));

        var dyn = ShockPlan.Prepare(s, new Dynamic(), ModelSettings.Default, shock.Interventions);
        Assert.True(dyn.Scenario.HasActor(new ActorId("usa")));
        Assert.Equal(shock.Interventions, dyn.Settings.Interventions);
        Assert.Empty(dyn.Notes);
    }

    [Fact]
    public void Shock_comparison_reports_the_forecast_with_and_without()
    {
        var s = TestScenarios.Small();
        var outcome = Assert.Single(ShockComparison.Compare(s, new CompromiseModel(), ModelSettings.Default, s.Shocks));
        var spend = outcome.Effects.Single(e => e.Issue == TestScenarios.Spend);
        Assert.Equal(new CompromiseModel().Run(s, ModelSettings.Default).For(TestScenarios.Spend)!.Forecast, spend.Without, 12);
        // without the US: (2.4·60 + 1.6·20)/4 = 44
        Assert.Equal(44, spend.With, 12);
        Assert.Null(outcome.Error);
    }

    [Fact]
    public void Analysis_runs_every_catalogued_model_without_per_model_code()
    {
        var s = TestScenarios.Small();
        var result = ScenarioAnalysis.Run(s, ModelCatalog.All, new AnalysisOptions { MonteCarlo = new() { Draws = 64 } },
            [WhatIfs.ParseSet(s, "deu.spend.salience=0.5")]);
        Assert.Equal(ModelCatalog.All.Count, result.Models.Count);
        foreach (var m in result.Models.Where(m => m.Error is null))
        {
            Assert.NotNull(m.Distribution);
            Assert.All(m.Distribution!.Issues, d => Assert.Equal(64, d.Draws));
        }
        Assert.Null(result.Scenario.StanceOf(new ActorId("deu"), TestScenarios.Spend)!.SalienceRange);
        // the what-if itself is reported as a shock: forecast without (as read) and with it
        var compromise = result.Models.Single(m => m.Name == "compromise");
        var whatIf = compromise.Shocks[0];
        Assert.Equal("what-if", whatIf.Shock.Id);
        var spend = whatIf.Effects.Single(e => e.Issue == TestScenarios.Spend);
        Assert.Equal(new CompromiseModel().Run(s, ModelSettings.Default).For(TestScenarios.Spend)!.Forecast, spend.Without, 12);
        Assert.Equal(compromise.Point!.For(TestScenarios.Spend)!.Forecast, spend.With, 12);
        Assert.NotEqual(spend.Without, spend.With);
    }

    private sealed class Dynamic : IModel
    {
        public ModelInfo Info { get; } = new("dyn", "test", "test", IsDynamic: true);
        public ScenarioResult Run(Scenario scenario, ModelSettings settings) => new CompromiseModel().Run(scenario, settings);
    }
}

public class SobolTests
{
    private static Scenario Linear()
    {
        // compromise with fixed weights: f = (1·x_a + 3·x_b + 2·50)/6, x_a ~ U[0, 60], x_b ~ U[30, 40]
        // Var contributions ∝ w² r²/12: a 1·3600, b 9·100 → S_a = S_Ta = 0.8, S_b = S_Tb = 0.2 (additive: first = total)
        var issue = new Issue(new IssueId("i"), "i", new Scale(0, 100));
        var a = new Actor(new ActorId("a"), "A", 1);
        var b = new Actor(new ActorId("b"), "B", 3);
        var c = new Actor(new ActorId("c"), "C", 2);
        return new Scenario(new ScenarioMetadata("lin", "lin"), [a, b, c], [issue],
        [
            new Stance(a.Id, issue.Id, 30, 1, new InputRange(0, 60)),
            new Stance(b.Id, issue.Id, 35, 1, new InputRange(30, 40)),
            new Stance(c.Id, issue.Id, 50, 1),
        ]);
    }

    [Fact]
    public void Sobol_indices_of_an_additive_model_match_the_variance_shares()
    {
        var r = Sobol.Run(Linear(), new CompromiseModel(), ModelSettings.Default, 20_000, new MonteCarlo.MonteCarloOptions { Seed = 3 }).Single();
        var byKey = r.Indices.ToDictionary(x => x.Input.Key);
        Assert.Equal(0.8, byKey["a.i.position"].First, 0.03);
        Assert.Equal(0.8, byKey["a.i.position"].Total, 0.03);
        Assert.Equal(0.2, byKey["b.i.position"].First, 0.03);
        Assert.Equal(0.2, byKey["b.i.position"].Total, 0.03);
        Assert.Equal("a.i.position", r.Indices[0].Input.Key);
        // Var f = (3600 + 900)/12/36
        Assert.Equal(4500.0 / 12 / 36, r.Variance, 0.5);
    }

    [Fact]
    public void Sobol_is_identical_for_any_thread_count_and_on_the_whole_scenario_path()
    {
        var s = Linear();
        var one = Sobol.Run(s, new CompromiseModel(), ModelSettings.Default, 500, new MonteCarlo.MonteCarloOptions { Threads = 1 }).Single();
        var two = Sobol.Run(s, new CompromiseModel(), ModelSettings.Default, 500, new MonteCarlo.MonteCarloOptions { Threads = 2 }).Single();
        Assert.Equal(one.Indices.Select(x => x.Total), two.Indices.Select(x => x.Total));
        var slow = Sobol.Run(s, new DrawsTests.MultiIssueCompromise(), ModelSettings.Default, 500, new MonteCarlo.MonteCarloOptions()).Single();
        for (int i = 0; i < one.Indices.Count; i++)
            Assert.Equal(one.Indices[i].Total, slow.Indices.Single(x => x.Input.Key == one.Indices[i].Input.Key).Total, 9);
    }
}
