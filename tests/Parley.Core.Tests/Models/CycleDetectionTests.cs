using Parley.Core.Models;
using Xunit;

namespace Parley.Core.Tests.Models;

public class CycleDetectionTests
{
    private static IReadOnlyDictionary<string, double> S(double a, double b) => new Dictionary<string, double> { ["a"] = a, ["b"] = b };

    [Fact]
    public void A_state_repeated_in_the_next_round_is_a_resting_point()
    {
        var c = CycleDetection.Classify([S(0, 10), S(5, 10), S(5, 10)], [5, 7.5, 7.5], 1e-9);
        Assert.Equal(new Convergence(ConvergenceStatus.Converged, 2), c);
        Assert.True(c.Settled);
    }

    [Fact]
    public void A_period_three_cycle_reports_its_outcomes_in_round_order_and_is_not_settled()
    {
        // rounds 1, 2, 3 repeat at 4, 5, 6: the cycle is the outcomes of rounds 4..6.
        var states = new[] { S(0, 0), S(1, 0), S(2, 0), S(3, 0), S(1, 0), S(2, 0), S(3, 0) };
        var c = CycleDetection.Classify(states, [0, 10, 20, 30, 10, 20, 30], 1e-9);
        Assert.Equal(ConvergenceStatus.Cycled, c.Status);
        Assert.Equal(6, c.Rounds);
        Assert.Equal([10.0, 20.0, 30.0], c.Cycle);
        Assert.False(c.Settled);
    }

    [Fact]
    public void A_cycle_whose_outcome_does_not_change_is_settled()
    {
        var c = CycleDetection.Classify([S(0, 0), S(1, 5), S(5, 1), S(1, 5)], [0, 3, 3, 3], 1e-9);
        Assert.Equal(ConvergenceStatus.Cycled, c.Status);
        Assert.True(c.Settled);
    }

    [Fact]
    public void A_run_still_moving_hit_its_round_cap()
    {
        var c = CycleDetection.Classify([S(0, 0), S(1, 0), S(2, 0)], [0, 1, 2], 1e-9);
        Assert.Equal(new Convergence(ConvergenceStatus.RoundCap, 2), c);
    }

    [Fact]
    public void States_within_the_tolerance_are_the_same_and_before_the_first_comparable_round_do_not_count()
    {
        Assert.Equal(ConvergenceStatus.Converged, CycleDetection.Classify([S(0, 0), S(1, 0), S(1 + 1e-12, 0)], [0, 1, 1], 1e-9).Status);
        // The state of round 0 comes back at round 2, but an intervention at round 1 makes the earlier states incomparable.
        var states = new[] { S(0, 0), S(1, 0), S(0, 0) };
        Assert.Equal(ConvergenceStatus.Cycled, CycleDetection.Classify(states, [0, 1, 0], 1e-9).Status);
        Assert.Equal(ConvergenceStatus.RoundCap, CycleDetection.Classify(states, [0, 1, 0], 1e-9, firstComparable: 1).Status);
    }

    [Fact]
    public void An_actor_that_left_makes_the_state_different() =>
        Assert.Equal(ConvergenceStatus.RoundCap,
            CycleDetection.Classify([S(0, 0), new Dictionary<string, double> { ["a"] = 0 }], [0, 0], 1e-9).Status);
}
