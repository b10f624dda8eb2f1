using System.Runtime.Intrinsics;
using Parley.Core.Numerics;

namespace Parley.Core.Models.ExpectedUtility;

/// <summary>
/// The pairs of distinct positions streamed one row at a time, in O(n + m) memory, when the m×m tables would not fit
/// <see cref="TableBudgetBytes"/> (10,000 actors at distinct positions would need about 7 GB of tables). The same
/// numbers as the tables, bit for bit:
/// <list type="bullet">
/// <item>a pass sums, per voter in position order, its votes for every position into the column totals G[n, q] and
/// the all-pairs denominator (the vote table's lanes and sums, one voter row at a time);</item>
/// <item>row p needs, for every q, the prefix sums G[s, p] and G[s, q] at the two splits s of the pair (p, q). Row p's
/// own column is computed whole (n votes, four voters at a time) and summed up to each split in turn. Every other
/// column keeps a cursor (voter index, running sum): as p grows, a column's splits only move right (the split between
/// x_p and x_q follows their midpoint), so its cursor reaches them all with O(n) additions per pass; four columns'
/// cursors advance side by side, one vector lane each. A query behind a cursor (rows requested out of order, or a
/// rounding tie) restarts that cursor at the first voter: slower, never different.</item>
/// </list>
/// The votes are recomputed where they are added (about three times the vote work of the tables), and no logarithm
/// tables are kept (each power is computed directly, the same bits).
/// </summary>
internal sealed partial class EumKernel
{
    private double[] _sD = [], _sP = [], _sPT = [], _gRow = [], _tot = [], _colSum = [];
    private double[] _own1 = [], _own2 = [], _col1 = [], _col2 = [];
    private double[] _vx = [], _vw = [], _vr = [], _ownG = [];
    private int[] _colAt = [], _walkRow = [], _split1Row = [], _split2Row = [];
    private int _streamRow = -1, _ownAt;
    private double _ownSum;
    private bool _streamRisk;

    private void BeginStream()
    {
        int ms = _ms, n = _n;
        EnsureRowScratch(ms);
        if (_sD.Length < ms + 4)
        {
            int size = Math.Max(ms + 4, _sD.Length * 2);
            _sD = new double[size]; _sP = new double[size]; _sPT = new double[size]; _gRow = new double[size]; _tot = new double[size];
            _colSum = new double[size]; _colAt = new int[size]; _walkRow = new int[size];
            _own1 = new double[size]; _own2 = new double[size]; _col1 = new double[size]; _col2 = new double[size];
            _split1Row = new int[size]; _split2Row = new int[size];
        }
        if (_vx.Length < n + 4)
        {
            int size = Math.Max(n + 4, _vx.Length * 2);
            _vx = new double[size]; _vw = new double[size]; _vr = new double[size]; _ownG = new double[size];
        }
        _logs = _baseLogs = false;
        for (int t = 0; t < n; t++)
        {
            _vx[t] = _ux[_pidSorted[t]];
            _vw[t] = _w[_order[t]];
        }
    }

    /// <summary>
    /// A pass's votes: the column totals and, for the reference variant, the all-pairs denominator, one voter row at a
    /// time (the table's lanes and sums); the columns' cursors start again at the first voter.
    /// </summary>
    private void StreamVotes(bool useRisk)
    {
        int n = _n, m = _m, ms = _ms;
        _streamRisk = useRisk;
        for (int t = 0; t < n; t++) _vr[t] = _r[_order[t]];
        var tot = _tot.AsSpan(0, ms);
        tot.Clear();
        bool allPairs = _opt.Variant.Probability == ProbabilityRule.AllPairs;
        var walk = _walkRow.AsSpan(0, m);
        int walked = -1;
        double sum = 0;
        for (int t = 0; t < n; t++)
        {
            if ((t & 255) == 0) _cancel.ThrowIfCancellationRequested();
            var g = _gRow.AsSpan(0, ms);
            VoteRow(t, g);
            for (int q = 0; q < ms; q += 4)
                (Vector256.Create(tot.Slice(q, 4)) + Vector256.Create(g.Slice(q, 4))).CopyTo(tot.Slice(q, 4));
            if (!allPairs) continue;
            if (_pidSorted[t] != walked)
            {
                walked = _pidSorted[t];
                Walk(walked, walk);
            }
            sum += 2 * WalkTotal(walk, g);
        }
        if (allPairs) _denominator = sum;
        _colAt.AsSpan(0, m).Clear();
        _colSum.AsSpan(0, m).Clear();
        _streamRow = -1;
    }

    /// <summary>Voter t's votes g[t, q] = w_t·d(t, q)^r_t for every distinct position q (the vote table's row t).</summary>
    private void VoteRow(int t, Span<double> g)
    {
        var ux = _ux.AsSpan(0, _ms);
        var w = Vector256.Create(_vw[t]);
        var r = Vector256.Create(_vr[t]);
        var xt = Vector256.Create(_vx[t]);
        var range = Vector256.Create(_range);
        for (int q = 0; q < _ms; q += 4)
        {
            var d = Vector256.Abs(Vector256.Create(ux.Slice(q, 4)) - xt) / range;
            (_streamRisk ? w * ReproducibleMath.Pow(d, r) : w * d).CopyTo(g.Slice(q, 4));
        }
    }

    /// <summary>
    /// Every voter's vote for position p, g[t, p] = w_t·d(t, p)^r_t, four voters at a time (the vote table's column p),
    /// and row p's own cursor back at the first voter.
    /// </summary>
    private void OwnColumn(int p)
    {
        int n = _n;
        var xc = Vector256.Create(_ux[p]);
        var range = Vector256.Create(_range);
        for (int t = 0; t < n; t += 4)
        {
            var d = Vector256.Abs(xc - Vector256.Create(_vx.AsSpan(t, 4))) / range;
            var w = Vector256.Create(_vw.AsSpan(t, 4));
            (_streamRisk ? w * ReproducibleMath.Pow(d, Vector256.Create(_vr.AsSpan(t, 4))) : w * d).CopyTo(_ownG.AsSpan(t, 4));
        }
        _ownAt = 0;
        _ownSum = 0.0;
    }

    /// <summary>Row p's own prefix sum G[s, p], its cursor moved to voter s (back to the first voter if past it).</summary>
    private double Own(int s)
    {
        if (s < _ownAt)
        {
            _ownAt = 0;
            _ownSum = 0.0;
        }
        for (; _ownAt < s; _ownAt++) _ownSum += _ownG[_ownAt];
        return _ownSum;
    }

    /// <summary>
    /// The prefix sums G[s_q, q] of the four columns q0 … q0 + 3 at their targets s_q, each column's cursor (voter
    /// index, running sum) moved there: the four running sums advance side by side, one lane per column, each adding
    /// its own voters in voter order (a lane that has arrived keeps its sum). A cursor past its target starts again at
    /// the first voter. Lanes past the last position, and row p's own column, are left alone.
    /// </summary>
    private void ColumnsAt(int p, int q0, ReadOnlySpan<int> target, Span<double> value)
    {
        int m = _m;
        Span<int> at = stackalloc int[4];
        Span<int> stop = stackalloc int[4];
        Span<double> sum = stackalloc double[4];
        Span<double> xc = stackalloc double[4];
        int steps = 0;
        for (int l = 0; l < 4; l++)
        {
            int c = q0 + l;
            bool used = c < m && c != p;
            at[l] = used ? _colAt[c] : 0;
            sum[l] = used ? _colSum[c] : 0.0;
            stop[l] = used ? target[c] : 0;
            xc[l] = _ux[c];
            if (stop[l] < at[l])
            {
                at[l] = 0;
                sum[l] = 0.0;
            }
            steps = Math.Max(steps, stop[l] - at[l]);
        }
        var vsum = Vector256.Create((ReadOnlySpan<double>)sum);
        var vxc = Vector256.Create((ReadOnlySpan<double>)xc);
        var range = Vector256.Create(_range);
        for (int k = 0; k < steps; k++)
        {
            int t0 = Math.Min(at[0] + k, _n - 1), t1 = Math.Min(at[1] + k, _n - 1);
            int t2 = Math.Min(at[2] + k, _n - 1), t3 = Math.Min(at[3] + k, _n - 1);
            var active = Vector256.LessThan(Vector256.Create((long)(at[0] + k), at[1] + k, at[2] + k, at[3] + k),
                Vector256.Create((long)stop[0], stop[1], stop[2], stop[3]));
            var d = Vector256.Abs(vxc - Vector256.Create(_vx[t0], _vx[t1], _vx[t2], _vx[t3])) / range;
            var w = Vector256.Create(_vw[t0], _vw[t1], _vw[t2], _vw[t3]);
            var g = _streamRisk ? w * ReproducibleMath.Pow(d, Vector256.Create(_vr[t0], _vr[t1], _vr[t2], _vr[t3])) : w * d;
            vsum = Vector256.ConditionalSelect(active.AsDouble(), vsum + g, vsum);
        }
        for (int l = 0; l < 4; l++)
        {
            int c = q0 + l;
            if (c >= m || c == p) continue;
            _colAt[c] = stop[l];
            _colSum[c] = value[c] = vsum.GetElement(l);
        }
    }

    /// <summary>
    /// Row p of the distances and of both probabilities (<see cref="Row"/>): each pair as <see cref="ComputeProbabilities"/>
    /// computes it, from the same splits (the pairs (q, p) with q &lt; p found by a pointer over q, which reaches the
    /// same positions as row q of the tables: "strictly nearer x_q than x_p" holds on a prefix of [q, p) that only
    /// grows with q) and the same prefix sums.
    /// </summary>
    private void StreamRow(int p)
    {
        if (_streamRow == p) return;
        _cancel.ThrowIfCancellationRequested();
        int m = _m, ms = _ms;
        var ux = _ux.AsSpan(0, ms);
        var up = Vector256.Create(_ux[p]);
        var range = Vector256.Create(_range);
        for (int q = 0; q < ms; q += 4)
            (Vector256.Abs(Vector256.Create(ux.Slice(q, 4)) - up) / range).CopyTo(_sD.AsSpan(q, 4));

        // The splits of every pair (q, p), q < p, and (p, q), q > p.
        var s1 = _split1Row.AsSpan(0, ms);
        var s2 = _split2Row.AsSpan(0, ms);
        int e = 0;
        for (int q = 0; q < p; q++)
        {
            if (e < q) e = q;
            while (e + 1 < p && NearerFirst(e + 1, q, p)) e++;
            s1[q] = _ustart[e + 1];
            s2[q] = _ustart[FirstNearerSecond(e, q, p)];
        }
        e = p;
        for (int q = p + 1; q < m; q++)
        {
            while (e + 1 < q && NearerFirst(e + 1, p, q)) e++;
            s1[q] = _ustart[e + 1];
            s2[q] = _ustart[FirstNearerSecond(e, p, q)];
        }

        // The prefix sums at the splits: row p's own column, then the others four at a time.
        OwnColumn(p);
        var o1 = _own1.AsSpan(0, ms);
        var o2 = _own2.AsSpan(0, ms);
        for (int q = 0; q < m; q++)
        {
            if (q == p) continue;
            o1[q] = Own(s1[q]);
            o2[q] = Own(s2[q]);
        }
        var c1 = _col1.AsSpan(0, ms);
        var c2 = _col2.AsSpan(0, ms);
        for (int q0 = 0; q0 < m; q0 += 4)
        {
            ColumnsAt(p, q0, s1, c1);
            ColumnsAt(p, q0, s2, c2);
        }

        _sP[p] = _sPT[p] = SelfProbability;
        for (int q = 0; q < p; q++)
        {
            var (pq, pp) = PairProbabilities(o1[q] - c1[q], (_tot[q] - c2[q]) - (_tot[p] - o2[q])); // P(x_q beats x_p), P(x_p beats x_q)
            _sP[q] = pp;
            _sPT[q] = pq;
        }
        for (int q = p + 1; q < m; q++)
        {
            var (pp, pq) = PairProbabilities(c1[q] - o1[q], (_tot[p] - o2[q]) - (_tot[q] - c2[q]));
            _sP[q] = pp;
            _sPT[q] = pq;
        }
        for (int q = m; q < ms; q++) _sP[q] = _sPT[q] = 0.0;
        _streamRow = p;
    }
}
