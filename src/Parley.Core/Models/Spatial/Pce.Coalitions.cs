using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Parley.Core.Models.Spatial;

/// <summary>
/// Coalition strengths (<c>Model::coalitions</c>): KTAB's loop for any voting rule (<see cref="Reference.KtabPce"/>),
/// and for the proportional rule one SIMD lane per pair of options, each lane summing the voters in KTAB's order.
/// </summary>
internal static partial class Pce
{
    /// <summary>
    /// Coalition strengths <c>c[a·n+b]</c> for n options from voter weights and utilities stored option-major
    /// (<c>u[o·nVoters + k]</c> = utility to voter k of option o): for a &gt; b, voters in index order
    /// (<c>Model::coalitions</c>). The work runs in parallel as <paramref name="parallel"/> says (null: on this thread;
    /// its token cancels it); the result does not change.
    /// </summary>
    public static double[] Coalitions(VotingRule rule, ReadOnlySpan<double> w, double[] u, int nOpt, ParallelOptions? parallel = null)
    {
        var c = new double[nOpt * nOpt];
        var wArr = w.ToArray();
        foreach (var wk in wArr)
            if (!(wk > 0.0)) throw new InvalidOperationException("non-positive voting weight (an actor has capability 0)");
        if (rule == VotingRule.Prop && Vector.IsHardwareAccelerated)
        {
            PropCoalitions(wArr, u, nOpt, c, parallel);
            return c;
        }
        // Other rules: KTAB's loop as written, row by row.
        void Row(int a) => Reference.KtabPce.CoalitionRow(rule, wArr, u, nOpt, a, c);
        if (parallel is { MaxDegreeOfParallelism: not 1 } && nOpt > 64) Parallel.For(0, nOpt, parallel, Row);
        else
            for (int a = 0; a < nOpt; a++)
            {
                parallel?.CancellationToken.ThrowIfCancellationRequested();
                Row(a);
            }
        return c;
    }

    // Proportional-vote coalitions, vectorised across PAIRS rather than voters: each SIMD lane holds one pair
    // (a, b) and adds that pair's votes in voter order k = 0, 1, …, so every c[a,b] is the same in-order sum as
    // KTAB's loop, bit for bit (adding +0.0 for a vote of the other sign leaves a positive sum unchanged, as
    // KTAB's "if (v > 0)"). Options b are cut into blocks of B = 4 vectors (one vector if nOpt ≤ W); each
    // block's utilities are copied voter-major into a contiguous panel, panel[(block·nv + k)·B + l] =
    // u[(b0 + l)·nv + k], so row a gets W pairs' utilities of voter k with one vector load, and the block's
    // panel stays in cache while every row a > b0 streams past it.
    private static void PropCoalitions(double[] w, double[] u, int nOpt, double[] c, ParallelOptions? parallel)
    {
        int nv = w.Length, width = Vector<double>.Count;
        int bw = nOpt <= width ? width : 4 * width; // block width B
        int nBlocks = (nOpt + bw - 1) / bw;
        var panel = ArrayPool<double>.Shared.Rent(nBlocks * nv * bw);
        try
        {
            for (int blk = 0; blk < nBlocks; blk++)
            {
                int b0 = blk * bw, cols = Math.Min(bw, nOpt - b0);
                for (int k = 0; k < nv; k++)
                {
                    var dst = panel.AsSpan((((blk * nv) + k) * bw), bw);
                    for (int l = 0; l < cols; l++) dst[l] = u[((b0 + l) * nv) + k];
                    dst[cols..].Clear(); // padding columns: their lanes are computed and dropped
                }
            }
            for (int a = 0; a < nOpt; a++) c[(a * nOpt) + a] = MinCoalition;

            // Block blk serves rows a > b0, so its work falls with blk: pair the first block with the last, and so
            // on. Every pair is computed by the same code whatever the schedule, so the result does not depend on it.
            int halves = (nBlocks + 1) / 2;
            if (parallel is { MaxDegreeOfParallelism: not 1 } && nOpt > 64)
                Parallel.For(0, halves, parallel, i => PropBlockPair(i, nBlocks, w, u, panel, nOpt, bw, c));
            else
                for (int i = 0; i < halves; i++)
                {
                    parallel?.CancellationToken.ThrowIfCancellationRequested();
                    PropBlockPair(i, nBlocks, w, u, panel, nOpt, bw, c);
                }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(panel);
        }
    }

    private static void PropBlockPair(int i, int nBlocks, double[] w, double[] u, double[] panel, int nOpt, int bw, double[] c)
    {
        PropBlock(i, w, u, panel, nOpt, bw, c);
        if (nBlocks - 1 - i != i) PropBlock(nBlocks - 1 - i, w, u, panel, nOpt, bw, c);
    }

    /// <summary>c[a,b] and c[b,a] for the options b of block <paramref name="blk"/> and every row a &gt; b.</summary>
    private static void PropBlock(int blk, double[] w, double[] u, double[] panel, int nOpt, int bw, double[] c)
    {
        int nv = w.Length, width = Vector<double>.Count, b0 = blk * bw;
        var pan = new ReadOnlySpan<double>(panel, blk * nv * bw, nv * bw);
        Span<double> cab = stackalloc double[bw], cba = stackalloc double[bw];
        for (int a = b0 + 1; a < nOpt; a++)
        {
            int cols = Math.Min(a - b0, bw); // pairs (a, b0 + l) with b0 + l < a
            var ua = new ReadOnlySpan<double>(u, a * nv, nv);
            // One vector's two sums are bound by the add latency; four vectors' eight are not, so rows that need
            // more than one vector compute all four (the extra lanes are dropped).
            if (cols <= width) PropLanes1(w, ua, pan, bw, cab, cba);
            else PropLanes4(w, ua, pan, bw, cab, cba);
            for (int l = 0; l < cols; l++)
            {
                c[(a * nOpt) + b0 + l] = cab[l];
                c[((b0 + l) * nOpt) + a] = cba[l];
            }
        }
    }

    /// <summary>All 4 vectors of a block's pairs for row a (8 independent sums hide the add latency).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PropLanes4(ReadOnlySpan<double> w, ReadOnlySpan<double> ua, ReadOnlySpan<double> pan, int bw,
        Span<double> cab, Span<double> cba)
    {
        int width = Vector<double>.Count, nv = w.Length;
        if (ua.Length < nv || pan.Length < nv * bw || bw < 4 * width || cab.Length < 4 * width || cba.Length < 4 * width)
            throw new ArgumentException("inconsistent lane buffers");
        // Unchecked loads: the lengths are checked above, and the loop stays free of bounds checks.
        ref double wr = ref MemoryMarshal.GetReference(w);
        ref double uar = ref MemoryMarshal.GetReference(ua);
        ref double ub = ref MemoryMarshal.GetReference(pan);
        nuint w1 = (nuint)width, w2 = 2 * w1, w3 = 3 * w1;
        var p0 = new Vector<double>(MinCoalition);
        Vector<double> p1 = p0, p2 = p0, p3 = p0, m0 = p0, m1 = p0, m2 = p0, m3 = p0;
        for (int k = 0; k < nv; k++)
        {
            var wk = new Vector<double>(Unsafe.Add(ref wr, k));
            var uak = new Vector<double>(Unsafe.Add(ref uar, k));
            var v0 = wk * (uak - Vector.LoadUnsafe(ref ub));
            var v1 = wk * (uak - Vector.LoadUnsafe(ref ub, w1));
            var v2 = wk * (uak - Vector.LoadUnsafe(ref ub, w2));
            var v3 = wk * (uak - Vector.LoadUnsafe(ref ub, w3));
            p0 += Positive(v0); m0 -= Negative(v0);
            p1 += Positive(v1); m1 -= Negative(v1);
            p2 += Positive(v2); m2 -= Negative(v2);
            p3 += Positive(v3); m3 -= Negative(v3);
            ub = ref Unsafe.Add(ref ub, bw);
        }
        p0.CopyTo(cab); p1.CopyTo(cab[width..]); p2.CopyTo(cab[(2 * width)..]); p3.CopyTo(cab[(3 * width)..]);
        m0.CopyTo(cba); m1.CopyTo(cba[width..]); m2.CopyTo(cba[(2 * width)..]); m3.CopyTo(cba[(3 * width)..]);
    }

    /// <summary>The first vector of a block's pairs for row a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PropLanes1(ReadOnlySpan<double> w, ReadOnlySpan<double> ua, ReadOnlySpan<double> pan, int bw,
        Span<double> cab, Span<double> cba)
    {
        int width = Vector<double>.Count, nv = w.Length;
        if (ua.Length < nv || pan.Length < nv * bw || bw < width || cab.Length < width || cba.Length < width)
            throw new ArgumentException("inconsistent lane buffers");
        ref double wr = ref MemoryMarshal.GetReference(w);
        ref double uar = ref MemoryMarshal.GetReference(ua);
        ref double ub = ref MemoryMarshal.GetReference(pan);
        var p = new Vector<double>(MinCoalition);
        var m = p;
        for (int k = 0; k < nv; k++)
        {
            var v = new Vector<double>(Unsafe.Add(ref wr, k)) * (new Vector<double>(Unsafe.Add(ref uar, k)) - Vector.LoadUnsafe(ref ub));
            p += Positive(v);
            m -= Negative(v);
            ub = ref Unsafe.Add(ref ub, bw);
        }
        p.CopyTo(cab);
        m.CopyTo(cba);
    }

    /// <summary>Lane-wise v &gt; 0 ? v : +0.0 (NaN and ±0 give +0.0, as KTAB's "if (v &gt; 0)" adds nothing).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<double> Positive(Vector<double> v) =>
        // x86 MAXPD is exactly "src1 > src2 ? src1 : src2": one instruction instead of compare and mask.
        Avx.IsSupported && Vector<double>.Count == Vector256<double>.Count
            ? Avx.Max(v.AsVector256(), Vector256<double>.Zero).AsVector()
            : v & Vector.GreaterThan<double>(v, Vector<double>.Zero);

    /// <summary>Lane-wise v &lt; 0 ? v : +0.0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<double> Negative(Vector<double> v) =>
        // x86 MINPD is exactly "src1 < src2 ? src1 : src2".
        Avx.IsSupported && Vector<double>.Count == Vector256<double>.Count
            ? Avx.Min(v.AsVector256(), Vector256<double>.Zero).AsVector()
            : v & Vector.LessThan<double>(v, Vector<double>.Zero);
}
