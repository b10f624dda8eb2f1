using Parley.Application.Forecasting;
using Parley.Application.Models;
using Parley.Application.Scenarios;
using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Application.Tests;

/// <summary>
/// How the round-based models' runs end on the bundled Hague scenario: EUM's Russia wording is still moving after its
/// default 10 rounds (8: 64.9, 9: 20.3, 10: 100, 11: 20) and falls into a period-2 cycle of the positions whose outcome
/// is 49.72 from round 15 on, exact from round 56.
/// </summary>
public class ConvergenceTests
{
    private static IssueResult Eum(string issue, int? rounds = null)
    {
        var request = new ModelRequest { Models = ["eum"], Issues = [issue] };
        if (rounds is { } r) request = request.WithSetting("rounds", r.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var forecast = new ForecastService().Run(new ScenarioLoader().Bundled().Scenario, request);
        return forecast.Results.Single().For(new IssueId(issue))!;
    }

    [Fact]
    public void Eum_on_russia_at_its_default_rounds_is_not_a_resting_point_and_says_so()
    {
        var r = Eum("russia-threat");
        Assert.Equal(new Convergence(ConvergenceStatus.RoundCap, 10), r.Convergence);
        Assert.False(r.Convergence!.Settled);
        Assert.Contains(r.Notes!, n => n.Contains("still moving after round 10"));
    }

    [Fact]
    public void Eum_on_russia_run_long_enough_cycles_with_one_outcome()
    {
        var r = Eum("russia-threat", 60);
        Assert.Equal(ConvergenceStatus.Cycled, r.Convergence!.Status);
        Assert.Equal(2, r.Convergence.Cycle!.Count);
        Assert.All(r.Convergence.Cycle, v => Assert.Equal(49.72144282145537, v, 9));
        Assert.True(r.Convergence.Settled);
        Assert.Equal(r.Convergence.Cycle[^1], r.Forecast);
    }

    [Fact]
    public void Smp_on_the_hague_comes_to_rest_before_its_cap_and_hits_it_when_the_cap_is_one_round()
    {
        var scenario = new ScenarioLoader().Bundled().Scenario;
        var rested = new ForecastService().Run(scenario, new ModelRequest { Models = ["smp"] }).Results.Single().Issues[0];
        Assert.Equal(ConvergenceStatus.Converged, rested.Convergence!.Status);
        var capped = new ForecastService().Run(scenario, new ModelRequest { Models = ["smp"] }.WithSetting("max-rounds", "1")).Results.Single().Issues[0];
        Assert.Equal(new Convergence(ConvergenceStatus.RoundCap, 1), capped.Convergence);
        Assert.Contains(capped.Notes!, n => n.Contains("round cap"));
    }
}

/// <summary>What `validate` reports about vetoes where a declaration departs from the rule's default.</summary>
public class VetoSummaryTests
{
    private static Scenario Two(DecisionRule rule, bool? vetoA, bool optOutB = false)
    {
        var issue = new Issue(new IssueId("i"), "I", new Scale(0, 10), statusQuo: 0);
        Actor[] actors = [new(new ActorId("a"), "a", 1, veto: vetoA), new(new ActorId("b"), "b", 1) { OptOut = optOutB }];
        return new Scenario(new ScenarioMetadata("s", "S"), actors, [issue],
            [new Stance(actors[0].Id, issue.Id, 3, 1), new Stance(actors[1].Id, issue.Id, 7, 1)], rule);
    }

    [Fact]
    public void Nothing_is_reported_when_every_veto_follows_the_rule() =>
        Assert.Empty(ScenarioLoader.VetoSummary(Two(new DecisionRule.Consensus(), null)));

    [Fact]
    public void Veto_false_under_consensus_and_opt_outs_are_reported() =>
        Assert.Equal(["vetoes: under consensus every actor holds a veto except a (veto: false)",
            "opt-outs: b may accept with an exemption instead of vetoing (opt_out: true)"],
            ScenarioLoader.VetoSummary(Two(new DecisionRule.Consensus(), false, optOutB: true)));

    [Fact]
    public void A_declaration_that_changes_nothing_is_said_to() =>
        Assert.Equal(["vetoes: veto: false on a changes nothing: no issue is decided by consensus"],
            ScenarioLoader.VetoSummary(Two(new DecisionRule.Majority(), false)));
}

/// <summary>`analyze` flags a model whose point run did not settle.</summary>
public class AnalyzeConvergenceNoteTests
{
    [Fact]
    public void An_eum_run_at_its_round_cap_is_flagged_in_the_analysis_notes()
    {
        var scenario = new ScenarioLoader().Bundled().Scenario;
        var outcome = new Parley.Application.Analysing.AnalysisService().Run(scenario, new Parley.Application.Analysing.AnalysisRequest
        {
            Models = new ModelRequest { Models = ["eum"], Issues = ["russia-threat"] }, Draws = 4, Tornado = false,
        });
        Assert.Contains(outcome.Notes, n => n.Text == "eum on russia-threat: the run hit its round cap (10 rounds) still moving: the point forecast is not a resting point");
    }
}
