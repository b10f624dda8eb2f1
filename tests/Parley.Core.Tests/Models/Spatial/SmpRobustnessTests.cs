using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.Spatial;
using Parley.Core.Models.Spatial.Reference;
using Xunit;

namespace Parley.Core.Tests.Models.Spatial;

/// <summary>
/// Inputs at the edges of double precision: saliences so small that their squares underflow, and so many positions
/// that every conditional-PCE product underflows; and cancellation of a run.
/// </summary>
public sealed class SmpRobustnessTests
{
    private static SmpProblem Problem(double[] saliences) => new(
        ["a", "b", "c"], ["x", "y"], [3.0, 2.0, 1.0], [0.1, 0.9, 0.5, 0.5, 0.8, 0.2], saliences);

    [Fact]
    public void Tiny_positive_saliences_give_the_distances_of_their_proportions()
    {
        // Actor a's saliences 1e-300 and 3e-300: their squares underflow, the distances need only their ratio.
        var tiny = Problem([1e-300, 3e-300, 0.5, 0.5, 0.6, 0.4]);
        var plain = Problem([0.25, 0.75, 0.5, 0.5, 0.6, 0.4]);
        var a = new SmpEngine(tiny, SmpOptions.Default).Analyse(SmpState.Initial(tiny));
        var b = new SmpEngine(plain, SmpOptions.Default).Analyse(SmpState.Initial(plain));
        for (int j = 0; j < 3; j++)
        {
            Assert.True(double.IsFinite(a.Distance[j]));
            Assert.Equal(b.Distance[j], a.Distance[j], 1e-15);
        }
        // the other actors' rows are those of any other problem with their saliences, to the bit
        Assert.Equal(b.Distance.Skip(3), a.Distance.Skip(3));
    }

    [Fact]
    // The domain accepts saliences down to 1e-9 (InputBounds); smaller ones are checked on SmpProblem directly below.
    public void A_scenario_with_a_tiny_positive_salience_runs_to_finite_numbers()
    {
        var issue = new Issue(new IssueId("tax"), "Tax", new Scale(0, 100));
        var actors = new[] { new Actor(new ActorId("a"), "A", 5), new Actor(new ActorId("b"), "B", 3), new Actor(new ActorId("c"), "C", 1) };
        var stances = new List<Stance>
        {
            new(new ActorId("a"), issue.Id, 10, 1e-9), new(new ActorId("b"), issue.Id, 60, 0.5), new(new ActorId("c"), issue.Id, 90, 0.8),
        };
        var scenario = new Scenario(new ScenarioMetadata("t", "t"), actors, [issue], stances);
        var result = Assert.IsType<SmpIssueResult>(Assert.Single(
            new SpatialModelOfPolitics().Run(scenario, ModelSettings.Default, TestContext.Current.CancellationToken).Issues));
        Assert.True(double.IsFinite(result.Forecast));
        Assert.All(result.States, s =>
        {
            Assert.All(s.Probabilities.Values, p => Assert.True(double.IsFinite(p)));
            Assert.All(s.Positions.Values, x => Assert.True(double.IsFinite(x[0])));
        });
    }

    [Fact]
    public void A_weight_too_small_to_represent_is_refused_naming_the_actor()
    {
        var e = Assert.Throws<ArgumentException>(() => new SmpProblem(["a", "b"], ["x"], [1e-30, 1.0], [0.2, 0.8], [1e-300, 0.5]));
        Assert.Contains("Actor 'a'", e.Message);
        Assert.Contains("capability × total salience", e.Message);
    }

    [Fact]
    public void Conditional_PCE_over_1200_even_options_is_uniform_where_every_product_underflows()
    {
        // 0.5^1200 is below the smallest double: KTAB's formula gives 0/0 for every option.
        const int n = 1200;
        var pv = Enumerable.Repeat(0.5, n * n).ToArray();
        Assert.All(KtabPce.Conditional(pv, n), x => Assert.True(double.IsNaN(x))); // KTAB's formula
        Assert.All(Pce.Conditional(pv, n), x => Assert.Equal(1.0 / n, x, 1e-18));
    }

    [Fact]
    public void Conditional_PCE_keeps_KTABs_bits_where_the_products_are_normal_doubles()
    {
        var rnd = new Random(4);
        foreach (int n in new[] { 1, 2, 7, 40, 200 })
        {
            var pv = new double[n * n];
            for (int a = 0; a < n; a++)
                for (int b = 0; b <= a; b++)
                {
                    double x = a == b ? 0.5 : rnd.NextDouble();
                    pv[a * n + b] = x;
                    pv[b * n + a] = a == b ? 0.5 : 1 - x;
                }
            var products = Enumerable.Range(0, n).Select(a => Enumerable.Range(0, n).Aggregate(1.0, (x, b) => x * pv[a * n + b]));
            Assert.True(products.Min() >= 2.2250738585072014e-308); // every product a normal double
            Assert.Equal(KtabPce.Conditional(pv, n), Pce.Conditional(pv, n));
        }
    }

    [Fact]
    public void Twelve_hundred_actors_in_two_camps_get_finite_probabilities_and_risk_attitudes()
    {
        // 500 actors at 0.7, then 700 at 0.3: each position's product over the 1,200 options falls below the smallest
        // double and rounds to 0 (0.583^500·0.5^700 ≈ 2^−1089, 0.5^500·0.417^700 ≈ 2^−1384), so KTAB's formula gave
        // 0/0: NaN probabilities and risk attitudes, as smp on 4,000 actors × 3 issues did.
        const int n = 1200, right = 500;
        var problem = new SmpProblem(Enumerable.Range(0, n).Select(i => $"a{i}").ToArray(), ["x"],
            Enumerable.Repeat(1.0, n).ToArray(), Enumerable.Range(0, n).Select(i => i < right ? 0.7 : 0.3).ToArray(),
            Enumerable.Repeat(0.5, n).ToArray());
        var a = new SmpEngine(problem, SmpOptions.Default).Analyse(SmpState.Initial(problem));
        // the larger camp's position wins (by 2^295 to 1): each of its 700 holders 1/700
        Assert.All(a.PositionProbabilities.Skip(right), p => Assert.Equal(1.0 / 700, p, 1e-15));
        Assert.All(a.PositionProbabilities.Take(right), p => Assert.InRange(p, 0, 1e-80));
        Assert.All(a.Risk, r => Assert.True(double.IsFinite(r)));
        Assert.All(a.ActorProbabilities, p => Assert.True(double.IsFinite(p)));
    }

    [Fact]
    public void A_cancelled_run_throws_operation_cancelled()
    {
        var problem = KtabData.ReadCsv(KtabData.Fixture("dummyData_3Dim.csv"));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var engine = new SmpEngine(problem, SmpOptions.Default, cts.Token);
        Assert.ThrowsAny<OperationCanceledException>(() => engine.Run());
        // inside a round: the challenges and the parallel loops stop, the round throws
        var analysed = new SmpEngine(problem, SmpOptions.Default).Analyse(SmpState.Initial(problem));
        Assert.ThrowsAny<OperationCanceledException>(() => engine.Step(analysed, 0));
        Assert.ThrowsAny<OperationCanceledException>(() => new SpatialModelOfPolitics().Run(
            new Scenario(new ScenarioMetadata("t", "t"),
                [new Actor(new ActorId("a"), "A", 1), new Actor(new ActorId("b"), "B", 2)],
                [new Issue(new IssueId("i"), "I", new Scale(0, 1))],
                [new Stance(new ActorId("a"), new IssueId("i"), 0.2, 0.5), new Stance(new ActorId("b"), new IssueId("i"), 0.8, 0.5)]),
            ModelSettings.Default, cts.Token));
    }
}
