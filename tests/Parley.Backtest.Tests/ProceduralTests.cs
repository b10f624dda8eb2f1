using Parley.Backtest;
using Parley.Core.Domain;
using Xunit;

namespace Parley.Backtest.Tests;

/// <summary>The procedural predictor on the hand-checkable example of /shared/anchors/baselines SPEC §3.4.</summary>
public sealed class ProceduralTests
{
    private static double? Forecast(double setter, DecisionRule rule, double q = 0, double? parliament = null)
    {
        var issue = new IssueId("x");
        var actors = new List<Actor> { new(new ActorId("com"), "", 1, "commission") };
        var stances = new List<Stance> { new(new ActorId("com"), issue, setter, 1) };
        foreach (var (id, pos) in new[] { ("a", 20.0), ("b", 40.0), ("c", 60.0) })
        {
            actors.Add(new Actor(new ActorId(id), "", 1, "council"));
            stances.Add(new Stance(new ActorId(id), issue, pos, 1));
        }
        if (parliament is { } ep)
        {
            actors.Add(new Actor(new ActorId("ep"), "", 1, "parliament", veto: true));
            stances.Add(new Stance(new ActorId("ep"), issue, ep, 1));
        }
        var s = new Scenario(new ScenarioMetadata("t", "t"), actors,
            [new Issue(issue, "x", new Scale(0, 100), statusQuo: q, decisionRule: rule, outcome: 50)], stances, rule, new ActorId("com"));
        var c = new BacktestCase("x", "g", s, issue, 50, null);
        return ProceduralPredictor.Forecast(new PreparedCase(c, s));
    }

    private static DecisionRule TwoOfThree => new DecisionRule.QualifiedMajority(2.0 / 3.0,
        new Dictionary<ActorId, double> { [new ActorId("a")] = 1, [new ActorId("b")] = 1, [new ActorId("c")] = 1 });

    [Fact]
    public void Unanimity_is_bounded_by_the_member_nearest_the_status_quo() =>
        Assert.Equal(40, Forecast(100, new DecisionRule.Consensus()));

    [Fact]
    public void Two_of_three_is_bounded_by_the_pivot() => Assert.Equal(80, Forecast(100, TwoOfThree));

    [Fact]
    public void A_moderate_setter_gets_its_position() =>
        Assert.Equal([30.0, 30.0], [Forecast(30, new DecisionRule.Consensus())!.Value, Forecast(30, TwoOfThree)!.Value]);

    [Fact]
    public void A_veto_player_bounds_the_outcome_too() => Assert.Equal(20, Forecast(100, TwoOfThree, parliament: 10));

    [Fact]
    public void Members_on_both_sides_of_the_status_quo_lock_unanimity_and_a_setter_at_the_status_quo_keeps_it()
    {
        Assert.Equal(30, Forecast(100, new DecisionRule.Consensus(), q: 30));
        Assert.Equal(50, Forecast(50, TwoOfThree, q: 50));
    }
}
