using FsCheck;
using FsCheck.Fluent;
using Parley.Backtest;
using Xunit;

namespace Parley.Backtest.Tests;

public sealed class LeastAbsoluteDeviationsTests
{
    [Fact]
    public void An_intercept_alone_is_the_median()
    {
        var b = LeastAbsoluteDeviations.Fit([[1.0], [1.0], [1.0], [1.0], [1.0]], [3, 100, 1, 2, -50]);
        Assert.Equal(2, b[0], 12);
    }

    [Fact]
    public void Exact_linear_data_is_recovered_despite_one_wild_outlier()
    {
        Prop.ForAll(Gen.Choose(-20, 20).ToArbitrary(), Gen.Choose(-20, 20).ToArbitrary(), (slope, intercept) =>
        {
            var x = Enumerable.Range(0, 21).Select(i => new[] { (double)i, 1.0 }).ToArray();
            var y = x.Select(r => slope * r[0] + intercept).ToArray();
            y[7] += 1000; // least squares would be dragged; LAD is not
            var b = LeastAbsoluteDeviations.Fit(x, y, sweeps: 200);
            if (Math.Abs(b[0] - slope) > 1e-6 || Math.Abs(b[1] - intercept) > 1e-6)
                throw new Exception($"slope {slope} intercept {intercept}: got {b[0]}, {b[1]}");
        }).QuickCheckThrowOnFailure();
    }
}
