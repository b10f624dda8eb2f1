namespace Parley.Core.Models.Spatial;

/// <summary>
/// Probabilistic Condorcet elections as KTAB computes them (<c>Model::vote</c>, <c>Model::coalitions</c>,
/// <c>Model::vProb</c>, <c>condPCE</c>, <c>markovUniformPCE</c>, <c>markovIncentivePCE</c>, <c>scalarPCE</c>;
/// docs/specs/smp.md §6.2–6.3), keeping KTAB's summation orders so results match it to the bit. Reusable by any model that
/// needs coalition strengths, victory probabilities or an outcome distribution over options.
/// <para>
/// <c>Pce.Coalitions.cs</c> holds the coalition strengths; <see cref="Reference.KtabPce"/> KTAB's loops as written.
/// </para>
/// </summary>
internal static partial class Pce
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
