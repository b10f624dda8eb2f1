using FsCheck;
using FsCheck.Fluent;
using Parley.Core.Models.Baselines;
using Xunit;

namespace Parley.Analysis.Tests;

/// <summary>The allocation-free weighted median (sped up for Monte Carlo) against the straightforward definition.</summary>
public class MedianKernelTests
{
    private static double Naive(double[] x, double[] c, double[] s)
    {
        var order = Enumerable.Range(0, x.Length).OrderBy(i => x[i]).ThenBy(i => i).ToArray();
        double total = order.Sum(i => c[i] * s[i]);
        bool unweighted = !(total > 0);
        if (unweighted) total = x.Length;
        double cumulative = 0;
        foreach (var i in order)
        {
            cumulative += unweighted ? 1 : c[i] * s[i];
            if (cumulative >= total / 2) return x[i];
        }
        return x[order[^1]];
    }

    [Fact]
    public void Fast_median_equals_the_definition_including_ties_and_zero_weights()
    {
        var sizes = new[] { 1, 2, 3, 7, 40, 300 };
        Prop.ForAll(Gen.Choose(0, 5).ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(), (int k, int seed) =>
        {
            int n = sizes[k];
            var rng = new System.Random(seed);
            var x = Enumerable.Range(0, n).Select(_ => (double)rng.Next(0, 6)).ToArray();     // many ties
            var c = Enumerable.Range(0, n).Select(_ => (double)rng.Next(0, 4)).ToArray();     // integer weights: exact sums
            var s = Enumerable.Range(0, n).Select(_ => rng.Next(0, 3) / 2.0).ToArray();
            return WeightedMedianModel.LowerWeightedMedian(x, c, s) == Naive(x, c, s);
        }).QuickCheckThrowOnFailure();
    }
}
