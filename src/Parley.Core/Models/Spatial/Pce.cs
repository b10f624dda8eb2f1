using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Parley.Core.Models.Spatial;

/// <summary>
/// Probabilistic Condorcet elections as KTAB computes them (<c>Model::vote</c>, <c>Model::coalitions</c>,
/// <c>Model::vProb</c>, <c>condPCE</c>, <c>markovUniformPCE</c>, <c>markovIncentivePCE</c>, <c>scalarPCE</c>;
/// SPEC §6.2–6.3), keeping KTAB's summation orders so results match it to the bit. Reusable by any model that
/// needs coalition strengths, victory probabilities or an outcome distribution over options.
/// </summary>
internal static class Pce
{
    /// <summary>Empty-coalition strength in PCEs (<c>minC</c>).</summary>
    public const double MinCoalition = 1e-8;

    /// <summary>
    /// Influence an actor of weight <paramref name="w"/> exerts for option a over b, given its utilities of a and b
    /// (<c>Model::vote</c>). Weight ≤ 0 is an error, as in KTAB.
    /// </summary>
    public static double Vote(VotingRule rule, double w, double ua, double ub)
    {
        if (w <= 0.0) throw new InvalidOperationException("non-positive voting weight (an actor has capability or total salience 0)");
        double du = ua - ub;
        switch (rule)
        {
            case VotingRule.Prop: return w * du;
            case VotingRule.Binary: return w * Bin(du);
            case VotingRule.PropBin: return w * (((1 - 0.2) * du) + (0.2 * Bin(du)));
            case VotingRule.PropCbc: return w * (((1 - 0.5) * du) + (0.5 * (du * du * du)));
            case VotingRule.Cubic: return w * (du * du * du);
            case VotingRule.ASymProsp:
                if (du < 0.0) return w * du;
                if (0.0 < du) return (2.0 * w * du) / 3.0;
                return 0.0;
            default: throw new ArgumentOutOfRangeException(nameof(rule));
        }
    }

    private static double Bin(double du)
    {
        double r = du / 1e-8;
        r = r > 1 ? 1 : r;
        r = r < -1 ? -1 : r;
        return r;
    }

    /// <summary>Pairwise victory probabilities (p(a&gt;b), p(b&gt;a)) from coalition strengths (<c>Model::vProb</c>).</summary>
    public static (double P12, double P21) VictoryProbability(VictoryProbModel model, double s1, double s2)
    {
        double x1, x2;
        switch (model)
        {
            case VictoryProbModel.Linear: x1 = s1; x2 = s2; break;
            case VictoryProbModel.Square: x1 = s1 * s1; x2 = s2 * s2; break;
            case VictoryProbModel.Quartic: x1 = Qrtc(s1); x2 = Qrtc(s2); break;
            case VictoryProbModel.Octic: x1 = Sqr(Qrtc(s1)); x2 = Sqr(Qrtc(s2)); break;
            case VictoryProbModel.Binary:
                const double thresh = 1.10, minX = 1e-6;
                if (s1 >= thresh * s2) { x1 = 1.0; x2 = minX; }
                else if (s2 >= thresh * s1) { x1 = minX; x2 = 1.0; }
                else
                {
                    double r12 = s1 / (s1 + s2);
                    double p12 = ((r12 * (thresh + 1.0)) - 1.0) / (thresh - 1.0);
                    x1 = p12;
                    x2 = 1 - p12;
                }
                break;
            default: throw new ArgumentOutOfRangeException(nameof(model));
        }
        return (x1 / (x1 + x2), x2 / (x1 + x2));
    }

    private static double Sqr(double x) => x * x;
    private static double Qrtc(double x) => Sqr(Sqr(x));

    /// <summary>
    /// Coalition strengths <c>c[a·n+b]</c> for n options from voter weights and utilities stored option-major
    /// (<c>u[o·nVoters + k]</c> = utility to voter k of option o): for a &gt; b, voters in index order
    /// (<c>Model::coalitions</c>). The work runs in parallel as <paramref name="parallel"/> says (null: on this thread;
    /// its token cancels it); the result does not change.
    /// </summary>
    public static double[] Coalitions(VotingRule rule, ReadOnlySpan<double> w, double[] u, int nOpt, ParallelOptions? parallel = null)
    {
        int nv = w.Length;
        var c = new double[nOpt * nOpt];
        var wArr = w.ToArray();
        foreach (var wk in wArr)
            if (!(wk > 0.0)) throw new InvalidOperationException("non-positive voting weight (an actor has capability 0)");
        if (rule == VotingRule.Prop && Vector.IsHardwareAccelerated)
        {
            PropCoalitions(wArr, u, nOpt, c, parallel);
            return c;
        }
        void Row(int a)
        {
            var ua = new ReadOnlySpan<double>(u, a * nv, nv);
            for (int b = 0; b < a; b++)
            {
                var ub = new ReadOnlySpan<double>(u, b * nv, nv);
                double cab = MinCoalition, cba = MinCoalition;
                for (int k = 0; k < nv; k++)
                {
                    double v = Vote(rule, wArr[k], ua[k], ub[k]);
                    if (v > 0) cab += v;
                    if (v < 0) cba -= v;
                }
                c[a * nOpt + b] = cab;
                c[b * nOpt + a] = cba;
            }
            c[a * nOpt + a] = MinCoalition;
        }
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

    /// <summary>Square matrix of p(a beats b) from coalition strengths (diagonal 0.5).</summary>
    public static double[] VictoryMatrix(VictoryProbModel model, double[] c, int n)
    {
        var p = new double[n * n];
        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b < a; b++)
            {
                var (pab, pba) = VictoryProbability(model, c[a * n + b], c[b * n + a]);
                p[a * n + b] = pab;
                p[b * n + a] = pba;
            }
            p[a * n + a] = 0.5;
        }
        return p;
    }

    /// <summary>The outcome distribution over n options from coalition strengths (<c>Model::probCE2</c>).</summary>
    public static double[] Distribution(PceModel pcem, VictoryProbModel vpm, double[] c, int n)
    {
        var pv = VictoryMatrix(vpm, c, n);
        return pcem switch
        {
            PceModel.Conditional => Conditional(pv, n),
            PceModel.MarkovUniform => MarkovUniform(pv, n),
            PceModel.MarkovIncentive => MarkovIncentive(c, pv, n),
            _ => throw new ArgumentOutOfRangeException(nameof(pcem)),
        };
    }

    /// <summary>
    /// Conditional PCE: π_a ∝ Π_b p(a&gt;b), product and normalising sum in index order (<c>condPCE</c>). With many
    /// options every product can fall below the smallest double (0.5^1100 does), which made KTAB's formula 0/0; each
    /// product is therefore kept as m·2^e, rescaled by a power of two whenever it falls below 2⁻⁵¹¹ (exact, and
    /// multiplications round the same at any scale). Where every product is a normal double, π is computed from them
    /// exactly as KTAB does, to the bit; otherwise from the scaled products relative to the largest.
    /// </summary>
    public static double[] Conditional(double[] pv, int n)
    {
        const double Small = 1.4916681462400413e-154; // 2^-511
        var p = new double[n];
        var scale = new int[n];
        bool underflow = false;
        for (int a = 0; a < n; a++)
        {
            double pa = 1.0;
            int e = 0;
            for (int b = 0; b < n; b++)
            {
                pa *= pv[a * n + b];
                if (pa < Small && pa > 0)
                {
                    pa = Math.ScaleB(pa, 512);
                    e -= 512;
                }
            }
            p[a] = pa;
            scale[a] = e;
            underflow |= pa != 0 && Math.ILogB(pa) + e < -1022; // KTAB's unscaled product would not be a normal double
        }
        if (underflow)
        {
            // Relative to the largest product: the scaled values' sum is at least 1, so nothing divides by 0.
            int top = int.MinValue;
            for (int a = 0; a < n; a++)
                if (p[a] > 0) top = Math.Max(top, Math.ILogB(p[a]) + scale[a]);
            for (int a = 0; a < n; a++) p[a] = p[a] > 0 ? Math.ScaleB(p[a], scale[a] - top) : 0.0;
        }
        else
            for (int a = 0; a < n; a++) p[a] = Math.ScaleB(p[a], scale[a]); // exact: the plain product, to the bit
        double one = 0.0;
        for (int a = 0; a < n; a++) one += p[a];
        for (int a = 0; a < n; a++) p[a] /= one;
        return p;
    }

    /// <summary>Markov PCE with uniform challenges (<c>markovUniformPCE</c>; tolerance 1e−6).</summary>
    public static double[] MarkovUniform(double[] pv, int n)
    {
        var p = new double[n];
        var q = new double[n];
        for (int a = 0; a < n; a++) p[a] = 1.0 / n;
        double change = 1.0;
        int iter = 0;
        while (1e-6 < change)
        {
            change = 0;
            for (int a = 0; a < n; a++)
            {
                double pa = 0.0;
                for (int b = 0; b < n; b++) pa += pv[a * n + b] * (p[a] + p[b]);
                q[a] = pa / n;
                double d = Math.Abs(q[a] - p[a]);
                change = d > change ? d : change;
            }
            for (int a = 0; a < n; a++) p[a] = (p[a] + q[a]) / 2.0;
            if (++iter >= 1000) throw new InvalidOperationException("Markov-uniform PCE did not converge in 1000 iterations");
        }
        return p;
    }

    /// <summary>Markov PCE with challenges in proportion to incentive (<c>markovIncentivePCE</c>; tolerance 1e−8).</summary>
    public static double[] MarkovIncentive(double[] c, double[] pv, int n)
    {
        var inc = new double[n * n];
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
            {
                double x = c[a * n + b] * pv[a * n + b];
                if (a == b) x += 1e-10;
                inc[a * n + b] = x;
            }
        var chlg = new double[n * n]; // chlg[a,b] = P(a challenges b)
        var colSum = new double[n];   // Σ_k inc[k,b], k in index order (row by row, so the reads run along rows)
        for (int k = 0; k < n; k++)
            for (int b = 0; b < n; b++) colSum[b] += inc[k * n + b];
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++) chlg[a * n + b] = inc[a * n + b] / colSum[b];
        var chlgT = new double[n * n]; // chlgT[a,b] = chlg[b,a], so each iteration reads along rows only
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++) chlgT[a * n + b] = chlg[b * n + a];
        var p = new double[n];
        var q = new double[n];
        for (int a = 0; a < n; a++) p[a] = 1.0 / n;
        double change = 1.0;
        int iter = 0;
        while (1e-8 < change)
        {
            // KTAB's ct[a,b] = p[a]·chlg[b,a]; q[a] = Σ_b pv[a,b]·(ct[a,b] + ct[b,a]), b in index order.
            change = 0.0;
            for (int a = 0; a < n; a++)
            {
                double qa = 0.0, pa = p[a];
                for (int b = 0; b < n; b++) qa += pv[a * n + b] * ((pa * chlgT[a * n + b]) + (p[b] * chlg[a * n + b]));
                q[a] = qa;
                double d = Math.Abs(q[a] - p[a]);
                change = d > change ? d : change;
            }
            for (int a = 0; a < n; a++) p[a] = (p[a] + q[a]) / 2.0;
            if (++iter >= 1000) throw new InvalidOperationException("Markov-incentive PCE did not converge in 1000 iterations");
        }
        return p;
    }

    /// <summary>
    /// KTAB's <c>scalarPCE</c>: the outcome distribution over <paramref name="nOpt"/> options, given voter weights
    /// and option-major utilities (<c>u[o·nVoters + k]</c>).
    /// </summary>
    public static double[] ScalarPce(ReadOnlySpan<double> w, double[] u, int nOpt, VotingRule rule,
        VictoryProbModel vpm, PceModel pcem, ParallelOptions? parallel = null)
    {
        var c = Coalitions(rule, w, u, nOpt, parallel);
        return Distribution(pcem, vpm, c, nOpt);
    }
}
