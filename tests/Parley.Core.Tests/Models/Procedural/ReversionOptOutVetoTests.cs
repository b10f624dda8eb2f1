using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.Baselines;
using Parley.Core.Models.Procedural;
using Xunit;

namespace Parley.Core.Tests.Models.Procedural;

/// <summary>
/// Institutions in the procedural and Nash models: a declared <c>veto: false</c> under consensus, opt-outs, and a
/// reversion point with costs of failure (Romer–Rosenthal), each against a hand-computed reference.
/// </summary>
public class ReversionOptOutVetoTests
{
    // setter at 80, a member at 70, a holdout at 20, status quo 50 (scale 0..100).
    private static IssueProblem Problem(Actor holdout, Reversion? reversion = null, DecisionRule? rule = null)
    {
        var issue = new Issue(new IssueId("i"), "I", new Scale(0, 100), statusQuo: 50) { Reversion = reversion };
        Actor[] actors = [new(new ActorId("setter"), "setter", 1), new(new ActorId("member"), "member", 1), holdout];
        return new IssueProblem(issue, actors, [80, 70, 20], [1, 1, 1], [1, 1, 1], rule ?? new DecisionRule.Consensus(), setterIndex: 0);
    }

    private static Actor Holdout(bool? veto = null, bool optOut = false) => new(new ActorId("holdout"), "holdout", 1, veto: veto) { OptOut = optOut };

    private static ConsensusResult Consensus(IssueProblem p) => (ConsensusResult)new ConsensusModel().Run(p, ModelSettings.Default);

    [Fact]
    public void Under_consensus_an_undeclared_veto_blocks_every_move()
    {
        var r = Consensus(Problem(Holdout()));
        Assert.True(r.Gridlock);
        Assert.Equal(50, r.Forecast);
        Assert.Equal(new Convergence(ConvergenceStatus.Gridlock, 0), r.Convergence);
    }

    [Fact]
    public void Under_consensus_an_actor_declared_veto_false_does_not_block()
    {
        // Without the holdout's veto the member at 70 bounds the win-set at 2·70 − 50 = 90; the setter gets its 80.
        var r = Consensus(Problem(Holdout(veto: false)));
        Assert.False(r.Gridlock);
        Assert.Equal(80, r.Forecast);
        Assert.Equal([50, 90], r.WinSet);
        Assert.Null(r.Convergence);
    }

    [Fact]
    public void Under_majority_veto_true_still_blocks_and_an_undeclared_veto_does_not()
    {
        var majority = new DecisionRule.Majority();
        Assert.Equal(50, Consensus(Problem(Holdout(veto: true), rule: majority)).Forecast);
        Assert.Equal(80, Consensus(Problem(Holdout(), rule: majority)).Forecast);
    }

    [Fact]
    public void An_actor_that_may_opt_out_accepts_with_an_exemption_instead_of_blocking_and_is_named()
    {
        var r = Consensus(Problem(Holdout(optOut: true)));
        Assert.Equal(80, r.Forecast);
        Assert.Equal(["holdout"], r.OptedOut);
        Assert.Contains(r.Notes!, n => n.Contains("Opted out") && n.Contains("holdout"));
    }

    [Fact]
    public void An_actor_that_may_opt_out_but_accepts_the_outcome_is_not_named()
    {
        // The member may opt out too, but it accepts 80 (|70 − 80| ≤ |70 − 50|): only the holdout opts out.
        var issue = new Issue(new IssueId("i"), "I", new Scale(0, 100), statusQuo: 50);
        Actor[] actors = [new(new ActorId("setter"), "setter", 1), new(new ActorId("member"), "member", 1) { OptOut = true }, Holdout(optOut: true)];
        var p = new IssueProblem(issue, actors, [80, 70, 20], [1, 1, 1], [1, 1, 1], new DecisionRule.Consensus(), setterIndex: 0);
        var r = Consensus(p);
        Assert.Equal(80, r.Forecast); // neither blocks: nothing bounds the win-set below the setter's ideal
        Assert.Equal(["holdout"], r.OptedOut);
    }

    [Fact]
    public void A_cost_of_failure_widens_what_a_veto_holder_accepts()
    {
        // The holdout at 20 accepts x when |20 − x| ≤ |20 − 50| + 10 = 40, i.e. up to 60: the setter gets 60.
        var r = Consensus(Problem(Holdout(), new Reversion(cost: 10)));
        Assert.False(r.Gridlock);
        Assert.Equal(60, r.Forecast);
        Assert.Equal("holdout", r.PivotalActor);
        Assert.Equal(50, r.StatusQuo);
        Assert.Equal(50, r.Reversion);
        Assert.Contains(r.Notes!, n => n.Contains("cost of 10 to every actor"));
    }

    [Fact]
    public void A_per_actor_cost_overrides_the_common_cost()
    {
        var costs = new Dictionary<ActorId, double> { [new ActorId("holdout")] = 4 };
        Assert.Equal(54, Consensus(Problem(Holdout(), new Reversion(cost: 10, costs: costs))).Forecast);
    }

    [Fact]
    public void A_reversion_point_apart_from_the_status_quo_is_what_proposals_must_beat()
    {
        // Failing reverts to 70 at no cost: the holdout (below) blocks every move up from 70; the outcome is 70, not 50.
        var r = Consensus(Problem(Holdout(), new Reversion(point: 70)));
        Assert.True(r.Gridlock);
        Assert.Equal(70, r.Forecast);
        Assert.Equal(50, r.StatusQuo);
        Assert.Equal(70, r.Reversion);
    }

    [Fact]
    public void Status_quo_reversion_at_no_cost_changes_nothing()
    {
        var plain = Consensus(Problem(Holdout()));
        var explicitDefault = Consensus(Problem(Holdout(), new Reversion()));
        Assert.Equal(plain.Forecast, explicitDefault.Forecast);
        Assert.Null(explicitDefault.Reversion);
    }

    [Fact]
    public void Nash_straddling_the_status_quo_is_gridlock()
    {
        var r = (NashResult)new NashBargainingModel().Run(Problem(Holdout()), ModelSettings.Default);
        Assert.Equal("straddle", r.Solution);
        Assert.Equal(ConvergenceStatus.Gridlock, r.Convergence!.Status);
    }

    [Theory]
    [InlineData(NashUtility.Quadratic, 53.16338165040664)] // root of −2(x−40)/(400−(x−40)²) − 6(x−60)/(400−(x−60)²), by bisection in Python
    [InlineData(NashUtility.Linear, 55.0)]                 // 3/(x − 40) = 1/(60 − x)
    public void Nash_with_a_cost_of_failure_bargains_inside_the_intersection_of_what_each_accepts(NashUtility utility, double expected)
    {
        // Weights 1 at 40 and 3 at 60, reversion 50, cost 10: D = 20 each, the feasible set [40, 60].
        var s = NashBargainingModel.SolveWithCosts([40, 60], [1, 3], [1, 1], 50, [10, 10], utility);
        Assert.Equal(NashOutcomeKind.Interior, s.Kind);
        Assert.Equal((40.0, 60.0), (s.FeasibleLow, s.FeasibleHigh));
        Assert.Equal(expected, s.Point, 1e-9);
    }

    [Theory]
    [InlineData(NashUtility.Quadratic)]
    [InlineData(NashUtility.Linear)]
    public void Nash_with_zero_costs_is_the_status_quo_solution(NashUtility utility)
    {
        double[] x = [55, 62, 90], c = [3, 1, 2], s = [0.5, 1, 0.8];
        var plain = NashBargainingModel.Solve(x, c, s, 50, utility);
        var costed = NashBargainingModel.SolveWithCosts(x, c, s, 50, [0, 0, 0], utility);
        Assert.Equal(plain.Point, costed.Point, 1e-9);
        Assert.Equal((plain.FeasibleLow, plain.FeasibleHigh), (costed.FeasibleLow, costed.FeasibleHigh));
    }

    [Fact]
    public void Nash_uses_the_reversion_in_the_model_run()
    {
        var r = (NashResult)new NashBargainingModel().Run(Problem(Holdout(), new Reversion(cost: 10)), ModelSettings.Default);
        Assert.Equal("interior", r.Solution);
        Assert.Null(r.Convergence);
        Assert.Equal(50, r.Reversion);
        Assert.InRange(r.Forecast, 40, 60); // inside the holdout's [20 − 40, 20 + 40] and the others' acceptable sets
    }
}
