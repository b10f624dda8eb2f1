using System.Numerics;
using System.Runtime.CompilerServices;

namespace Parley.Core.Models.Spatial;

/// <summary>
/// Probabilistic Condorcet elections as KTAB computes them (<c>Model::vote</c>, <c>Model::coalitions</c>,
/// <c>Model::vProb</c>, <c>condPCE</c>, <c>markovUniformPCE</c>, <c>markovIncentivePCE</c>, <c>scalarPCE</c>;
/// SPEC §6.2–6.3), keeping KTAB's summation orders so results match it to the bit. Reusable by any model that
/// needs coalition strengths, victory probabilities or an outcome distribution over options.
/// </summary>
public static class Pce
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
    /// (<c>Model::coalitions</c>). Rows run in parallel when <paramref name="parallel"/>; the result does not change.
    /// </summary>
    public static double[] Coalitions(VotingRule rule, ReadOnlySpan<double> w, double[] u, int nOpt, bool parallel = false)
    {
        int nv = w.Length;
        var c = new double[nOpt * nOpt];
        var wArr = w.ToArray();
        foreach (var wk in wArr)
            if (!(wk > 0.0)) throw new InvalidOperationException("non-positive voting weight (an actor has capability 0)");
        if (rule == VotingRule.Prop)
        {
            if (parallel && nOpt > 64)
                Parallel.For(0, nOpt, () => new double[8 * nv], (a, _, buf) => { PropRow(a, wArr, u, nOpt, c, buf); return buf; }, _ => { });
            else
            {
                var buf = new double[8 * nv];
                for (int a = 0; a < nOpt; a++) PropRow(a, wArr, u, nOpt, c, buf);
            }
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
        if (parallel && nOpt > 64) Parallel.For(0, nOpt, Row);
        else for (int a = 0; a < nOpt; a++) Row(a);
        return c;
    }

    /// <summary>
    /// Row a of the proportional-vote coalition matrix: votes w_k·(U_ka − U_kb) computed lane-parallel and split
    /// into positive and negative parts, then four pairs summed side by side, each in voter index order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PropRow(int a, double[] w, double[] u, int nOpt, double[] c, double[] buf)
    {
        int nv = w.Length;
        var ua = new ReadOnlySpan<double>(u, a * nv, nv);
        int b = 0;
        for (; b + 4 <= a; b += 4)
        {
            for (int q = 0; q < 4; q++)
                SplitVotes(w, ua, new ReadOnlySpan<double>(u, (b + q) * nv, nv), buf.AsSpan(2 * q * nv, nv), buf.AsSpan((2 * q + 1) * nv, nv));
            var p0 = new ReadOnlySpan<double>(buf, 0, nv);
            var m0 = new ReadOnlySpan<double>(buf, nv, nv);
            var p1 = new ReadOnlySpan<double>(buf, 2 * nv, nv);
            var m1 = new ReadOnlySpan<double>(buf, 3 * nv, nv);
            var p2 = new ReadOnlySpan<double>(buf, 4 * nv, nv);
            var m2 = new ReadOnlySpan<double>(buf, 5 * nv, nv);
            var p3 = new ReadOnlySpan<double>(buf, 6 * nv, nv);
            var m3 = new ReadOnlySpan<double>(buf, 7 * nv, nv);
            double c0 = MinCoalition, d0 = MinCoalition, c1 = MinCoalition, d1 = MinCoalition;
            double c2 = MinCoalition, d2 = MinCoalition, c3 = MinCoalition, d3 = MinCoalition;
            for (int k = 0; k < nv; k++)
            {
                // + 0.0 leaves a positive sum unchanged, exactly as KTAB's "if (v > 0)".
                c0 += p0[k]; d0 -= m0[k];
                c1 += p1[k]; d1 -= m1[k];
                c2 += p2[k]; d2 -= m2[k];
                c3 += p3[k]; d3 -= m3[k];
            }
            c[a * nOpt + b] = c0; c[b * nOpt + a] = d0;
            c[a * nOpt + b + 1] = c1; c[(b + 1) * nOpt + a] = d1;
            c[a * nOpt + b + 2] = c2; c[(b + 2) * nOpt + a] = d2;
            c[a * nOpt + b + 3] = c3; c[(b + 3) * nOpt + a] = d3;
        }
        for (; b < a; b++)
        {
            SplitVotes(w, ua, new ReadOnlySpan<double>(u, b * nv, nv), buf.AsSpan(0, nv), buf.AsSpan(nv, nv));
            double cab = MinCoalition, cba = MinCoalition;
            for (int k = 0; k < nv; k++) { cab += buf[k]; cba -= buf[nv + k]; }
            c[a * nOpt + b] = cab;
            c[b * nOpt + a] = cba;
        }
        c[a * nOpt + a] = MinCoalition;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SplitVotes(ReadOnlySpan<double> w, ReadOnlySpan<double> ua, ReadOnlySpan<double> ub, Span<double> pos, Span<double> neg)
    {
        int n = w.Length, k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<double>.Count;
            var zero = Vector<double>.Zero;
            for (; k <= n - width; k += width)
            {
                var v = new Vector<double>(w[k..]) * (new Vector<double>(ua[k..]) - new Vector<double>(ub[k..]));
                Vector.ConditionalSelect(Vector.GreaterThan(v, zero), v, zero).CopyTo(pos[k..]);
                Vector.ConditionalSelect(Vector.LessThan(v, zero), v, zero).CopyTo(neg[k..]);
            }
        }
        for (; k < n; k++)
        {
            double v = w[k] * (ua[k] - ub[k]);
            pos[k] = v > 0 ? v : 0.0;
            neg[k] = v < 0 ? v : 0.0;
        }
    }

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

    /// <summary>Conditional PCE: π_a ∝ Π_b p(a&gt;b), product and normalising sum in index order (<c>condPCE</c>).</summary>
    public static double[] Conditional(double[] pv, int n)
    {
        var p = new double[n];
        for (int a = 0; a < n; a++)
        {
            double pa = 1.0;
            for (int b = 0; b < n; b++) pa *= pv[a * n + b];
            p[a] = pa;
        }
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
        for (int b = 0; b < n; b++)
        {
            double sum = 0.0;
            for (int k = 0; k < n; k++) sum += inc[k * n + b];
            for (int a = 0; a < n; a++) chlg[a * n + b] = inc[a * n + b] / sum;
        }
        var p = new double[n];
        var q = new double[n];
        var ct = new double[n * n];
        for (int a = 0; a < n; a++) p[a] = 1.0 / n;
        double change = 1.0;
        int iter = 0;
        while (1e-8 < change)
        {
            for (int a = 0; a < n; a++)
                for (int b = 0; b < n; b++)
                    ct[a * n + b] = p[a] * chlg[b * n + a];
            change = 0.0;
            for (int a = 0; a < n; a++)
            {
                double qa = 0.0;
                for (int b = 0; b < n; b++) qa += pv[a * n + b] * (ct[a * n + b] + ct[b * n + a]);
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
        VictoryProbModel vpm, PceModel pcem, bool parallel = false)
    {
        var c = Coalitions(rule, w, u, nOpt, parallel);
        return Distribution(pcem, vpm, c, nOpt);
    }
}
