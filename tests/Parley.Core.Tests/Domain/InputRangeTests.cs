using Parley.Core.Domain;
using Xunit;

namespace Parley.Core.Tests.Domain;

public class InputRangeTests
{
    [Fact]
    public void Uniform_quantiles_are_linear()
    {
        var r = new InputRange(10, 20);
        Assert.Equal(10, r.Quantile(0));
        Assert.Equal(15, r.Quantile(0.5));
        Assert.Equal(15, r.Centre);
        Assert.False(r.IsTriangular);
    }

    [Fact]
    public void Triangular_quantiles_follow_the_inverse_cdf()
    {
        var r = new InputRange(0, 10, mode: 2);
        // CDF at the mode = (c − a)/(b − a) = 0.2
        Assert.Equal(2, r.Quantile(0.2), 12);
        Assert.Equal(0, r.Quantile(0), 12);
        Assert.Equal(10, r.Quantile(1), 12);
        // median of a triangular(0, 2, 10): b − sqrt((b − a)(b − c)/2) = 10 − sqrt(40)
        Assert.Equal(10 - Math.Sqrt(40), r.Quantile(0.5), 12);
        Assert.Equal(2, r.Centre);
    }

    [Fact]
    public void Quantiles_are_monotone_and_within_the_range()
    {
        var r = new InputRange(-3, 7, mode: 6);
        double previous = double.NegativeInfinity;
        for (int k = 0; k <= 1000; k++)
        {
            double x = r.Quantile(k / 1000.0);
            Assert.InRange(x, -3, 7);
            Assert.True(x >= previous);
            previous = x;
        }
    }

    [Fact]
    public void An_inverted_range_or_a_mode_outside_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new InputRange(5, 1));
        Assert.Throws<ArgumentException>(() => new InputRange(1, 5, mode: 6));
        Assert.Throws<ArgumentException>(() => new InputRange(double.NaN, 5));
    }
}
