namespace Parley.Core.Models.Spatial;

/// <summary>What KTAB derives from a state before a round (docs/specs/smp.md §6.4, §6.10): distances, risk attitudes, own utilities, outcome classes.</summary>
internal sealed partial class SmpEngine
{
    /// <summary>Distances, risk attitudes, own utilities and outcome-class probabilities of a state.</summary>
    public SmpAnalysis Analyse(SmpState state)
    {
        int n = _n;
        var dist = new double[n * n];
        var distT = new double[n * n];
        Parallel.For(0, n, _par, i =>
        {
            var ideal = new ReadOnlySpan<double>(state.Ideals, i * _m, _m);
            for (int j = 0; j < n; j++)
            {
                double d = Distance(i, ideal, new ReadOnlySpan<double>(state.Positions, j * _m, _m));
                dist[i * n + j] = d;
            }
        });
        // Risk-neutral utilities, option-major: u[o·N + k] = 1 − d_ko (bsUtil(d, 0)).
        var u0 = new double[n * n];
        Parallel.For(0, n, _par, j =>
        {
            for (int i = 0; i < n; i++)
            {
                double d = dist[i * n + j];
                distT[j * n + i] = d;
                u0[j * n + i] = Utility(d, 0.0);
            }
        });
        var probs = Pce.ScalarPce(_p.Capabilities, u0, n, _o.Voting, _o.VictoryProb, _o.Pce,
            _par);
        var risk = RiskFromProbabilities(probs);

        var own = new double[n * n];
        Parallel.For(0, n, _par, a =>
        {
            double raa = EstimateRisk(_o.BigRAdjust, risk[a], risk[a]);
            for (int j = 0; j < n; j++) own[a * n + j] = Utility(dist[a * n + j], raa);
        });
        var analysis = new SmpAnalysis(state, n, dist, distT, risk, probs, own);
        SetClasses(analysis);
        return analysis;
    }

    /// <summary>KTAB's <c>Model::bigRfromProb</c> (docs/specs/smp.md §6.4 step 3); equal probabilities give 0/0 there (§8.6).</summary>
    private double[] RiskFromProbabilities(double[] p)
    {
        double pMin = 1.0, pMax = 0.0;
        foreach (var pi in p)
        {
            pMin = pi < pMin ? pi : pMin;
            pMax = pi > pMax ? pi : pMax;
        }
        var r = new double[p.Length];
        if (pMax - pMin == 0)
        {
            if (_o.KtabCompat)
                throw new Parley.Core.Models.ModelSettingException("model 'smp' with ktab-compat: every position is equally likely, so KTAB's risk attitudes are 0/0 (docs/specs/smp.md §8.6); run without ktab-compat to treat everyone as risk-neutral");
            return r; // Parley: all risk-neutral
        }
        for (int i = 0; i < p.Length; i++)
            r[i] = _o.BigRRange switch
            {
                BigRRange.Min => (p[i] - pMin) / (pMax - pMin),
                BigRRange.Mid => ((3 * p[i]) - (pMax + (2 * pMin))) / (2 * (pMax - pMin)),
                BigRRange.Max => ((2 * p[i]) - (pMax + pMin)) / (pMax - pMin),
                _ => throw new ArgumentOutOfRangeException(),
            };
        return r;
    }

    private bool Equivalent(SmpState s, int i, int j)
    {
        double sum = 0.0;
        for (int k = 0; k < _m; k++)
        {
            double d = s.Positions[i * _m + k] - s.Positions[j * _m + k];
            sum += d * d;
        }
        return Math.Sqrt(sum) < PositionTolerance;
    }

    /// <summary>Outcome classes and their probabilities (<c>setUENdx</c>, <c>pDist(-1)</c>, <c>posProb</c>).</summary>
    private void SetClasses(SmpAnalysis a)
    {
        var s = a.State;
        int n = _n;
        var reps = new List<int>();
        for (int i = 0; i < n; i++)
        {
            bool found = false;
            foreach (var r in reps)
                if (Equivalent(s, i, r)) { found = true; break; }
            if (!found) reps.Add(i);
        }
        int nu = reps.Count;
        var u = new double[nu * n];
        Parallel.For(0, nu, _par, o =>
        {
            for (int k = 0; k < n; k++)
                u[o * n + k] = a.OwnUtility[k * n + reps[o]];
        });
        // KTAB's pDist uses the proportional voting rule whatever the model's rule (docs/specs/smp.md §6.10; docs/decisions.md).
        var pr = Pce.ScalarPce(_p.Capabilities, u, nu, VotingRule.Prop, _o.VictoryProb, _o.Pce,
            _par);
        var cls = new int[n];
        var ap = new double[n];
        Parallel.For(0, n, _par, i =>
        {
            int k = -1;
            for (int c = 0; c < nu; c++)
                if (Equivalent(s, i, reps[c])) k = c;
            cls[i] = k;
            ap[i] = pr[k];
        });
        a.ClassRepresentatives = reps.ToArray();
        a.ClassProbabilities = pr;
        a.ActorClass = cls;
        a.ActorProbabilities = ap;
    }
}
