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
        void Row(int a)
        {
            var ua = new ReadOnlySpan<double>(u, a * nv, nv);
            for (int b = 0; b < a; b++)
            {
                var ub = new ReadOnlySpan<double>(u, b * nv, nv);
                double cab = MinCoalition, cba = MinCoalition;
                if (rule == VotingRule.Prop)
                {
                    for (int k = 0; k < nv; k++)
                    {
                        double wk = wArr[k];
                        if (wk <= 0.0) throw new InvalidOperationException("non-positive voting weight (an actor has capability 0)");
                        double v = wk * (ua[k] - ub[k]);
                        if (v > 0) cab += v;
                        if (v < 0) cba -= v;
                    }
                }
                else
                {
                    for (int k = 0; k < nv; k++)
                    {
                        double v = Vote(rule, wArr[k], ua[k], ub[k]);
                        if (v > 0) cab += v;
                        if (v < 0) cba -= v;
                    }
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
