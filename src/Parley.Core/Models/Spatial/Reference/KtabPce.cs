namespace Parley.Core.Models.Spatial.Reference;

/// <summary>
/// KTAB's probabilistic Condorcet election loops as KTAB writes them (<c>Model::coalitions</c>, <c>condPCE</c>,
/// <c>markovIncentivePCE</c>; KAPSARC's KTAB, commit c57b72a, docs/specs/smp.md §6.2–6.3), with no care for speed: the readable
/// specification <see cref="Pce"/> must agree with. The coalition loop is also <see cref="Pce"/>'s path for the
/// rules it has no lanes for; tests hold the lane path and the reorganised Markov PCE to these bit for bit, and
/// <see cref="Pce.Conditional"/> to <see cref="Conditional"/> wherever KTAB's products are normal doubles.
/// </summary>
internal static class KtabPce
{
    /// <summary>
    /// The coalition strengths of option a against every option b &lt; a: for each voter k in index order, its vote
    /// v = <see cref="Pce.Vote"/>(w_k, u_k(a), u_k(b)) joins a's coalition when positive and b's when negative, both
    /// starting from <see cref="Pce.MinCoalition"/>; c[a·n + a] = <see cref="Pce.MinCoalition"/>.
    /// </summary>
    public static void CoalitionRow(VotingRule rule, double[] w, double[] u, int nOpt, int a, double[] c)
    {
        int nv = w.Length;
        for (int b = 0; b < a; b++)
        {
            double cab = Pce.MinCoalition, cba = Pce.MinCoalition;
            for (int k = 0; k < nv; k++)
            {
                double v = Pce.Vote(rule, w[k], u[a * nv + k], u[b * nv + k]);
                if (v > 0) cab += v;
                if (v < 0) cba -= v;
            }
            c[a * nOpt + b] = cab;
            c[b * nOpt + a] = cba;
        }
        c[a * nOpt + a] = Pce.MinCoalition;
    }

    /// <summary><c>Model::coalitions</c>: every row of <see cref="CoalitionRow"/>, utilities option-major (u[o·nVoters + k]).</summary>
    public static double[] Coalitions(VotingRule rule, double[] w, double[] u, int nOpt)
    {
        var c = new double[nOpt * nOpt];
        for (int a = 0; a < nOpt; a++) CoalitionRow(rule, w, u, nOpt, a, c);
        return c;
    }

    /// <summary><c>condPCE</c>: π_a = Π_b p(a&gt;b) / Σ_a' Π_b p(a'&gt;b), products and sum in index order (0/0 once every product underflows).</summary>
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

    /// <summary>
    /// <c>markovIncentivePCE</c> (tolerance 1e−8): challenges in proportion to incentive c[a,b]·p(a&gt;b) (+1e−10 on the
    /// diagonal), normalised per challenged option; the challenge matrix ct[a,b] = p[a]·chlg[b,a] is rebuilt every
    /// iteration, q[a] = Σ_b p(a&gt;b)(ct[a,b] + ct[b,a]), and p moves half way to q until no entry changes by more than
    /// the tolerance.
    /// </summary>
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
        var chlg = new double[n * n];
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
}
