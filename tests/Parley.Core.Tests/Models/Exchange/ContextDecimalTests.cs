using Parley.Core.Models.Exchange;
using Xunit;

namespace Parley.Core.Tests.Models.Exchange;

/// <summary>The arithmetic must be Python's decimal default context (28 digits, half-even): values as Python prints them.</summary>
public class ContextDecimalTests
{
    private static ContextDecimal D(string s) => ContextDecimal.Parse(s);

    private static string Text(ContextDecimal d) => d.Coefficient + "E" + d.Exponent;

    [Fact]
    public void Division_rounds_to_28_significant_digits_half_even()
    {
        Assert.Equal(D("0.3333333333333333333333333333"), D("1") / D("3"));
        Assert.Equal(D("0.6666666666666666666666666667"), D("2") / D("3"));
        Assert.Equal(D("15.38461538461538461538461538"), D("100") / D("6.5"));
        Assert.Equal(D("-0.6666666666666666666666666667"), D("-2") / D("3"));
    }

    [Fact]
    public void Addition_rounds_ties_to_even()
    {
        Assert.Equal(D("1"), D("1") + D("5E-28"));                                   // …0|5 → even 0
        Assert.Equal(D("1.000000000000000000000000002"), D("1.000000000000000000000000001") + D("5E-28")); // …1|5 → 2
        Assert.Equal(D("1.000000000000000000000000001"), D("1") + D("6E-28"));
        Assert.True(D("1") + D("1E-27") > D("1"));
    }

    [Fact]
    public void Floats_convert_exactly_like_Python_Decimal_of_a_float()
    {
        Assert.Equal(D("0.40000000000000002220446049250313080847263336181640625"), ContextDecimal.ExactFromDouble(0.4));
        Assert.Equal(D("0.1000000000000000055511151231257827021181583404541015625"), ContextDecimal.ExactFromDouble(0.1));
        Assert.Equal(D("0.95"), ContextDecimal.FromWritten(0.95));
        // Python: Decimal(0.4) * Decimal("0.3") = Decimal('0.1200000000000000066613381478')
        Assert.Equal(D("0.1200000000000000066613381478"), ContextDecimal.ExactFromDouble(0.4) * D("0.3"));
    }

    [Fact]
    public void Comparisons_are_exact()
    {
        Assert.True(D("0.1000000000000000000000000001") > D("0.1"));
        Assert.True(ContextDecimal.ExactFromDouble(1e-10) > D("1E-10"));
        Assert.Equal(0, D("2.50").CompareTo(D("2.5")));
        Assert.Equal("25E-1", Text(D("2.5")));
    }
}
