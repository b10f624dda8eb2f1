using System.Runtime.Intrinsics;
using Parley.Core.Numerics;

namespace Parley.Core.Models.ExpectedUtility;

/// <summary>
/// The pairs of distinct positions as m×m tables (while they fit <see cref="TableBudgetBytes"/>): every distance of
/// the round read from one table, the logarithms of the powers' bases once per pair, the vote table by voter row
/// four positions at a time with its prefix sums, and the probabilities four pairs at a time.
/// </summary>
internal sealed partial class EumKernel
{
    // m rows of stride _ms (m rounded up to whole vectors; the lanes past m hold finite values that no result reads).
    // Votes: one row per voter in position order, columns = positions.
    private double[] _tD = [], _tLd = [], _tLs = [], _tLf = [], _prob = [], _probT = [];
    private double[] _gRawT = [], _gPreT = [];
    private int[] _walk = [], _split1 = [], _split2 = [];
    private bool _logs, _baseLogs, _walks, _splits;

    private void BeginTables()
    {
        int ms = _ms, n = _n;
        int square = ms * ms + 4; // + 4: a padded row read may run one vector past the last row
        if (_tD.Length < square)
        {
            int size = Math.Max(square, _tD.Length * 2);
            _tD = new double[size]; _tLd = new double[size]; _tLs = new double[size]; _tLf = new double[size];
            _prob = new double[size]; _probT = new double[size];
        }
        int votes = (n + 1) * ms + 4;
        if (_gRawT.Length < votes)
        {
            int size = Math.Max(votes, _gRawT.Length * 2);
            _gRawT = new double[size]; _gPreT = new double[size];
        }
        EnsureRowScratch(ms);
        _logs = _baseLogs = _walks = _splits = false;
        BuildDistances();
    }

    /// <summary>
    /// D[p, q] = |x_q − x_p|/R for every pair of distinct positions, four q at a time: every distance of the round comes
    /// from this table (|a − b| = |b − a| exactly, and R divides, so each entry has the bits of the scalar expression).
    /// </summary>
    private void BuildDistances()
    {
        int m = _m, ms = _ms;
        var ux = _ux.AsSpan(0, ms);
        var range = Vector256.Create(_range); // divide (not multiply by 1/R) so that the extreme pair has d = 1 exactly
        for (int p = 0; p < m; p++)
        {
            var up = Vector256.Create(_ux[p]);
            var row = _tD.AsSpan(p * ms, ms);
            for (int q = 0; q < ms; q += 4)
                (Vector256.Abs(Vector256.Create(ux.Slice(q, 4)) - up) / range).CopyTo(row.Slice(q, 4));
        }
    }

    /// <summary>
    /// For every pair of distinct positions p, q: the logarithm of d (the votes' base) and, when
    /// <paramref name="bases"/>, of max(0.5 − 0.5d, 0) and 0.5 + 0.5d (the utilities' bases), raised later to the
    /// actors' risk exponents (once per pair instead of once per use; <see cref="ReproducibleMath.PowFromLog"/>
    /// gives the same bits as computing each power directly). Rows of the upper triangle in whole vectors, mirrored.
    /// </summary>
    private void BuildLogTables(bool bases)
    {
        int m = _m, ms = _ms;
        var ld = _row1;
        var ls = _row2;
        var lf = _row3;
        var zero = Vector256<double>.Zero;
        var half = Vector256.Create(0.5);
        for (int p = 0; p < m; p++)
        {
            int len = m - p, row = p * ms + p; // q = p .. m−1 (whole vectors: the rows have slack), mirrored below
            for (int k = 0; k < len; k += 4)
            {
                var d = Vector256.Create(_tD.AsSpan(row + k, 4));
                ReproducibleMath.Log(d).CopyTo(ld.AsSpan(k, 4));
                if (!bases) continue;
                var b = half - half * d;
                ReproducibleMath.Log(Vector256.ConditionalSelect(Vector256.GreaterThan(b, zero), b, zero)).CopyTo(ls.AsSpan(k, 4));
                ReproducibleMath.Log(half + half * d).CopyTo(lf.AsSpan(k, 4));
            }
            for (int k = 0; k < len; k++)
            {
                int a = row + k, b = (p + k) * ms + p;
                _tLd[a] = _tLd[b] = ld[k];
                if (!bases) continue;
                _tLs[a] = _tLs[b] = ls[k];
                _tLf[a] = _tLf[b] = lf[k];
            }
        }
        _logs = true;
        _baseLogs = bases;
    }

    /// <summary>
    /// The vote table g[t, p] = c_t s_t d(t, p)^r_t for every voter t (in position order) and distinct position p, and
    /// its prefix sums over voters, G[t, p] = Σ_{t' &lt; t} g[t', p]: one row per voter, four positions at a time, each
    /// column summed in voter order (the bits of a running sum per position).
    /// </summary>
    private void BuildVotes(bool useRisk)
    {
        int n = _n, ms = _ms;
        var raw = _gRawT;
        var pre = _gPreT;
        pre.AsSpan(0, ms).Clear();
        for (int t = 0; t < n; t++)
        {
            if ((t & 1023) == 0) _cancel.ThrowIfCancellationRequested();
            int k = _order[t];
            var w = Vector256.Create(_w[k]);
            var r = Vector256.Create(_r[k]);
            int dRow = _pidSorted[t] * ms, rRow = t * ms;
            for (int q = 0; q < ms; q += 4)
            {
                var d = Vector256.Create(_tD.AsSpan(dRow + q, 4));
                var g = !useRisk ? w * d
                    : _logs ? w * ReproducibleMath.PowFromLog(d, Vector256.Create(_tLd.AsSpan(dRow + q, 4)), r)
                    : w * ReproducibleMath.Pow(d, r);
                g.CopyTo(raw.AsSpan(rRow + q, 4));
                (Vector256.Create(pre.AsSpan(rRow + q, 4)) + g).CopyTo(pre.AsSpan(rRow + ms + q, 4));
            }
        }
        if (_opt.Variant.Probability == ProbabilityRule.AllPairs) _denominator = AllPairsDenominator();
    }

    /// <summary>
    /// Σ_k Σ_a Σ_b |g_k(x_b) − g_k(x_a)| over all actors a, b: for voter k, g_k grows with the distance from x_k, so
    /// visiting the distinct positions outward from x_k gives the values in ascending order, and each value counts
    /// (#actors before it − #actors after it) times; ordered pairs count twice. The visiting order depends only on the
    /// voter's position, so it is built once per round (<see cref="BuildWalks"/>) and serves both passes.
    /// </summary>
    private double AllPairsDenominator()
    {
        int n = _n, m = _m, ms = _ms;
        if (!_walks) BuildWalks();
        var raw = _gRawT;
        double sum = 0;
        for (int t = 0; t < n; t++)
        {
            var walk = _walk.AsSpan(_pidSorted[t] * m, m);
            sum += 2 * WalkTotal(walk, raw.AsSpan(t * ms, ms));
        }
        return sum;
    }

    /// <summary>One voter's Σ over its values in ascending order, each counted (#before − #after) times.</summary>
    private double WalkTotal(ReadOnlySpan<int> walk, ReadOnlySpan<double> votes)
    {
        int n = _n, before = 0;
        double total = 0;
        foreach (int e in walk)
        {
            int c = _ucount[e];
            total += c * votes[e] * (before - (n - before - c));
            before += c;
        }
        return total;
    }

    /// <summary>For every distinct position, the distinct positions in order of distance from it (<see cref="Walk"/>).</summary>
    private void BuildWalks()
    {
        int m = _m;
        if (_walk.Length < m * m) _walk = new int[Math.Max(m * m, _walk.Length * 2)];
        for (int p0 = 0; p0 < m; p0++) Walk(p0, _walk.AsSpan(p0 * m, m));
        _walks = true;
    }

    /// <summary>
    /// The distinct positions in order of distance from position p0, starting at p0 (the nearer side first; the lower
    /// side on a tie): the merge of the two sides walking outward.
    /// </summary>
    private void Walk(int p0, Span<int> walk)
    {
        int m = _m;
        double xk = _ux[p0];
        int lo = p0 - 1, hi = p0 + 1, e = p0;
        for (int k = 0; ; k++)
        {
            walk[k] = e;
            if (lo < 0 && hi >= m) break;
            if (hi >= m || (lo >= 0 && xk - _ux[lo] <= _ux[hi] - xk)) e = lo--;
            else e = hi++;
        }
    }

    /// <summary>
    /// For each pair of distinct positions p &lt; q: the voters strictly nearer x_p form a prefix of the sorted
    /// voters and those strictly nearer x_q a suffix (<see cref="BuildSplits"/>), so each side's vote total is a
    /// difference of prefix sums; four q at a time (the lanes perform <see cref="PairProbabilities"/>'s operations).
    /// </summary>
    private void ComputeProbabilities()
    {
        int n = _n, m = _m, ms = _ms;
        if (!_splits) BuildSplits();
        bool allPairs = _opt.Variant.Probability == ProbabilityRule.AllPairs;
        double den = _denominator;
        var pre = _gPreT;
        var prob = _prob;
        var probT = _probT;
        int last = n * ms;
        var zero = Vector256<double>.Zero;
        var vden = Vector256.Create(den);
        var half = Vector256.Create(0.5);
        for (int p = 0; p < m; p++)
        {
            prob[p * ms + p] = probT[p * ms + p] = SelfProbability;
            int rowP = p * ms, sp = p * m;
            double lastP = pre[last + p];
            int q = p + 1;
            for (; q + 3 < m; q += 4)
            {
                int a0 = _split1[sp + q], a1 = _split1[sp + q + 1], a2 = _split1[sp + q + 2], a3 = _split1[sp + q + 3];
                int b0 = _split2[sp + q], b1 = _split2[sp + q + 1], b2 = _split2[sp + q + 2], b3 = _split2[sp + q + 3];
                var npq = Vector256.Create(pre[a0 + q], pre[a1 + q + 1], pre[a2 + q + 2], pre[a3 + q + 3])
                    - Vector256.Create(pre[a0 + p], pre[a1 + p], pre[a2 + p], pre[a3 + p]);
                var nqp = (Vector256.Create(lastP) - Vector256.Create(pre[b0 + p], pre[b1 + p], pre[b2 + p], pre[b3 + p]))
                    - (Vector256.Create(pre.AsSpan(last + q, 4))
                       - Vector256.Create(pre[b0 + q], pre[b1 + q + 1], pre[b2 + q + 2], pre[b3 + q + 3]));
                npq = Vector256.ConditionalSelect(Vector256.LessThan(npq, zero), zero, npq);
                nqp = Vector256.ConditionalSelect(Vector256.LessThan(nqp, zero), zero, nqp);
                Vector256<double> ppq, pqp;
                if (allPairs)
                {
                    ppq = den > 0 ? npq / vden : zero;
                    pqp = den > 0 ? nqp / vden : zero;
                }
                else
                {
                    var sum = npq + nqp;
                    var some = Vector256.GreaterThan(sum, zero);
                    ppq = Vector256.ConditionalSelect(some, npq / sum, half);
                    pqp = Vector256.ConditionalSelect(some, nqp / sum, half);
                }
                ppq.CopyTo(prob.AsSpan(rowP + q, 4));
                pqp.CopyTo(probT.AsSpan(rowP + q, 4)); // _probT[a, b] = P(b beats a): row access for "P(j beats i)" over j
                for (int l = 0; l < 4; l++)
                {
                    prob[(q + l) * ms + p] = pqp.GetElement(l);
                    probT[(q + l) * ms + p] = ppq.GetElement(l);
                }
            }
            for (; q < m; q++)
            {
                int r1 = _split1[sp + q], r2 = _split2[sp + q];
                var (ppq, pqp) = PairProbabilities(pre[r1 + q] - pre[r1 + p], (lastP - pre[r2 + p]) - (pre[last + q] - pre[r2 + q]));
                prob[rowP + q] = ppq;
                prob[q * ms + p] = pqp;
                probT[q * ms + p] = ppq;
                probT[rowP + q] = pqp;
            }
        }
    }

    /// <summary>
    /// For each pair of distinct positions p &lt; q, the row offsets (voter index × stride) in the prefix-sum table where
    /// the voters strictly nearer x_p end and where those strictly nearer x_q begin (<see cref="FirstNearerSecond"/>).
    /// The first end only moves right as q does (two pointers), so all pairs cost O(m²); positions only, so both passes
    /// of a round share them.
    /// </summary>
    private void BuildSplits()
    {
        int m = _m, ms = _ms;
        if (_split1.Length < m * m)
        {
            int size = Math.Max(m * m, _split1.Length * 2);
            _split1 = new int[size];
            _split2 = new int[size];
        }
        for (int p = 0; p < m; p++)
        {
            int e = p; // last distinct index in [p, q) strictly nearer x_p; moves right as x_q does
            for (int q = p + 1; q < m; q++)
            {
                while (e + 1 < q && NearerFirst(e + 1, p, q)) e++;
                _split1[p * m + q] = _ustart[e + 1] * ms;
                _split2[p * m + q] = _ustart[FirstNearerSecond(e, p, q)] * ms;
            }
        }
        _splits = true;
    }
}
