using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.Procedural;
using Xunit;

namespace Parley.Core.Tests.Models.Procedural;

public class ConsensusModelTests
{
    private static readonly double[] Members = [20, 40, 60];

    // anchors/baselines/SPEC.md §3.4 hand-checkable example: members 20/40/60, equal weights, q = 0.
    [Fact]
    public void Unanimity_with_setter_at_100_gives_40()
    {
        var s = ConsensusModel.Unanimity(Members, 0, 100);
        Assert.Equal(40, s.Point);
        Assert.Equal(0, s.Pivot); // the member at 20: 2·20 − 0 = 40
        Assert.Equal(WinSetBound.Veto, s.PivotBound);
        Assert.Equal((0.0, 40.0), (s.WinLow, s.WinHigh));
        Assert.False(s.Gridlock);
    }

    [Fact]
    public void Two_of_three_majority_with_setter_at_100_gives_80()
    {
        var s = ConsensusModel.QualifiedMajority(Members, 2.0 / 3.0, 0, 100);
        Assert.Equal(80, s.Point);
        Assert.Equal(1, s.Pivot); // the member at 40
        Assert.Equal(WinSetBound.Quota, s.PivotBound);
    }

    [Fact]
    public void Setter_at_30_gets_its_ideal_under_both_rules()
    {
        Assert.Equal(30, ConsensusModel.Unanimity(Members, 0, 30).Point);
        Assert.Equal(30, ConsensusModel.QualifiedMajority(Members, 2.0 / 3.0, 0, 30).Point);
    }

    [Fact]
    public void Mirror_image_setter_below_the_status_quo()
    {
        // Reflect the SPEC example through 0: members −20/−40/−60, setter at −100.
        Assert.Equal(-40, ConsensusModel.Unanimity([-20, -40, -60], 0, -100).Point);
        Assert.Equal(-80, ConsensusModel.QualifiedMajority([-20, -40, -60], 2.0 / 3.0, 0, -100).Point);
    }

    [Fact]
    public void Members_straddling_the_status_quo_under_unanimity_mean_gridlock()
    {
        var s = ConsensusModel.Unanimity([-10, 40, 60], 0, 100);
        Assert.True(s.Gridlock);
        Assert.Equal(0, s.Point);
        Assert.Null(s.Pivot);
        Assert.Equal((0.0, 0.0), (s.WinLow, s.WinHigh));
        Assert.Equal(1, s.LowPivot);  // the member at 40 blocks any move down (ties with 60 go to the lower index)
        Assert.Equal(0, s.HighPivot); // the member at −10 blocks any move up
    }

    [Fact]
    public void Qualified_majority_with_a_pivot_still_moves_when_members_straddle()
    {
        // The member at −10 is outvoted: 2 of 3 lie above q, pivot at 40 → win-set up to 80.
        var s = ConsensusModel.QualifiedMajority([-10, 40, 60], 2.0 / 3.0, 0, 100);
        Assert.False(s.Gridlock);
        Assert.Equal(80, s.Point);
        Assert.Equal(1, s.Pivot);
    }

    [Fact]
    public void A_member_at_the_status_quo_blocks_under_unanimity()
    {
        var s = ConsensusModel.Unanimity([0, 40, 60], 0, 100);
        Assert.True(s.Gridlock);
        Assert.Equal(0, s.Point);
    }

    [Fact]
    public void Explicit_veto_bounds_the_win_set_under_qualified_majority()
    {
        // 2-of-3 QMV alone gives 80; the member at 30 holding a veto caps the win-set at 60.
        var s = ConsensusModel.Solve([30, 40, 60], [true, false, false], [new Quota([1, 1, 1], 2.0 / 3.0)], 0, 100);
        Assert.Equal(60, s.Point);
        Assert.Equal(0, s.Pivot);
        Assert.Equal(WinSetBound.Veto, s.PivotBound);
    }

    [Fact]
    public void With_two_quotas_the_more_restrictive_pivot_bounds_the_win_set()
    {
        // Votes: 2 of 3 → pivot at 40 (80). Population: the member at 20 is huge, so 65% needs it → pivot at 20 (40).
        var s = ConsensusModel.Solve(Members, [false, false, false],
            [new Quota([1, 1, 1], 2.0 / 3.0), new Quota([80, 10, 10], 0.65)], 0, 100);
        Assert.Equal(40, s.Point);
        Assert.Equal(0, s.Pivot);
        Assert.Equal(WinSetBound.SecondQuota, s.PivotBound);
    }

    [Fact]
    public void Simple_majority_needs_more_than_half()
    {
        // Four equal members: 2 of 4 is not a majority, so the pivot is the third from the far side (at 20 → 40).
        var s = ConsensusModel.Solve([10, 20, 40, 60], new bool[4], [new Quota([1, 1, 1, 1], 0.5, Strict: true)], 0, 100);
        Assert.Equal(40, s.Point);
        Assert.Equal(1, s.Pivot);
    }

    [Fact]
    public void Unreachable_quota_means_gridlock()
    {
        var s = ConsensusModel.Solve(Members, new bool[3], [new Quota([0, 0, 0], 0.5)], 0, 100);
        Assert.True(s.Gridlock);
        Assert.Equal(0, s.Point);
    }

    [Fact]
    public void Setter_at_the_status_quo_proposes_nothing()
    {
        var s = ConsensusModel.Unanimity(Members, 0, 0);
        Assert.Equal(0, s.Point);
        Assert.False(s.Gridlock);
        Assert.Null(s.Pivot);
    }

    // --- the issue model: rules, setter and status quo from the scenario ---

    private static IssueProblem Problem(DecisionRule rule, double? statusQuo = 0, double[]? positions = null,
        bool withSetter = true, bool[]? vetoes = null)
    {
        positions ??= [20, 40, 60, 100];
        var actors = positions.Select((_, i) => new Actor(new ActorId(i == 3 ? "setter" : $"m{i}"), $"actor {i}", 1.0 + i)).ToArray();
        var issue = new Issue(new IssueId("i"), "Issue", new Scale(-100, 100), statusQuo: statusQuo);
        return new IssueProblem(issue, actors, positions, positions.Select(_ => 0.5).ToArray(),
            actors.Select(a => a.Capability).ToArray(), rule, withSetter ? 3 : null, vetoes);
    }

    private static readonly Dictionary<ActorId, double> MembersOnly = new()
    {
        [new ActorId("m0")] = 1, [new ActorId("m1")] = 1, [new ActorId("m2")] = 1,
    };

    [Fact]
    public void Issue_model_reproduces_the_SPEC_example_and_names_the_pivot()
    {
        var model = new ConsensusModel();
        var u = Assert.IsType<ConsensusResult>(model.Run(Problem(new DecisionRule.Consensus()), ModelSettings.Default));
        Assert.Equal(40, u.Forecast);
        Assert.Equal("m0", u.PivotalActor);
        Assert.Equal("veto", u.PivotalBy);
        Assert.Equal("setter", u.Setter);
        Assert.Equal(100, u.SetterPosition);
        Assert.Equal([0.0, 40.0], u.WinSet);
        Assert.False(u.Gridlock);
        Assert.Equal("consensus", u.Rule);

        var qmv = Assert.IsType<ConsensusResult>(model.Run(Problem(new DecisionRule.QualifiedMajority(2.0 / 3.0, MembersOnly)), ModelSettings.Default));
        Assert.Equal(80, qmv.Forecast);
        Assert.Equal("m1", qmv.PivotalActor);
        Assert.Equal("quota", qmv.PivotalBy);
        Assert.Equal(80, model.Forecast(Problem(new DecisionRule.QualifiedMajority(2.0 / 3.0, MembersOnly)), ModelSettings.Default));
    }

    [Fact]
    public void Issue_model_gridlock_is_reported_with_the_blocking_actors()
    {
        var r = Assert.IsType<ConsensusResult>(new ConsensusModel().Run(
            Problem(new DecisionRule.Consensus(), positions: [-20, 40, 60, 100]), ModelSettings.Default));
        Assert.True(r.Gridlock);
        Assert.Equal(0, r.Forecast);
        Assert.Null(r.PivotalActor);
        Assert.Equal([0.0, 0.0], r.WinSet);
        Assert.Contains(r.Notes!, n => n.Contains("m1 blocks any move below the status quo 0 and m0 blocks any move above it"));
    }

    [Fact]
    public void Gridlock_at_the_end_of_the_scale_names_only_the_direction_that_exists()
    {
        var r = Assert.IsType<ConsensusResult>(new ConsensusModel().Run(
            Problem(new DecisionRule.Consensus(), positions: [100, 40, 60, 100], statusQuo: 100), ModelSettings.Default));
        Assert.True(r.Gridlock);
        Assert.Equal(100, r.Forecast);
        Assert.Contains(r.Notes!, n => n.StartsWith("Gridlock: m0 blocks any move below the status quo 100.") && !n.Contains("above"));
    }

    [Fact]
    public void Explicit_veto_flag_binds_under_majority()
    {
        var r = Assert.IsType<ConsensusResult>(new ConsensusModel().Run(
            Problem(new DecisionRule.Majority(MembersOnly), vetoes: [true, false, false, false]), ModelSettings.Default));
        Assert.Equal(40, r.Forecast);
        Assert.Equal("m0", r.PivotalActor);
        Assert.Equal("veto", r.PivotalBy);
    }

    [Fact]
    public void Without_a_setter_the_proposal_aims_at_the_weighted_mean()
    {
        // Weights c·s = 0.5, 1, 1.5, 2 → mean (10 + 40 + 90 + 200)/5 = 68; unanimity caps at 40.
        var model = new ConsensusModel();
        var r = Assert.IsType<ConsensusResult>(model.Run(Problem(new DecisionRule.Consensus(), withSetter: false), ModelSettings.Default));
        Assert.Null(r.Setter);
        Assert.Equal(68, r.SetterPosition, 12);
        Assert.Equal(40, r.Forecast);
        Assert.Contains(r.Notes!, n => n.Contains("No agenda setter"));

        var free = Assert.IsType<ConsensusResult>(model.Run(
            Problem(new DecisionRule.QualifiedMajority(0.3, MembersOnly), withSetter: false), ModelSettings.Default));
        Assert.Equal(68, free.Forecast, 12); // 1 of 3 suffices: pivot at 60 → win-set up to 100
    }

    [Fact]
    public void Without_a_status_quo_the_forecast_is_the_weighted_median_with_a_note()
    {
        var r = Assert.IsType<ConsensusResult>(new ConsensusModel().Run(Problem(new DecisionRule.Consensus(), statusQuo: null), ModelSettings.Default));
        Assert.Equal(60, r.Forecast); // weights 0.5, 1, 1.5, 2: cumulative reaches 2.5 at 60
        Assert.Null(r.WinSet);
        Assert.Null(r.PivotalActor);
        Assert.False(r.Gridlock);
        Assert.Contains(r.Notes!, n => n.Contains("no status quo"));
    }

    [Fact]
    public void Win_set_is_clipped_to_the_scale()
    {
        // q = 0, everyone wants more, 1-of-4 majority: unbounded in principle up to 2·100; the scale ends at 100.
        var r = Assert.IsType<ConsensusResult>(new ConsensusModel().Run(
            Problem(new DecisionRule.QualifiedMajority(0.25)), ModelSettings.Default));
        Assert.Equal([0.0, 100.0], r.WinSet);
        Assert.Equal(100, r.Forecast);
    }
}
