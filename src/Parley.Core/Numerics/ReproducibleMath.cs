using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Parley.Core.Numerics;

/// <summary>
/// Natural logarithm, exponential and power computed from IEEE-754 additions, multiplications, divisions and
/// comparisons only (no fused multiply-add, no hardware estimates, no C library), four lanes at a time.
/// <para>
/// Why: the models' hot loops raise distances to risk exponents thousands of times per round. <c>Math.Pow</c> calls
/// the C library, whose last bits may differ between library versions, and .NET's vectorised
/// <c>Vector256.Exp/Log</c> use "estimate" multiply-adds whose rounding may differ between JIT tiers, which made a
/// run's result depend on how warm the process was. These functions give the same bits on every machine, JIT tier,
/// thread count and lane (a scalar call is the same computation on one lane), and are about 5× faster than
/// <c>Math.Pow</c> on spans.
/// </para>
/// <para>
/// Algorithms: <c>log</c> and <c>exp</c> of FreeBSD's msun (Sun's fdlibm, as in musl libc: e_log.c, e_exp.c), written
/// without branches: argument reduction to [√2/2, √2) and the Remez polynomial in s = f/(2+f) for log; reduction by
/// k·ln 2 (k rounded to nearest even) and the rational approximation for exp. Both are accurate to under 1 ulp;
/// pow(b, r) = exp(r·log b) then has a relative error below (2 + |r·log b|)·2⁻⁵² (≤ 7e-15 for the models'
/// bases and exponents), see ReproducibleMathTests.
/// </para>
/// </summary>
internal static class ReproducibleMath
{
    // fdlibm e_log.c
    private const double Ln2Hi = 6.93147180369123816490e-01; // 0x3fe62e42 fee00000
    private const double Ln2Lo = 1.90821492927058770002e-10; // 0x3dea39ef 35793c76
    private const double Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01, Lg3 = 2.857142874366239149e-01;
    private const double Lg4 = 2.222219843214978396e-01, Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01;
    private const double Lg7 = 1.479819860511658591e-01;

    // fdlibm e_exp.c
    private const double InvLn2 = 1.44269504088896338700e+00;
    private const double P1 = 1.66666666666666019037e-01, P2 = -2.77777777770155933842e-03, P3 = 6.61375632143793436117e-05;
    private const double P4 = -1.65339022054652515390e-06, P5 = 4.13813679705723846039e-08;

    /// <summary>1.5·2⁵²: adding it rounds a double of magnitude below 2⁵¹ to the nearest integer (ties to even).</summary>
    private const double RoundMagic = 6755399441055744.0;
    private const double TwoTo54 = 18014398509481984.0;
    private const double SmallestNormal = 2.2250738585072014e-308;

    /// <summary>ln x for x &gt; 0 (also 0 → −∞, +∞ → +∞, negative or NaN → NaN).</summary>
    public static double Log(double x) => Log(Vector256.Create(x)).GetElement(0);

    /// <summary>eˣ (overflows to +∞ above ≈ 709.78, underflows through subnormals to 0 below ≈ −745.13).</summary>
    public static double Exp(double x) => Exp(Vector256.Create(x)).GetElement(0);

    /// <summary>bʳ for b ≥ 0 (r = 1 returns b exactly; b = 0 gives 0 for r &gt; 0, 1 for r = 0, +∞ for r &lt; 0).</summary>
    public static double Pow(double b, double r) =>
        r == 1.0 ? b : Pow(Vector256.Create(b), Vector256.Create(r)).GetElement(0);

    /// <summary>dst[k] = b[k]^r.</summary>
    public static void PowInto(ReadOnlySpan<double> b, double r, Span<double> dst)
    {
        if (r == 1.0) { b.CopyTo(dst); return; }
        var vr = Vector256.Create(r);
        int n = b.Length, k = 0;
        for (; k <= n - 4; k += 4) Pow(Vector256.Create(b.Slice(k, 4)), vr).CopyTo(dst.Slice(k, 4));
        if (k < n) Tail(b[k..], default, r, dst[k..]);
    }

    /// <summary>dst[k] = b[k]^r[k].</summary>
    public static void PowInto(ReadOnlySpan<double> b, ReadOnlySpan<double> r, Span<double> dst)
    {
        int n = b.Length, k = 0;
        for (; k <= n - 4; k += 4) Pow(Vector256.Create(b.Slice(k, 4)), Vector256.Create(r.Slice(k, 4))).CopyTo(dst.Slice(k, 4));
        if (k < n) Tail(b[k..], r[k..], 0, dst[k..]);
    }

    private static void Tail(ReadOnlySpan<double> b, ReadOnlySpan<double> r, double scalarR, Span<double> dst)
    {
        Span<double> bb = stackalloc double[4];
        Span<double> rr = stackalloc double[4];
        bb.Fill(1.0);
        rr.Fill(scalarR);
        b.CopyTo(bb);
        if (!r.IsEmpty) r.CopyTo(rr);
        var v = Pow(Vector256.Create((ReadOnlySpan<double>)bb), Vector256.Create((ReadOnlySpan<double>)rr));
        for (int k = 0; k < b.Length; k++) dst[k] = v.GetElement(k);
    }

    /// <summary>Four powers bʳ, lane by lane (see <see cref="Pow(double, double)"/> for the special cases).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Pow(Vector256<double> b, Vector256<double> r) => PowFromLog(b, Log(b), r);

    /// <summary>
    /// bʳ from b and a precomputed <c>Log(b)</c>: the same bits as <see cref="Pow(Vector256{double}, Vector256{double})"/>,
    /// for callers that raise one base to several exponents.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> PowFromLog(Vector256<double> b, Vector256<double> logB, Vector256<double> r)
    {
        var one = Vector256<double>.One;
        var zero = Vector256<double>.Zero;
        var result = Exp(r * logB);
        // b = 0: 0 for r > 0, +∞ for r < 0; then r = 0 or b = 1 → 1; r = 1 → b exactly (also for b = 0, ∞, NaN).
        var bZero = Vector256.Equals(b, zero);
        result = Vector256.ConditionalSelect(bZero & Vector256.GreaterThan(r, zero), zero, result);
        result = Vector256.ConditionalSelect(bZero & Vector256.LessThan(r, zero), Vector256.Create(double.PositiveInfinity), result);
        result = Vector256.ConditionalSelect(Vector256.Equals(r, zero) | Vector256.Equals(b, one), one, result);
        return Vector256.ConditionalSelect(Vector256.Equals(r, one), b, result);
    }

    /// <summary>dst[k] = Log(x[k]).</summary>
    public static void LogInto(ReadOnlySpan<double> x, Span<double> dst)
    {
        int n = x.Length, k = 0;
        for (; k <= n - 4; k += 4) Log(Vector256.Create(x.Slice(k, 4))).CopyTo(dst.Slice(k, 4));
        for (; k < n; k++) dst[k] = Log(x[k]);
    }

    /// <summary>Four natural logarithms (fdlibm e_log.c, branch-free).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log(Vector256<double> x)
    {
        // Subnormals: scale by 2^54 first.
        var sub = Vector256.LessThan(x, Vector256.Create(SmallestNormal)) & Vector256.GreaterThan(x, Vector256<double>.Zero);
        var xs = Vector256.ConditionalSelect(sub, x * Vector256.Create(TwoTo54), x);
        var kAdjust = Vector256.ConditionalSelect(sub.AsInt64(), Vector256.Create(-54L), Vector256<long>.Zero);

        // Reduce x to 2^k·(1 + f) with 1 + f in [√2/2, √2): shift the exponent so that the cut falls at √2/2.
        var bits = xs.AsInt64() + Vector256.Create((0x3ff00000L - 0x3fe6a09eL) << 32);
        var k = Vector256.ShiftRightLogical(bits.AsUInt64(), 52).AsInt64() - Vector256.Create(0x3ffL) + kAdjust;
        var m = (bits & Vector256.Create(0x000fffffffffffffL)) + Vector256.Create(0x3fe6a09eL << 32);
        var f = m.AsDouble() - Vector256<double>.One;
        var dk = (k + Vector256.Create(RoundMagic).AsInt64()).AsDouble() - Vector256.Create(RoundMagic);

        var hfsq = Vector256.Create(0.5) * f * f;
        var s = f / (Vector256.Create(2.0) + f);
        var z = s * s;
        var w = z * z;
        var t1 = w * (Vector256.Create(Lg2) + w * (Vector256.Create(Lg4) + w * Vector256.Create(Lg6)));
        var t2 = z * (Vector256.Create(Lg1) + w * (Vector256.Create(Lg3) + w * (Vector256.Create(Lg5) + w * Vector256.Create(Lg7))));
        var rr = t2 + t1;
        var result = s * (hfsq + rr) + dk * Vector256.Create(Ln2Lo) - hfsq + f + dk * Vector256.Create(Ln2Hi);

        // Special values: 0 → −∞, +∞ → +∞, negative or NaN → NaN.
        result = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256<double>.Zero), Vector256.Create(double.NegativeInfinity), result);
        result = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256.Create(double.PositiveInfinity)), x, result);
        var invalid = Vector256.LessThan(x, Vector256<double>.Zero) | ~Vector256.Equals(x, x);
        return Vector256.ConditionalSelect(invalid, Vector256.Create(double.NaN), result);
    }

    /// <summary>Four exponentials (fdlibm e_exp.c, branch-free; k rounded to nearest, ties to even).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x)
    {
        // Clamp so that k stays within the two-step scaling below; the clamped values still over/underflow.
        var xc = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(800.0)), Vector256.Create(800.0), x);
        xc = Vector256.ConditionalSelect(Vector256.LessThan(xc, Vector256.Create(-800.0)), Vector256.Create(-800.0), xc);

        var t = xc * Vector256.Create(InvLn2) + Vector256.Create(RoundMagic);
        var kd = t - Vector256.Create(RoundMagic);
        var k = t.AsInt64() - Vector256.Create(RoundMagic).AsInt64();
        var hi = xc - kd * Vector256.Create(Ln2Hi); // exact: ln2hi has 32 trailing zero bits
        var lo = kd * Vector256.Create(Ln2Lo);
        var r = hi - lo;
        var rr = r * r;
        var c = r - rr * (Vector256.Create(P1) + rr * (Vector256.Create(P2) + rr * (Vector256.Create(P3)
            + rr * (Vector256.Create(P4) + rr * Vector256.Create(P5)))));
        var y = Vector256<double>.One + (r * c / (Vector256.Create(2.0) - c) - lo + hi);

        // y·2^k in two exact steps (2^k1·2^k2, k1 = ⌊k/2⌋), so results below the normal range round once, as scalbn.
        var kb = k + Vector256.Create(2048L);
        var k1 = Vector256.ShiftRightLogical(kb.AsUInt64(), 1).AsInt64() - Vector256.Create(1024L);
        var k2 = k - k1;
        var s1 = Vector256.ShiftLeft((k1 + Vector256.Create(1023L)).AsUInt64(), 52).AsDouble();
        var s2 = Vector256.ShiftLeft((k2 + Vector256.Create(1023L)).AsUInt64(), 52).AsDouble();
        var result = y * s1 * s2;
        // NaN stays NaN (the clamp keeps it; every operation above propagates it).
        return Vector256.ConditionalSelect(~Vector256.Equals(x, x), x, result);
    }
}
