using System.Runtime.CompilerServices;

namespace Parley.Core.Models.ExpectedUtility;

/// <summary>
/// b^r for whole spans (the EUM's hot loops spend most of their time here). Deliberately scalar Math.Pow (the C
/// library's pow, as the reference Python code uses): the vectorised Vector256.Exp/Log were ~2× faster but give
/// results that differ in the last bits between JIT tiers (their fused multiply-adds are only "estimates"), which made
/// runs depend on how warm the process was. Determinism comes first. r = 1 returns b exactly.
/// </summary>
internal static class PowMath
{
    /// <summary>dst[k] = 2 − 4·b[k]^r (the utility transform), b clamped at 0.</summary>
    public static void UtilityInto(ReadOnlySpan<double> b, double r, Span<double> dst)
    {
        if (r == 1.0)
        {
            for (int k = 0; k < b.Length; k++) dst[k] = 2 - 4 * Math.Max(b[k], 0.0);
            return;
        }
        for (int k = 0; k < b.Length; k++) dst[k] = 2 - 4 * Math.Pow(Math.Max(b[k], 0.0), r);
    }

    /// <summary>dst[k] = 2 − 4·b[k]^r[k], b clamped at 0.</summary>
    public static void UtilityInto(ReadOnlySpan<double> b, ReadOnlySpan<double> r, Span<double> dst)
    {
        for (int k = 0; k < b.Length; k++) dst[k] = 2 - 4 * Pow(Math.Max(b[k], 0.0), r[k]);
    }

    /// <summary>dst[k] = w[k]·d[k]^r[k] for d ≥ 0.</summary>
    public static void WeightedPowInto(ReadOnlySpan<double> d, ReadOnlySpan<double> r, ReadOnlySpan<double> w, Span<double> dst)
    {
        for (int k = 0; k < d.Length; k++) dst[k] = w[k] * Pow(d[k], r[k]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Pow(double b, double r) => r == 1.0 ? b : Math.Pow(b, r);
}
