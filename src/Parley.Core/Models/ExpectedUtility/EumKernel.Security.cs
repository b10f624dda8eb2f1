using System.Runtime.Intrinsics;

namespace Parley.Core.Models.ExpectedUtility;

/// <summary>The status-quo utilities, the value of not challenging, security levels and risk exponents.</summary>
internal sealed partial class EumKernel
{
    // Scratch over actors (length ≥ capacity + 8) and over distinct positions (length ≥ _ms + 4).
    private double[] _base = [], _sSorted = [], _acc = [], _edRow = [], _epRow = [];
    private double[] _row1 = [], _row2 = [], _row3 = [];

    private void EnsureActorScratch(int cap)
    {
        int np = ((cap + 3) & ~3) + 4;
        _base = new double[np]; _sSorted = new double[np]; _acc = new double[np]; _edRow = new double[np]; _epRow = new double[np];
        _bs = new double[np]; _us2 = new double[np]; _uf2 = new double[np];
    }

    private void EnsureRowScratch(int ms)
    {
        if (_row1.Length >= ms + 4) return;
        int size = Math.Max(ms + 4, _row1.Length * 2);
        _row1 = new double[size]; _row2 = new double[size]; _row3 = new double[size];
    }

    /// <summary>U_sq = 2 − 4·0.5^r_i for every actor (four at a time; the bits of the scalar power).</summary>
    private void FillUsq()
    {
        var half = _base.AsSpan(0, _n);
        half.Fill(0.5);
        PowMath.UtilityInto(half, _r.AsSpan(0, _n), _usq.AsSpan(0, _n));
    }

    private bool AnyRiskNotOne()
    {
        for (int i = 0; i < _n; i++) if (_r[i] != 1.0) return true;
        return false;
    }

    /// <summary>True when the value of not challenging is Q·U_sq (the reference term, or the paper's with Q = 1).</summary>
    private bool SimpleStatusQuo => _opt.Variant.StatusQuo == StatusQuoTerm.QOnly || _opt.Q == 1.0;

    /// <summary>
    /// The value to a challenger at x_i of not challenging a target at x_j: Q·U_sq, plus in the paper variant
    /// (1 − Q)[T·U_b + (1 − T)·U_w] (Scholz eq. 25a/b), T by the chosen <see cref="TRule"/>.
    /// </summary>
    private double NotChallenging(double xi, double xj, double r, double usq)
    {
        double q = _opt.Q;
        if (SimpleStatusQuo) return q * usq;
        double mu = _median;
        double d2 = (Math.Abs(xi - mu) + Math.Abs(xi - xj)) / _range;
        double t = _opt.TRule switch
        {
            TRule.Always => 1.0,
            TRule.Never => 0.0,
            TRule.Direction => mu != xj && Math.Sign(mu - xj) == Math.Sign(xi - xj) ? 1.0 : 0.0,
            _ => Math.Abs(xi - mu) < Math.Abs(xi - xj) ? 1.0 : 0.0,
        };
        double u = t == 1.0 ? Utility(0.5 - 0.25 * d2, r) : Utility(0.5 + 0.25 * d2, r);
        return q * usq + (1 - q) * u;
    }

    /// <summary>
    /// Sec_j = Σ_{i≠j} E(U_ij) with r = 1 for everybody (Scholz eq. 32), the challengers i in position order. With the
    /// full status-quo term each E(U_ij) is evaluated by <see cref="ExpectedUtility"/>, challenger by challenger.
    /// </summary>
    private void ComputeSecurity()
    {
        if (SimpleStatusQuo)
        {
            SecurityLanes();
            return;
        }
        int n = _n;
        _sec.AsSpan(0, n).Clear();
        for (int t = 0; t < n; t++)
        {
            if ((t & 255) == 0) _cancel.ThrowIfCancellationRequested();
            int i = _order[t];
            for (int j = 0; j < n; j++)
                if (j != i) _sec[j] += ExpectedUtility(i, j, 1.0);
        }
    }

    /// <summary>
    /// Sec_j for Q·U_sq = 0 (r = 1): U_s = 2 − 4·max(0.5 − 0.5d, 0), U_f = 2 − 4(0.5 + 0.5d), no powers. Four targets j
    /// side by side (in position order), each lane adding the challengers i in position order, so each lane's sum is the
    /// scalar sum over i ≠ j (the lane of j itself adds +0, which changes no sum that starts at +0).
    /// </summary>
    private void SecurityLanes()
    {
        int n = _n, np = (n + 3) & ~3;
        var sj = _sSorted;
        var acc = _acc;
        var ed = _edRow;
        var ep = _epRow;
        for (int u = 0; u < np; u++)
        {
            sj[u] = u < n ? _s[_order[u]] : 0.0;
            acc[u] = 0.0;
            ed[u] = ep[u] = 0.0;
        }
        var zero = Vector256<double>.Zero;
        var one = Vector256<double>.One;
        var half = Vector256.Create(0.5);
        var two = Vector256.Create(2.0);
        var four = Vector256.Create(4.0);
        var lane = Vector256.Create(0.0, 1.0, 2.0, 3.0);
        int rowOf = -1;
        for (int t = 0; t < n; t++)
        {
            int a = _pidSorted[t];
            if (a != rowOf)
            {
                // d and P(i beats j) from i's position to every target's, in target (position) order
                _cancel.ThrowIfCancellationRequested();
                Row(a, out var dRow, out var pRow, out _);
                for (int u = 0; u < n; u++)
                {
                    int b = _pidSorted[u];
                    ed[u] = dRow[b];
                    ep[u] = pRow[b];
                }
                rowOf = a;
            }
            var self = Vector256.Create((double)t);
            for (int u = 0; u < np; u += 4)
            {
                var d = Vector256.Create(ed.AsSpan(u, 4));
                var p = Vector256.Create(ep.AsSpan(u, 4));
                var s = Vector256.Create(sj.AsSpan(u, 4));
                var bs = half - half * d;
                var us = two - four * Vector256.ConditionalSelect(Vector256.GreaterThan(bs, zero), bs, zero);
                var uf = two - four * (half + half * d);
                var term = s * (p * us + (one - p) * uf) + (one - s) * us;
                term = Vector256.ConditionalSelect(Vector256.Equals(lane + Vector256.Create((double)u), self), zero, term);
                (Vector256.Create(acc.AsSpan(u, 4)) + term).CopyTo(acc.AsSpan(u, 4));
            }
        }
        for (int u = 0; u < n; u++) _sec[_order[u]] = acc[u];
    }

    /// <summary>
    /// R_i = (2 Sec_i − max − min)/(max − min) across actors (Scholz eq. 34), r_i = (1 − R_i/3)/(1 + R_i/3) (eq. 33).
    /// All-equal security levels (0/0) leave r = 1 for everybody.
    /// </summary>
    private void ComputeRiskExponents()
    {
        int n = _n;
        double max = double.NegativeInfinity, min = double.PositiveInfinity;
        for (int i = 0; i < n; i++) { max = Math.Max(max, _sec[i]); min = Math.Min(min, _sec[i]); }
        double span = max - min;
        double scale = Math.Max(1.0, Math.Max(Math.Abs(max), Math.Abs(min)));
        if (!(span > 1e-12 * scale)) return;
        for (int i = 0; i < n; i++)
        {
            double ri = (2 * _sec[i] - max - min) / span;
            _r[i] = (1 - ri / 3.0) / (1 + ri / 3.0);
        }
    }
}
