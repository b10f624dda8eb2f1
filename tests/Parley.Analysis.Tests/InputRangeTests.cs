using FsCheck;
using FsCheck.Fluent;
using Parley.Core.Domain;
using Xunit;

namespace Parley.Analysis.Tests;

public class InputRangeTests
{
    [Fact]
    public void Uniform_quantile_is_linear()
    {
        var r = new InputRange(10, 20);
        Assert.Equal(10, r.Quantile(0));
        Assert.Equal(15, r.Quantile(0.5));
        Assert.Equal(17.5, r.Quantile(0.75));
        Assert.Equal(15, r.Centre);
    }

    [Fact]
    public void Triangular_quantile_matches_the_inverse_cdf()
    {
        // low 0, mode 2, high 10: F(2) = 0.2; median where (10-x)^2/(10·8) = 0.5 → x = 10 − √40
        var r = new InputRange(0, 10, 2);
        Assert.Equal(0, r.Quantile(0), 12);
        Assert.Equal(2, r.Quantile(0.2), 12);
        Assert.Equal(10 - Math.Sqrt(40), r.Quantile(0.5), 12);
        Assert.Equal(Math.Sqrt(0.1 * 10 * 2), r.Quantile(0.1), 12);
        Assert.Equal(2, r.Centre);
    }

    [Fact]
    public void A_degenerate_range_is_its_point()
    {
        Assert.Equal(3, new InputRange(3, 3).Quantile(0.7));
        Assert.Equal(3, new InputRange(3, 3, 3).Quantile(0.1));
    }

    [Fact]
    public void Quantile_is_monotone_and_within_the_range()
    {
        Prop.ForAll(Gen.Choose(0, 1000).ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), Gen.Choose(0, 100).ToArbitrary(),
            (int a, int b, int m) =>
            {
                double low = Math.Min(a, b), high = Math.Max(a, b);
                var r = new InputRange(low, high, low + (high - low) * m / 100.0);
                double previous = double.NegativeInfinity;
                for (int k = 0; k <= 100; k++)
                {
                    double x = r.Quantile(k / 100.0 * 0.999999);
                    if (x < low - 1e-9 || x > high + 1e-9 || x < previous - 1e-9) return false;
                    previous = x;
                }
                return true;
            }).QuickCheckThrowOnFailure();
    }
}
