using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Parley.Core.Numerics;

namespace Parley.Core.Models.ExpectedUtility;

/// <summary>
/// b^r for whole spans (the EUM's hot loops spend most of their time here), four lanes at a time with
/// <see cref="ReproducibleMath"/>: the same bits on every machine, JIT tier and thread count (Math.Pow depends on the
/// C library; .NET's Vector256.Exp/Log on the JIT tier). r = 1 returns b exactly.
/// </summary>
internal static class PowMath
{
    /// <summary>dst[k] = 2 − 4·b[k]^r (the utility transform), b clamped at 0.</summary>
    public static void UtilityInto(ReadOnlySpan<double> b, double r, Span<double> dst)
    {
        if (r == 1.0)
        {
            for (int k = 0; k < b.Length; k++) dst[k] = 2 - 4 * (b[k] > 0 ? b[k] : 0.0);
            return;
        }
        var vr = Vector256.Create(r);
        int n = b.Length, i = 0;
        for (; i <= n - 4; i += 4) Utility(Vector256.Create(b.Slice(i, 4)), vr).CopyTo(dst.Slice(i, 4));
        if (i < n)
        {
            Span<double> bb = stackalloc double[4];
            bb.Fill(1.0);
            b[i..].CopyTo(bb);
            var v = Utility(Vector256.Create((ReadOnlySpan<double>)bb), vr);
            for (int k = i; k < n; k++) dst[k] = v.GetElement(k - i);
        }
    }

    /// <summary>dst[k] = 2 − 4·b[k]^r[k], b clamped at 0.</summary>
    public static void UtilityInto(ReadOnlySpan<double> b, ReadOnlySpan<double> r, Span<double> dst)
    {
        int n = b.Length, i = 0;
        for (; i <= n - 4; i += 4) Utility(Vector256.Create(b.Slice(i, 4)), Vector256.Create(r.Slice(i, 4))).CopyTo(dst.Slice(i, 4));
        for (; i < n; i++) dst[i] = 2 - 4 * Pow(b[i] > 0 ? b[i] : 0.0, r[i]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Utility(Vector256<double> b, Vector256<double> r)
    {
        var clamped = Vector256.ConditionalSelect(Vector256.GreaterThan(b, Vector256<double>.Zero), b, Vector256<double>.Zero);
        return Vector256.Create(2.0) - Vector256.Create(4.0) * ReproducibleMath.Pow(clamped, r);
    }

    /// <summary>One power, the same bits as the span versions produce in any lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Pow(double b, double r) => ReproducibleMath.Pow(b, r);
}
