using Parley.Core.Domain;
using Xunit;

namespace Parley.Core.Tests.Domain;

public class IdealAdjustmentTests
{
    private static readonly ActorId A = new("a"), B = new("b"), C = new("c");
    private static readonly IssueId Budget = new("budget");

    private static Scenario Toy(params IdealAdjustment[] adjustments) => new(
        new ScenarioMetadata("toy", "Toy"),
        [new Actor(A, "A", 1), new Actor(B, "B", 2), new Actor(C, "C", 3)],
        [new Issue(Budget, "Budget", new Scale(0, 100))],
        [new Stance(A, Budget, 20, 0.5), new Stance(B, Budget, 40, 1), new Stance(C, Budget, 60, 0.2)],
        idealAdjustments: adjustments);

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_weight_lies_in_0_to_1(double weight)
    {
        var e = Assert.Throws<ArgumentException>(() => new IdealAdjustment(A, B, weight));
        Assert.Contains("'a' toward 'b'", e.Message);
    }

    [Fact]
    public void The_scenario_keeps_the_entries_in_order_and_defaults_to_none()
    {
        Assert.Empty(Toy().IdealAdjustments);
        var s = Toy(new IdealAdjustment(A, A, 0.5), new IdealAdjustment(A, C, 0.5), new IdealAdjustment(B, B, 0));
        Assert.Equal([new IdealAdjustment(A, A, 0.5), new IdealAdjustment(A, C, 0.5), new IdealAdjustment(B, B, 0)], s.IdealAdjustments);
    }

    [Fact]
    public void An_unknown_actor_is_refused_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => Toy(new IdealAdjustment(new ActorId("zz"), new ActorId("zz"), 0.5)));
        Assert.Contains("unknown actor 'zz'", e.Message);
        var f = Assert.Throws<ArgumentException>(() => Toy(new IdealAdjustment(A, A, 0.5), new IdealAdjustment(A, new ActorId("yy"), 0.5)));
        Assert.Contains("'a' follows unknown actor 'yy'", f.Message);
    }

    [Fact]
    public void A_pair_given_twice_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Toy(new IdealAdjustment(A, A, 0.5), new IdealAdjustment(A, A, 0.4)));
        Assert.Contains("'a' toward 'a' is given twice", e.Message);
    }

    [Fact]
    public void A_row_above_1_is_refused_naming_the_actor_with_the_implicit_own_weight_counted()
    {
        // KTAB's matrix starts as the identity: without an own entry, a's own weight is 1.
        var e = Assert.Throws<ArgumentException>(() => Toy(new IdealAdjustment(A, B, 0.25)));
        Assert.Contains("Ideal adjustment of 'a': the weights sum to 1.25", e.Message);
        Assert.Contains("follows 'a' with at most 0.75", e.Message);
        var f = Assert.Throws<ArgumentException>(() => Toy(new IdealAdjustment(B, B, 0.6), new IdealAdjustment(B, A, 0.3), new IdealAdjustment(B, C, 0.2)));
        Assert.Contains("'b': the weights sum to 1.1", f.Message);
        // At most 1 (within KTAB's 1e-10) is fine.
        Toy(new IdealAdjustment(B, B, 0.7), new IdealAdjustment(B, A, 0.2), new IdealAdjustment(B, C, 0.1));
    }

    [Fact]
    public void Removing_an_actor_drops_the_entries_by_and_toward_it()
    {
        var s = Toy(new IdealAdjustment(A, A, 0.5), new IdealAdjustment(A, C, 0.5), new IdealAdjustment(B, B, 0.2), new IdealAdjustment(C, C, 0.9));
        var without = s.Apply([new Intervention(0, C, InterventionKind.Remove)]);
        Assert.Equal([new IdealAdjustment(A, A, 0.5), new IdealAdjustment(B, B, 0.2)], without.IdealAdjustments);
        Assert.Equal(s.IdealAdjustments, s.With(stances: s.Stances).IdealAdjustments);
        Assert.Empty(s.With(idealAdjustments: []).IdealAdjustments);
    }
}
