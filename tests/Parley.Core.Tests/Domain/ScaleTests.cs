using Parley.Core.Domain;
using Xunit;

namespace Parley.Core.Tests.Domain;

public class ScaleTests
{
    [Fact]
    public void Maps_to_and_from_the_unit_interval()
    {
        var s = new Scale(2, 5, "% of GDP");
        Assert.Equal(0.5, s.ToUnit(3.5), 12);
        Assert.Equal(3.5, s.FromUnit(0.5), 12);
        Assert.Equal(50, s.ToPercent(3.5), 12);
        Assert.Equal(3.5, s.FromPercent(50), 12);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(double.NaN, 1)]
    [InlineData(0, double.PositiveInfinity)]
    public void Needs_finite_bounds_with_min_below_max(double min, double max) =>
        Assert.Throws<ArgumentException>(() => new Scale(min, max));
}
