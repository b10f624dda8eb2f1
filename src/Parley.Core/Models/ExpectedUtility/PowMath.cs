using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Parley.Core.Models.ExpectedUtility;

/// <summary>
/// b^r for whole spans as exp(r·ln b), four lanes at a time (Vector256.Exp/Log, relative error ~3e-15 against
/// Math.Pow). b = 0 gives 0 (ln 0 = −∞); r = 1 returns b exactly. The EUM's hot loops spend most of their time here.
/// </summary>
internal static class PowMath
{
    /// <summary>dst[k] = 2 − 4·b[k]^r (the utility transform), b clamped at 0.</summary>
    public static void UtilityInto(ReadOnlySpan<double> b, double r, Span<double> dst)
    {
        int n = b.Length, k = 0;
        if (r == 1.0)
        {
            for (; k < n; k++) dst[k] = 2 - 4 * Math.Max(b[k], 0.0);
            return;
        }
        ref double bs = ref MemoryMarshal.GetReference(b);
        ref double ds = ref MemoryMarshal.GetReference(dst);
        if (Vector256.IsHardwareAccelerated)
        {
            var vr = Vector256.Create(r);
            var two = Vector256.Create(2.0);
            var four = Vector256.Create(4.0);
            for (; k <= n - 4; k += 4)
            {
                var v = Vector256.Max(Vector256.LoadUnsafe(ref bs, (nuint)k), Vector256<double>.Zero);
                (two - four * Vector256.Exp(vr * Vector256.Log(v))).StoreUnsafe(ref ds, (nuint)k);
            }
        }
        for (; k < n; k++) dst[k] = 2 - 4 * Pow(Math.Max(b[k], 0.0), r);
    }

    /// <summary>dst[k] = 2 − 4·b[k]^r[k], b clamped at 0.</summary>
    public static void UtilityInto(ReadOnlySpan<double> b, ReadOnlySpan<double> r, Span<double> dst)
    {
        int n = b.Length, k = 0;
        ref double bs = ref MemoryMarshal.GetReference(b);
        ref double rs = ref MemoryMarshal.GetReference(r);
        ref double ds = ref MemoryMarshal.GetReference(dst);
        if (Vector256.IsHardwareAccelerated)
        {
            var two = Vector256.Create(2.0);
            var four = Vector256.Create(4.0);
            for (; k <= n - 4; k += 4)
            {
                var v = Vector256.Max(Vector256.LoadUnsafe(ref bs, (nuint)k), Vector256<double>.Zero);
                var e = Vector256.LoadUnsafe(ref rs, (nuint)k);
                (two - four * Vector256.Exp(e * Vector256.Log(v))).StoreUnsafe(ref ds, (nuint)k);
            }
        }
        for (; k < n; k++) dst[k] = 2 - 4 * Pow(Math.Max(b[k], 0.0), r[k]);
    }

    /// <summary>dst[k] = w[k]·d[k]^r[k] for d ≥ 0.</summary>
    public static void WeightedPowInto(ReadOnlySpan<double> d, ReadOnlySpan<double> r, ReadOnlySpan<double> w, Span<double> dst)
    {
        int n = d.Length, k = 0;
        ref double ds0 = ref MemoryMarshal.GetReference(d);
        ref double rs = ref MemoryMarshal.GetReference(r);
        ref double ws = ref MemoryMarshal.GetReference(w);
        ref double dst0 = ref MemoryMarshal.GetReference(dst);
        if (Vector256.IsHardwareAccelerated)
        {
            for (; k <= n - 4; k += 4)
            {
                var v = Vector256.LoadUnsafe(ref ds0, (nuint)k);
                var e = Vector256.LoadUnsafe(ref rs, (nuint)k);
                var wv = Vector256.LoadUnsafe(ref ws, (nuint)k);
                (wv * Vector256.Exp(e * Vector256.Log(v))).StoreUnsafe(ref dst0, (nuint)k);
            }
        }
        for (; k < n; k++) dst[k] = w[k] * Pow(d[k], r[k]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Pow(double b, double r) => r == 1.0 ? b : Math.Exp(r * Math.Log(b));
}
