using FsCheck;
using FsCheck.Fluent;
using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.ExpectedUtility;
using Xunit;

namespace Parley.Core.Tests.Models.ExpectedUtility;

public class InvariantTests
{
    private static readonly ExpectedUtilityModel Model = new();

    /// <summary>A random problem: 2–9 actors, positions in 0..100 (continuous, so no exact ties), saliences, capabilities.</summary>
    public sealed record Case(double[] X, double[] S, double[] C, int PermutationSeed)
    {
        public int N => X.Length;
        public IssueProblem Problem() =>
            EcEmissions.Build(Enumerable.Range(0, N).Select(i => $"a{i}").ToArray(), X, S, C, 0, 100);
        public override string ToString() =>
            $"x=[{string.Join(", ", X)}] s=[{string.Join(", ", S)}] c=[{string.Join(", ", C)}] perm={PermutationSeed}";
    }

    internal static readonly Gen<Case> Cases =
        from n in Gen.Choose(2, 9)
        from x in Gen.ArrayOf(Gen.Choose(0, 1_000_000).Select(v => v / 10_000.0), n)
        from s in Gen.ArrayOf(Gen.Choose(1, 100).Select(v => v / 100.0), n)
        from c in Gen.ArrayOf(Gen.Choose(1, 1000).Select(v => v / 10.0), n)
        from seed in Gen.Choose(0, int.MaxValue)
        select new Case(x, s, c, seed);

    private static ModelSettings Settings(string variant) => ModelSettings.Default.With("variant", variant);

    [Theory]
    [InlineData("reference")]
    [InlineData("paper")]
    public void Reordering_and_relabelling_actors_changes_no_actor_trajectory(string variant)
    {
        Prop.ForAll(Cases.ToArbitrary(), k => SameUnderReordering(k, variant)).QuickCheckThrowOnFailure();
    }

    // Every sum runs in an order fixed by the actors' attributes, so the results are identical bit for bit.
    private const double Tolerance = 0.0;

    internal static bool SameUnderReordering(Case k, string variant)
    {
        {
            var original = (EumResult)Model.Run(k.Problem(), Settings(variant));
            var perm = Enumerable.Range(0, k.N).ToArray();
            new Random(k.PermutationSeed).Shuffle(perm);
            // new label of original actor i = "z" + perm position
            var names = new string[k.N];
            double[] x = new double[k.N], s = new double[k.N], c = new double[k.N];
            for (int slot = 0; slot < k.N; slot++)
            {
                int i = perm[slot];
                names[slot] = $"z{i}";
                x[slot] = k.X[i]; s[slot] = k.S[i]; c[slot] = k.C[i];
            }
            var shuffled = (EumResult)Model.Run(EcEmissions.Build(names, x, s, c, 0, 100), Settings(variant));
            for (int t = 0; t < original.Rounds.Count; t++)
            {
                for (int i = 0; i < k.N; i++)
                    if (Math.Abs(original.Rounds[t].Positions[$"a{i}"] - shuffled.Rounds[t].Positions[$"z{i}"]) > Tolerance) return false;
                if (Math.Abs(original.Rounds[t].Median - shuffled.Rounds[t].Median) > Tolerance) return false;
            }
            return Math.Abs(original.Forecast - shuffled.Forecast) <= Tolerance;
        }
    }

    [Theory]
    [InlineData("reference", "median")]
    [InlineData("reference", "mean")]
    [InlineData("paper", "median")]
    [InlineData("paper", "mean")]
    public void Forecast_and_every_position_lie_within_the_initial_range_and_are_finite(string variant, string outcome)
    {
        Prop.ForAll(Cases.ToArbitrary(), k =>
        {
            var settings = Settings(variant).With("outcome", outcome);
            var result = (EumResult)Model.Run(k.Problem(), settings);
            double lo = k.X.Min(), hi = k.X.Max();
            bool ok = result.Forecast >= lo - 1e-12 && result.Forecast <= hi + 1e-12;
            foreach (var round in result.Rounds)
            {
                ok &= round.Positions.Values.All(v => double.IsFinite(v) && v >= lo - 1e-12 && v <= hi + 1e-12);
                ok &= round.Risk.Values.All(r => r >= 0.5 - 1e-12 && r <= 2 + 1e-12);
            }
            // The allocation-free fast path gives the same forecast.
            ok &= Model.Forecast(k.Problem(), settings) == result.Forecast;
            return ok;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("paper")]
    public void Scaling_all_capabilities_changes_nothing(string variant)
    {
        Prop.ForAll(Cases.ToArbitrary(), k =>
        {
            var a = (EumResult)Model.Run(k.Problem(), Settings(variant));
            // ×8 is exact in binary floating point, so not a bit may change. (Other factors change the last bits,
            // which the model amplifies once actors converge on each other; the first rounds agree to 1e-9.)
            var scaled = k with { C = k.C.Select(c => c * 8).ToArray() };
            var b = (EumResult)Model.Run(scaled.Problem(), Settings(variant));
            var odd = (EumResult)Model.Run((k with { C = k.C.Select(c => c * 7.5).ToArray() }).Problem(), Settings(variant));
            return a.Rounds.Zip(b.Rounds).All(p => p.First.Positions.All(kv => kv.Value == p.Second.Positions[kv.Key]))
                && a.Rounds[1].Positions.All(kv => Math.Abs(kv.Value - odd.Rounds[1].Positions[kv.Key]) <= 1e-9);
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("paper")]
    public void All_actors_at_one_position_nobody_moves_and_nothing_is_NaN(string variant)
    {
        var problem = EcEmissions.Build(EcEmissions.Names, Enumerable.Repeat(7.0, 10).ToArray(), EcEmissions.Salience, EcEmissions.Capability);
        var result = (EumResult)Model.Run(problem, Settings(variant).With("q", "0.5"));
        Assert.Equal(11, result.Rounds.Count);
        foreach (var round in result.Rounds)
        {
            Assert.Empty(round.Moves);
            Assert.All(round.Positions.Values, x => Assert.Equal(7.0, x));
            Assert.All(round.Risk.Values, r => Assert.Equal(1.0, r));
            Assert.Equal(7.0, round.Median);
            Assert.Equal(7.0, round.Mean, 12);
        }
        Assert.Equal(7.0, result.Forecast);
        Assert.NotNull(result.Notes);
        var view = Perception.For(problem, Settings(variant), 0);
        Assert.All(view.Rows, r => Assert.Equal(Quadrant.SamePosition, r.Quadrant));
    }

    [Fact]
    public void Equal_security_levels_give_r_1_and_no_NaN()
    {
        // Two identical actors at opposite ends: their security levels are equal, so R_i = 0/0.
        var problem = EcEmissions.Build(["left", "right"], [2, 8], [0.5, 0.5], [1, 1]);
        foreach (var variant in new[] { "reference", "paper" })
        {
            var result = (EumResult)Model.Run(problem, Settings(variant));
            Assert.All(result.Rounds.Skip(1), r => Assert.All(r.Risk.Values, x => Assert.Equal(1.0, x)));
            Assert.All(result.Rounds, r => Assert.All(r.Positions.Values, x => Assert.True(double.IsFinite(x))));
            Assert.True(double.IsFinite(result.Forecast));
        }
    }

    [Fact]
    public void Positions_on_another_scale_give_the_same_trajectory_mapped_to_that_scale()
    {
        // EC table mapped from years 4–10 to an affine scale, e.g. 2028 + 2·x: the model only sees ratios to R.
        var x = EcEmissions.Position.Select(v => 2028 + 2 * v).ToArray();
        var mapped = EcEmissions.Build(EcEmissions.Names, x, EcEmissions.Salience, EcEmissions.Capability, 2028, 2060);
        var a = (EumResult)Model.Run(EcEmissions.Problem(), ModelSettings.Default);
        var b = (EumResult)Model.Run(mapped, ModelSettings.Default);
        for (int t = 0; t <= 10; t++)
            foreach (var (actor, v) in a.Rounds[t].Positions)
                Assert.Equal(2028 + 2 * v, b.Rounds[t].Positions[actor], 9);
        Assert.Equal(2028 + 2 * a.Forecast, b.Forecast, 9);
    }

    [Fact]
    public void Median_stable_stopping_ends_when_the_median_rests_for_k_rounds()
    {
        // Reference medians: 7, 8.4159, 9.6109, 9.9620, 9.9620, 9.9620, 7.4720 ... → quiet in rounds 4 and 5.
        var result = (EumResult)Model.Run(EcEmissions.Problem(),
            ModelSettings.Default.With("stop", "median-stable").With("epsilon", "0.001").With("k", "2"));
        Assert.Equal(5, result.Rounds[^1].Round);
        Assert.Equal(9.961979590401311, result.Forecast, 9);
        Assert.Contains(result.Notes!, n => n.Contains("stopped after round 5"));
        Assert.Equal(result.Forecast, Model.Forecast(EcEmissions.Problem(),
            ModelSettings.Default.With("stop", "median-stable").With("epsilon", "0.001").With("k", "2")));
    }

    [Fact]
    public void Outcome_mean_forecasts_the_final_weighted_mean()
    {
        var result = (EumResult)Model.Run(EcEmissions.Problem(), ModelSettings.Default.With("outcome", "mean"));
        Assert.Equal(7.242131, result.Forecast, 6);
        Assert.Equal(7.242131, result.Trajectory[^1].Outcome, 6);
        Assert.Equal(11, result.Trajectory.Count);
    }

    [Fact]
    public void Risk_off_keeps_every_exponent_at_1()
    {
        var result = (EumResult)Model.Run(EcEmissions.Problem(), ModelSettings.Default.With("risk", "off"));
        Assert.All(result.Rounds.Skip(1), r => Assert.All(r.Risk.Values, x => Assert.Equal(1.0, x)));
        var withRisk = (EumResult)Model.Run(EcEmissions.Problem(), ModelSettings.Default);
        Assert.NotEqual(withRisk.Rounds[1].Risk["UK"], result.Rounds[1].Risk["UK"]);
    }

    [Fact]
    public void Interventions_apply_between_rounds()
    {
        var settings = ModelSettings.Default with
        {
            Interventions =
            [
                new Intervention(2, new ActorId("Belgium"), InterventionKind.Remove),
                new Intervention(3, new ActorId("Greece"), InterventionKind.SetPosition, new IssueId("delay"), 12),
                new Intervention(3, new ActorId("UK"), InterventionKind.SetSalience, new IssueId("delay"), 0.1),
                new Intervention(4, new ActorId("France"), InterventionKind.SetCapability, null, 0.5),
                new Intervention(3, new ActorId("Italy"), InterventionKind.SetPosition, new IssueId("other-issue"), 0),
                new Intervention(40, new ActorId("Italy"), InterventionKind.Remove),
            ],
        };
        var result = (EumResult)Model.Run(EcEmissions.Problem(), settings);
        var plain = (EumResult)Model.Run(EcEmissions.Problem(), ModelSettings.Default);
        Assert.Contains("Belgium", result.Rounds[1].Positions.Keys);
        Assert.DoesNotContain("Belgium", result.Rounds[2].Positions.Keys);
        Assert.DoesNotContain(result.Rounds[2].Moves, m => m.With == "Belgium");
        Assert.Equal(plain.Rounds[1].Positions["Italy"], result.Rounds[1].Positions["Italy"]);
        // Greece starts round 3 at 12 (outside the initial 4–10: R widens, nothing is NaN).
        var greeceMove = result.Rounds[3].Moves.FirstOrDefault(m => m.Actor == "Greece");
        Assert.True(greeceMove is null ? result.Rounds[3].Positions["Greece"] == 12 : greeceMove.From == 12);
        Assert.All(result.Rounds, r => Assert.All(r.Positions.Values, x => Assert.True(double.IsFinite(x))));
        Assert.Contains(result.Notes!, n => n.Contains("remove Belgium at round 2"));
        Assert.Contains(result.Notes!, n => n.Contains("was not applied"));
        Assert.Equal(result.Forecast, Model.Forecast(EcEmissions.Problem(), settings));
    }
}

public class LargeProblemTests
{
    [Theory]
    [InlineData("reference", 150, false)]
    [InlineData("paper", 150, false)]
    [InlineData("reference", 120, true)]
    [InlineData("paper", 120, true)]
    public void Large_problems_with_and_without_shared_positions_stay_finite_and_in_range(string variant, int n, bool fewPositions)
    {
        var rng = new Random(n + (fewPositions ? 1 : 0));
        var names = Enumerable.Range(0, n).Select(i => $"a{i}").ToArray();
        var x = names.Select(_ => fewPositions ? 25.0 * rng.Next(0, 5) : 100 * rng.NextDouble()).ToArray();
        var s = names.Select(_ => rng.NextDouble()).ToArray();
        var c = names.Select(_ => 0.01 + rng.NextDouble()).ToArray();
        var problem = EcEmissions.Build(names, x, s, c, 0, 100);
        var settings = ModelSettings.Default.With("variant", variant).With("q", variant == "paper" ? "0.5" : "1");
        var result = (EumResult)new ExpectedUtilityModel().Run(problem, settings);
        Assert.Equal(11, result.Rounds.Count);
        foreach (var round in result.Rounds)
        {
            Assert.All(round.Positions.Values, v => Assert.InRange(v, x.Min(), x.Max()));
            Assert.All(round.Risk.Values, r => Assert.InRange(r, 0.5 - 1e-12, 2 + 1e-12));
            Assert.InRange(round.Median, x.Min(), x.Max());
        }
        Assert.Equal(result.Forecast, new ExpectedUtilityModel().Forecast(problem, settings));
        Assert.Contains(result.Rounds.Skip(1), r => r.Moves.Count > 0);
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("paper")]
    public void One_actor_or_nobody_caring_gives_finite_results(string variant)
    {
        var model = new ExpectedUtilityModel();
        var single = (EumResult)model.Run(EcEmissions.Build(["only"], [3.0], [0.5], [1.0]), ModelSettings.Default.With("variant", variant));
        Assert.Equal(3.0, single.Forecast);
        Assert.All(single.Rounds, r => Assert.Empty(r.Moves));
        var careless = (EumResult)model.Run(EcEmissions.Build(["a", "b", "c"], [1.0, 5.0, 9.0], [0, 0, 0], [1, 2, 3]),
            ModelSettings.Default.With("variant", variant).With("outcome", "mean"));
        Assert.All(careless.Rounds, r => Assert.All(r.Positions.Values, x => Assert.True(double.IsFinite(x))));
        Assert.True(double.IsFinite(careless.Forecast));
        Assert.Equal(5.0, careless.Rounds[0].Mean); // nobody weighs anything: the unweighted mean
        var none = (EumResult)model.Run(EcEmissions.Problem(), ModelSettings.Default.With("variant", variant).With("rounds", "0"));
        Assert.Single(none.Rounds);
        Assert.Equal(7.0, none.Forecast);
    }
}
