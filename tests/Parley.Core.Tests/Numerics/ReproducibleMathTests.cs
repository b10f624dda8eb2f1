using System.Runtime.Intrinsics;
using Parley.Core.Numerics;
using Xunit;

namespace Parley.Core.Tests.Numerics;

/// <summary>
/// The deterministic log/exp/pow against the C library (accuracy), against themselves across lanes (a value's result
/// does not depend on its lane or its neighbours), on special values, and against pinned bit patterns (the same bits
/// on every machine: a change of algorithm or platform shows up here first).
/// </summary>
public class ReproducibleMathTests
{
    private static double Ulps(double a, double b)
    {
        if (a == b) return 0;
        double ulp = Math.Max(Math.Abs(Math.BitIncrement(b) - b), double.Epsilon);
        return Math.Abs(a - b) / ulp;
    }

    private static double LogUniform(Random rng, double lo, double hi) => Math.Exp(Math.Log(lo) + rng.NextDouble() * (Math.Log(hi) - Math.Log(lo)));

    [Fact]
    public void Log_is_within_one_ulp_of_the_C_library_over_the_whole_range()
    {
        var rng = new Random(1);
        double worst = 0;
        for (int i = 0; i < 200_000; i++)
        {
            double x = i % 4 == 0 ? rng.NextDouble() * 2 : LogUniform(rng, 1e-300, 1e300);
            if (x == 0) continue;
            worst = Math.Max(worst, Ulps(ReproducibleMath.Log(x), Math.Log(x)));
        }
        Assert.True(worst <= 1.0, $"worst log error {worst} ulp");
    }

    [Fact]
    public void Exp_is_within_one_ulp_of_the_C_library_over_the_whole_range()
    {
        var rng = new Random(2);
        double worst = 0;
        for (int i = 0; i < 200_000; i++)
        {
            double x = i % 2 == 0 ? (rng.NextDouble() - 0.5) * 4 : (rng.NextDouble() - 0.5) * 1400;
            double expected = Math.Exp(x);
            if (expected < 2.2250738585072014e-308) continue; // subnormal results: checked separately
            worst = Math.Max(worst, Ulps(ReproducibleMath.Exp(x), expected));
        }
        Assert.True(worst <= 1.0, $"worst exp error {worst} ulp");
    }

    [Fact]
    public void Pow_has_the_relative_error_of_exp_of_r_log_b_on_the_models_bases_and_exponents()
    {
        // Bases in [0, 1] (normalised distances, 0.5 ± 0.5 d) and risk exponents in [0.5, 2], as the EUM uses them,
        // plus a wider band.
        var rng = new Random(3);
        double worst = 0;
        for (int i = 0; i < 200_000; i++)
        {
            double b = i % 3 == 0 ? LogUniform(rng, 1e-12, 1) : i % 3 == 1 ? rng.NextDouble() : LogUniform(rng, 1e-6, 1e6);
            double r = i % 3 == 2 ? (rng.NextDouble() - 0.5) * 20 : 0.5 + 1.5 * rng.NextDouble();
            double expected = Math.Pow(b, r), got = ReproducibleMath.Pow(b, r);
            double bound = (2 + Math.Abs(r * Math.Log(b))) * Math.Pow(2, -52);
            worst = Math.Max(worst, Math.Abs(got - expected) / expected / bound);
        }
        Assert.True(worst <= 1.0, $"worst pow error {worst} × the bound");
    }

    [Fact]
    public void Special_values_follow_Math_Pow_for_non_negative_bases()
    {
        double inf = double.PositiveInfinity;
        foreach (var (b, r) in new[] { (0.0, 1.5), (0.0, 0.0), (0.0, -1.0), (1.0, 7.3), (1.0, double.NaN), (0.3, 0.0), (0.3, 1.0),
                     (inf, 2.0), (inf, -2.0), (2.0, 2000.0), (0.5, 5000.0), (5e-324, 0.5), (1e-310, 1.0), (1e-310, 0.9), (double.NaN, 2.0), (2.0, double.NaN) })
        {
            double expected = Math.Pow(b, r), got = ReproducibleMath.Pow(b, r);
            double bound = (2 + Math.Abs(r * Math.Log(b))) * Math.Pow(2, -52);
            Assert.True(expected.Equals(got) || Math.Abs(got - expected) <= bound * Math.Abs(expected), $"pow({b}, {r}) = {got}, Math.Pow {expected}");
        }
        Assert.Equal(0.3, ReproducibleMath.Pow(0.3, 1.0)); // r = 1: exactly b
        Assert.Equal(double.NegativeInfinity, ReproducibleMath.Log(0.0));
        Assert.True(double.IsNaN(ReproducibleMath.Log(-1.0)));
        Assert.True(double.IsNaN(ReproducibleMath.Log(double.NaN)));
        Assert.Equal(inf, ReproducibleMath.Log(inf));
        Assert.Equal(0.0, ReproducibleMath.Log(1.0));
        Assert.Equal(1.0, ReproducibleMath.Exp(0.0));
        Assert.Equal(inf, ReproducibleMath.Exp(710));
        Assert.Equal(0.0, ReproducibleMath.Exp(-746));
        Assert.Equal(inf, ReproducibleMath.Exp(inf));
        Assert.Equal(0.0, ReproducibleMath.Exp(double.NegativeInfinity));
        Assert.True(double.IsNaN(ReproducibleMath.Exp(double.NaN)));
        // Subnormal results round once, like Math.Exp.
        foreach (var x in new[] { -710.0, -720.5, -740.0, -744.4 })
            Assert.True(Ulps(ReproducibleMath.Exp(x), Math.Exp(x)) <= 1, $"exp({x})");
    }

    [Fact]
    public void A_value_gives_the_same_bits_in_every_lane_and_in_span_tails()
    {
        var rng = new Random(4);
        var b = Enumerable.Range(0, 103).Select(_ => rng.NextDouble()).ToArray();
        var r = Enumerable.Range(0, 103).Select(_ => 0.5 + 1.5 * rng.NextDouble()).ToArray();
        var spans = new double[103];
        ReproducibleMath.PowInto(b, r, spans);
        var shifted = new double[102];
        ReproducibleMath.PowInto(b.AsSpan(1), r.AsSpan(1), shifted); // every value moves one lane
        var one = new double[103];
        ReproducibleMath.PowInto(b, 0.7, one);
        for (int k = 0; k < b.Length; k++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(ReproducibleMath.Pow(b[k], r[k])), BitConverter.DoubleToInt64Bits(spans[k]));
            if (k > 0) Assert.Equal(BitConverter.DoubleToInt64Bits(spans[k]), BitConverter.DoubleToInt64Bits(shifted[k - 1]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(ReproducibleMath.Pow(b[k], 0.7)), BitConverter.DoubleToInt64Bits(one[k]));
        }
        var lanes = ReproducibleMath.Pow(Vector256.Create(b[0], b[1], b[2], b[3]), Vector256.Create(r[3], r[2], r[1], r[0]));
        Assert.Equal(ReproducibleMath.Pow(b[2], r[1]), lanes.GetElement(2));
    }

    /// <summary>Bit patterns computed once; IEEE operations give them on any machine.</summary>
    [Theory]
    [InlineData(0.3, 1.7, 0x3FC08819F76D9F8DL)]
    [InlineData(0.5, 0.6, 0x3FE51CB453B9536CL)]
    [InlineData(0.013, 1.95, 0x3F2B85F2AAB1CFBEL)]
    [InlineData(0.999, 0.51, 0x3FEFFBD230B8328EL)]
    public void Pinned_bits(double b, double r, long bits)
    {
        Assert.Equal(bits.ToString("X16"), BitConverter.DoubleToInt64Bits(ReproducibleMath.Pow(b, r)).ToString("X16"));
    }
}
