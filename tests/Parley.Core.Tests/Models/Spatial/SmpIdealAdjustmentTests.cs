using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.Spatial;
using Xunit;

namespace Parley.Core.Tests.Models.Spatial;

/// <summary>The scenario's ideal_adjustment as the SMP's accommodation matrix (SmpScenarioMapping; KTAB's newIdeals).</summary>
public sealed class SmpIdealAdjustmentTests
{
    private static readonly ActorId A = new("a"), B = new("b"), C = new("c"), D = new("d");
    private static readonly IssueId X = new("x"), Y = new("y");

    /// <summary>Four actors on two issues; d takes no part in x.</summary>
    private static Scenario Four(params IdealAdjustment[] adjustments) => new(
        new ScenarioMetadata("four", "Four"),
        [new Actor(A, "A", 40), new Actor(B, "B", 25), new Actor(C, "C", 20), new Actor(D, "D", 30)],
        [new Issue(X, "X", new Scale(0, 100)), new Issue(Y, "Y", new Scale(0, 10))],
        [
            new Stance(A, X, 10, 0.6), new Stance(A, Y, 2, 0.3),
            new Stance(B, X, 45, 0.3), new Stance(B, Y, 9, 0.5),
            new Stance(C, X, 90, 0.5), new Stance(C, Y, 5, 0.4),
            new Stance(D, Y, 8, 0.7),
        ],
        idealAdjustments: adjustments);

    private static readonly IdealAdjustment[] Entries =
    [
        new(B, B, 0.6), new(B, A, 0.3),
        new(C, C, 0.5), new(C, D, 0.4),
        new(D, D, 0.2),
    ];

    [Fact]
    public void The_matrix_is_the_identity_with_the_entries_written_over_it_in_the_runs_actor_order()
    {
        var s = Four(Entries);
        var both = SmpScenarioMapping.Map(s, s.Issues);
        Assert.Equal(["a", "b", "c", "d"], both.Problem.ActorIds);
        Assert.Equal(new double[]
        {
            1, 0, 0, 0,
            0.3, 0.6, 0, 0,
            0, 0, 0.5, 0.4,
            0, 0, 0, 0.2,
        }, both.Problem.Accommodation);
        Assert.DoesNotContain(both.Notes, n => n.Contains("ideal"));
    }

    [Fact]
    public void Actors_left_out_of_the_run_are_dropped_and_a_follower_is_noted()
    {
        var s = Four(Entries);
        var xOnly = SmpScenarioMapping.Map(s, [s.Issue(X)]);
        Assert.Equal(["a", "b", "c"], xOnly.Problem.ActorIds);
        Assert.Equal(new double[] { 1, 0, 0, 0.3, 0.6, 0, 0, 0, 0.5 }, xOnly.Problem.Accommodation);
        var note = Assert.Single(xOnly.Notes, n => n.Contains("ideal"));
        Assert.Equal("c's ideal follows d (weight 0.4), who is left out of the run: that part of its ideal_adjustment is dropped", note);
    }

    [Fact]
    public void No_entries_or_only_identity_ones_give_null()
    {
        var none = Four();
        Assert.Null(SmpScenarioMapping.Map(none, none.Issues).Problem.Accommodation);
        var identity = Four(new IdealAdjustment(A, A, 1));
        Assert.Null(SmpScenarioMapping.Map(identity, identity.Issues).Problem.Accommodation);
        var dropped = Four(new IdealAdjustment(D, D, 0.2));
        var mapped = SmpScenarioMapping.Map(dropped, [dropped.Issue(X)]);
        Assert.Null(mapped.Problem.Accommodation);
        Assert.Empty(mapped.Notes);
    }

    private static double[][] Positions(SmpRun r) => r.States.Select(s => s.State.Positions).ToArray();

    [Fact]
    public void A_following_actor_changes_the_run_and_the_model_equals_the_engine_given_the_matrix()
    {
        var following = Four(Entries);
        var plain = Four();
        var model = new SpatialModelOfPolitics();
        var withResult = model.Run(following, ModelSettings.Default, TestContext.Current.CancellationToken);
        var withoutResult = model.Run(plain, ModelSettings.Default, TestContext.Current.CancellationToken);

        var p = SmpScenarioMapping.Map(plain, plain.Issues).Problem;
        Assert.Null(p.Accommodation);
        var matrix = new double[] { 1, 0, 0, 0, 0.3, 0.6, 0, 0, 0, 0, 0.5, 0.4, 0, 0, 0, 0.2 };
        var direct = new SmpEngine(new SmpProblem(p.ActorIds, p.DimensionNames, p.Capabilities, p.Positions, p.Saliences, matrix), SmpOptions.Default).Run();
        var identity = new SmpEngine(p, SmpOptions.Default).Run();

        // The following run differs from the plain one ...
        Assert.NotEqual(Positions(identity).SelectMany(x => x), Positions(direct).SelectMany(x => x));
        Assert.NotEqual(withoutResult.Issues.Select(i => i.Forecast), withResult.Issues.Select(i => i.Forecast));
        // ... and the model's run is the engine's run with that matrix, state by state and bit for bit.
        var r = Assert.IsType<SmpIssueResult>(withResult.Issues[0]);
        Assert.Equal(direct.States.Count, r.States.Count);
        for (int t = 0; t < direct.States.Count; t++)
            for (int i = 0; i < p.ActorCount; i++)
                for (int k = 0; k < p.DimensionCount; k++)
                    Assert.Equal(following.Issues[k].Scale.FromUnit(direct.States[t].State.Positions[i * p.DimensionCount + k]),
                        r.States[t].Positions[p.ActorIds[i]][k]);
        Assert.Equal(following.Issues[0].Scale.FromUnit(SpatialModelOfPolitics.WeightedMean(direct.Problem, direct.States[^1].State, 0)), r.Forecast);
    }

    [Fact]
    public void Ideals_follow_KTABs_update_rule()
    {
        var s = Four(Entries);
        var run = new SmpEngine(SmpScenarioMapping.Map(s, s.Issues).Problem, SmpOptions.Default).Run();
        var (before, after) = (run.States[0].State, run.States[1].State);
        const int m = 2;
        for (int k = 0; k < m; k++)
        {
            // b: 0.3·x_a + 0.6·x_b + 0.1·(b's previous ideal); d: 0.2·x_d + 0.8·(its previous ideal); a: its position.
            Assert.Equal(0.3 * after.Positions[0 * m + k] + 0.6 * after.Positions[1 * m + k] + (1 - (0.3 + 0.6)) * before.Ideals[1 * m + k],
                after.Ideals[1 * m + k], 15);
            Assert.Equal(0.2 * after.Positions[3 * m + k] + 0.8 * before.Ideals[3 * m + k], after.Ideals[3 * m + k], 15);
            Assert.Equal(after.Positions[0 * m + k], after.Ideals[0 * m + k]);
        }
    }
}
