using Parley.Core.Domain;
using Parley.Core.Models.Baselines;
using Parley.Core.Models;
using Parley.Core.Power;
using Xunit;

namespace Parley.Core.Tests.Power;

public class CapabilityBasisTests
{
    private static readonly IssueId Spend = new("spend");

    /// <summary>A consensus body in which one member holds most of the resources (as the US does in NATO).</summary>
    private static Scenario Alliance(DecisionRule? rule = null, bool vetoForC = false) => new(
        new ScenarioMetadata("alliance", "Alliance"),
        [
            new Actor(new ActorId("big"), "Big", 900, capabilityRange: new InputRange(800, 1000)),
            new Actor(new ActorId("b"), "B", 60),
            new Actor(new ActorId("c"), "C", 40, veto: vetoForC),
        ],
        [new Issue(Spend, "Spend", new Scale(0, 100), decisionRule: null)],
        [
            new Stance(new ActorId("big"), Spend, 100, 1),
            new Stance(new ActorId("b"), Spend, 0, 1),
            new Stance(new ActorId("c"), Spend, 0, 1),
        ],
        rule ?? new DecisionRule.Consensus());

    private static double Compromise(Scenario s) =>
        new CompromiseModel().Run(s, ModelSettings.Default).For(Spend)!.Forecast;

    [Fact]
    public void Resources_leave_the_scenario_as_it_is()
    {
        var s = Alliance();
        Assert.Same(s, CapabilityBasis.Resources.Apply(s));
        Assert.Equal(90, Compromise(s), 9);
    }

    [Fact]
    public void Under_consensus_voting_power_is_equal_and_capability_ranges_go()
    {
        var s = CapabilityBasis.VotingPower.Apply(Alliance());
        Assert.All(s.Actors, a => Assert.Equal(100 / 3.0, a.Capability, 9));
        Assert.All(s.Actors, a => Assert.Null(a.CapabilityRange));
        Assert.Equal(100 / 3.0, Compromise(s), 9);
    }

    [Fact]
    public void Under_a_weighted_qualified_majority_power_follows_the_shapley_shubik_index()
    {
        // votes 4, 2, 1 with 5 of 7: big is needed in every winning coalition (SS 2/3), b and c are symmetric (1/6 each)
        var rule = new DecisionRule.QualifiedMajority(5 / 7.0, new Dictionary<ActorId, double>
        {
            [new ActorId("big")] = 4, [new ActorId("b")] = 2, [new ActorId("c")] = 1,
        });
        var s = CapabilityBasis.VotingPower.Apply(Alliance(rule));
        Assert.Equal(200 / 3.0, s.Actor(new ActorId("big")).Capability, 9);
        Assert.Equal(100 / 6.0, s.Actor(new ActorId("b")).Capability, 9);
        Assert.Equal(100 / 6.0, s.Actor(new ActorId("c")).Capability, 9);
    }

    [Fact]
    public void An_actor_without_a_vote_gets_the_strongest_voters_power_and_a_veto_counts()
    {
        // big and b vote (simple majority of 3 vs 1: big alone decides); c has no vote but a veto
        var rule = new DecisionRule.Majority(new Dictionary<ActorId, double> { [new ActorId("big")] = 3, [new ActorId("b")] = 1 });
        var (power, method) = VotingPower.Of(Alliance(rule, vetoForC: true).Actors, rule);
        // winning coalitions need big and c: each is pivotal half the time, b never
        Assert.Equal(0.5, power[new ActorId("big")], 12);
        Assert.Equal(0.5, power[new ActorId("c")], 12);
        Assert.Equal(VotingPower.DummyFloor * 0.5, power[new ActorId("b")], 15);
        Assert.Contains("Shapley", method);
        var noVote = VotingPower.Of(Alliance(rule).Actors, rule).Power;
        Assert.Equal(1.0, noVote[new ActorId("big")], 12);
        Assert.Equal(1.0, noVote[new ActorId("c")], 12); // a non-voter: the strongest voter's power
    }

    [Fact]
    public void A_non_voter_gets_the_strongest_member_not_the_power_of_a_veto_only_player()
    {
        // a council of four (2, 1, 1, 1 votes, 3 of 5 to pass), a parliament with a veto, a commission with neither
        var actors = new[]
        {
            new Actor(new ActorId("big"), "Big", 1), new Actor(new ActorId("b"), "B", 1), new Actor(new ActorId("c"), "C", 1),
            new Actor(new ActorId("d"), "D", 1), new Actor(new ActorId("ep"), "EP", 1, veto: true), new Actor(new ActorId("com"), "Commission", 1),
        };
        var rule = new DecisionRule.QualifiedMajority(0.6, new Dictionary<ActorId, double>
        {
            [new ActorId("big")] = 2, [new ActorId("b")] = 1, [new ActorId("c")] = 1, [new ActorId("d")] = 1,
        });
        var (power, _) = VotingPower.Of(actors, rule);
        Assert.True(power[new ActorId("ep")] > power[new ActorId("big")]);
        Assert.Equal(power[new ActorId("big")], power[new ActorId("com")], 12);
    }

    [Fact]
    public void An_absent_member_of_the_weight_table_still_dilutes_the_others()
    {
        var rule = new DecisionRule.QualifiedMajority(0.5, new Dictionary<ActorId, double>
        {
            [new ActorId("big")] = 1, [new ActorId("b")] = 1, [new ActorId("c")] = 1, [new ActorId("absent")] = 1,
        });
        var (power, _) = VotingPower.Of(Alliance(rule).Actors, rule);
        Assert.Equal(0.25, power[new ActorId("b")], 12);
        Assert.False(power.ContainsKey(new ActorId("absent")));
    }

    [Fact]
    public void Mix_is_the_geometric_mean_of_the_shares_and_maps_ranges_the_same_way()
    {
        var s = CapabilityBasis.Mix().Apply(Alliance());
        var big = s.Actor(new ActorId("big"));
        Assert.Equal(100 * Math.Sqrt(0.9 * (1 / 3.0)), big.Capability, 9);
        Assert.Equal(100 * Math.Sqrt(0.8 * (1 / 3.0)), big.CapabilityRange!.Low, 9);
        Assert.Equal(100 * Math.Sqrt(1.0 * (1 / 3.0)), big.CapabilityRange.High, 9);
        Assert.Equal(100 * Math.Sqrt(0.04 * (1 / 3.0)), s.Actor(new ActorId("c")).Capability, 9);
        // between the two bases: 90 under resources, 33.3 under voting power
        Assert.InRange(Compromise(s), 34, 89);
        Assert.Equal(s.Actor(new ActorId("big")).Capability, CapabilityBasis.Mix(1).Apply(Alliance()).Actor(new ActorId("big")).Capability * Math.Sqrt(0.9 * 3), 9);
    }

    [Fact]
    public void An_issue_with_its_own_rule_gets_its_own_powers_on_the_stances()
    {
        var qm = new DecisionRule.QualifiedMajority(5 / 7.0, new Dictionary<ActorId, double>
        {
            [new ActorId("big")] = 4, [new ActorId("b")] = 2, [new ActorId("c")] = 1,
        });
        var baseScenario = Alliance();
        var s = baseScenario.With(issues: [baseScenario.Issues[0] with { DecisionRule = qm }]);
        var applied = CapabilityBasis.VotingPower.Apply(s);
        Assert.Equal(100 / 3.0, applied.Actor(new ActorId("big")).Capability, 9); // the scenario's consensus
        Assert.Equal(200 / 3.0, applied.StanceOf(new ActorId("big"), Spend)!.Capability!.Value, 9); // the issue's own rule
        var problem = IssueProblem.From(applied, applied.Issue(Spend));
        Assert.Equal(200 / 3.0, problem.Capabilities[0], 9);
    }

    [Theory]
    [InlineData("resources", "resources")]
    [InlineData("Voting-Power", "voting-power")]
    [InlineData("mix", "mix")]
    [InlineData("mix:0.25", "mix:0.25")]
    public void Bases_parse_and_print_back(string text, string printed) =>
        Assert.Equal(printed, CapabilityBasis.Parse(text)!.ToString());

    [Theory]
    [InlineData("power")]
    [InlineData("mix:1.5")]
    [InlineData("mix:x")]
    public void Unknown_bases_do_not_parse(string text) => Assert.Null(CapabilityBasis.Parse(text));

    [Fact]
    public void The_basis_survives_a_scenario_copy()
    {
        var s = new Scenario(new ScenarioMetadata("x", "x"), Alliance().Actors, Alliance().Issues, Alliance().Stances)
        { CapabilityBasis = CapabilityBasis.VotingPower };
        Assert.Equal(CapabilityBasis.VotingPower, s.With(actors: s.Actors.Take(2).ToArray()).CapabilityBasis);
    }
}
