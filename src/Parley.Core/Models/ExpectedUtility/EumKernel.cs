using System.Runtime.Intrinsics;

namespace Parley.Core.Models.ExpectedUtility;

/// <summary>What an actor did in a round.</summary>
public enum MoveKind : byte
{
    None,

    /// <summary>Lost a confrontation: moved to the winner's position.</summary>
    Confrontation,

    /// <summary>Moved part way toward the proposer (Scholz eq. 35/36).</summary>
    Compromise,

    /// <summary>Gave in: moved to the proposer's position.</summary>
    Capitulation,
}

/// <summary>
/// One bargaining round of the expected utility model on struct-of-arrays working buffers that are reused across
/// rounds and runs (nothing is allocated once the buffers have grown to the largest actor count seen).
/// <para>
/// Cost per round: sorting O(n log n); a table of the distances between distinct positions, O(m²) (every distance
/// of the round is read from it); a vote table g[t, p] = c_t s_t (|x_t − x_p| / R)^r_t for every voter t in position
/// order and distinct position p, with prefix sums over voters, O(n·m), four positions at a time; the probability of
/// every pair of distinct positions from two prefix-sum differences, the voters nearer each side found by two
/// pointers, O(m²) (instead of O(n) per dyad); the reference variant's all-pairs denominator Σ_k Σ_a Σ_b |v_k(a, b)|
/// by visiting, for each voter, the positions in order of distance (one walk per distinct position, built once per
/// round) and weighting each value by (#before − #after), O(n·m) (instead of O(n³)); security levels four targets at
/// a time, O(n²); offers O(n·m). Powers: the logarithms of the three bases (d, 0.5 ∓ 0.5d) once per pair of distinct
/// positions, then one exponential per use, four lanes at a time with <see cref="Numerics.ReproducibleMath"/> (same
/// bits on every machine); the offers are classified four proposers at a time without branches.
/// </para>
/// <para>
/// Every vector lane performs the scalar computation's IEEE operations in the scalar order, and every sum runs in
/// the order the scalar code sums (a lane per independent sum, never a regrouped sum), so the bits do not depend on
/// the vector width or on whether the hardware has vectors at all.
/// </para>
/// </para>
/// </summary>
public sealed class EumKernel
{
    private int _n, _m, _cap, _ms, _orderCount = -1;
    private double[] _x = [], _s = [], _w = [], _r = [], _usq = [], _sec = [];
    private int[] _order = [], _pid = [];
    private double[] _sortKeys = [];
    private double[] _ux = [];
    private int[] _ucount = [], _ustart = [];
    // Tables over distinct positions: m rows of stride _ms (m rounded up to whole vectors; the lanes past m hold
    // finite values that no result reads). Votes: one row per voter in position order, columns = positions.
    private double[] _gRawT = [], _gPreT = [], _prob = [], _probT = [];
    private double[] _tD = [], _tLd = [], _tLs = [], _tLf = [];
    private double[] _row1 = [], _row2 = [], _row3 = []; // scratch rows over distinct positions (length ≥ _ms)
    private double[] _sSorted = [], _acc = [], _edRow = [], _epRow = [];
    private int[] _pidSorted = [];
    private bool _tables, _baseLogs, _walks, _splits;
    private int[] _walk = [], _split1 = [], _split2 = [];
    private double[] _newX = [];
    private double[] _pij = [], _pji = [], _qusqB = [], _dist = [], _base = [], _ownUs = [], _ownUf = [], _key = [], _pos = [], _cls = [], _aa = [], _bb = [];
    private MoveKind[] _kind = [];
    private int[] _with = [];
    private double[] _eu = [], _euOther = [];
    private double[] _bs = [], _bf = [], _us = [], _uf = [], _us2 = [], _uf2 = [];
    private EumOptions _opt = EumOptions.Default;
    private double _range, _median, _mean, _denominator;
    private bool _degenerate;

    public int Count => _n;
    public double Median => _median;
    public double Mean => _mean;
    public double Range => _range;

    /// <summary>True when nobody can move this round (one distinct position, or a zero range).</summary>
    public bool Degenerate => _degenerate;

    /// <summary>Risk exponents used in the round (after <see cref="Prepare"/>).</summary>
    public ReadOnlySpan<double> Risk => _r.AsSpan(0, _n);

    public ReadOnlySpan<double> SecurityLevels => _sec.AsSpan(0, _n);
    public ReadOnlySpan<double> Positions => _x.AsSpan(0, _n);
    public ReadOnlySpan<double> NewPositions => _newX.AsSpan(0, _n);
    public ReadOnlySpan<MoveKind> Moves => _kind.AsSpan(0, _n);

    /// <summary>For each mover, the index of the actor whose offer it accepted (−1 when it stays).</summary>
    public ReadOnlySpan<int> MovedWith => _with.AsSpan(0, _n);

    /// <summary>For each mover, the two expected utilities of the accepted offer (receiver's, proposer's).</summary>
    public ReadOnlySpan<double> AcceptedEu => _eu.AsSpan(0, _n);
    public ReadOnlySpan<double> AcceptedEuOther => _euOther.AsSpan(0, _n);

    /// <summary>Copies one round's inputs (w = capability × salience) and the range R that normalises distances.</summary>
    public void Load(ReadOnlySpan<double> positions, ReadOnlySpan<double> saliences, ReadOnlySpan<double> weights,
        double range, EumOptions options)
    {
        int n = positions.Length;
        Ensure(n);
        _n = n;
        _opt = options;
        _range = range;
        positions.CopyTo(_x);
        saliences.CopyTo(_s);
        weights.CopyTo(_w);
    }

    private void Ensure(int n)
    {
        if (n <= _cap) return;
        _cap = Math.Max(n, _cap * 2);
        _x = new double[_cap]; _s = new double[_cap]; _w = new double[_cap]; _r = new double[_cap];
        _usq = new double[_cap]; _sec = new double[_cap]; _order = new int[_cap]; _orderCount = -1; _sortKeys = new double[_cap]; _pid = new int[_cap];
        _ux = new double[_cap + 4]; _ucount = new int[_cap]; _ustart = new int[_cap + 1];
        _newX = new double[_cap]; _kind = new MoveKind[_cap]; _with = new int[_cap];
        _eu = new double[_cap]; _euOther = new double[_cap];
        _bs = new double[_cap]; _bf = new double[_cap]; _us = new double[_cap]; _uf = new double[_cap];
        _us2 = new double[_cap]; _uf2 = new double[_cap];
        _pij = new double[_cap]; _pji = new double[_cap]; _qusqB = new double[_cap]; _dist = new double[_cap]; _base = new double[_cap];
        _ownUs = new double[_cap]; _ownUf = new double[_cap]; _key = new double[_cap]; _pos = new double[_cap]; _cls = new double[_cap];
        _aa = new double[_cap]; _bb = new double[_cap]; _pidSorted = new int[_cap];
    }

    private void EnsureTables(int m)
    {
        int ms = (m + 3) & ~3, n = _n;
        _ms = ms;
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
        if (_row1.Length < ms + 4)
        {
            int size = Math.Max(ms + 4, _row1.Length * 2);
            _row1 = new double[size]; _row2 = new double[size];
            _row3 = new double[size];
        }
        int np = ((n + 3) & ~3) + 4;
        if (_acc.Length < np)
        {
            int size = Math.Max(np, _acc.Length * 2);
            _sSorted = new double[size]; _acc = new double[size]; _edRow = new double[size]; _epRow = new double[size];
        }
    }

    /// <summary>Sorts the positions and computes the c·s-weighted (lower) median and mean only.</summary>
    public void Summarise()
    {
        SortAndGroup();
        ComputeSummaries();
    }

    /// <summary>
    /// Everything before the moves: median, probabilities with r = 1, security levels, risk exponents (two passes),
    /// probabilities with the final exponents (when votes use them).
    /// </summary>
    public void Prepare()
    {
        int n = _n;
        SortAndGroup();
        ComputeSummaries();
        var r = _r.AsSpan(0, n);
        r.Fill(1.0);
        _degenerate = _m < 2 || !(_range > 0);
        if (_degenerate)
        {
            _sec.AsSpan(0, n).Clear();
            FillUsq();
            return;
        }
        EnsureTables(_m);
        _tables = _baseLogs = false;
        _walks = false;
        _splits = false;
        BuildDistances();
        // First pass: r = 1 for everybody.
        BuildVotes(useRisk: false);
        ComputeProbabilities();
        FillUsq();
        ComputeSecurity();
        if (_opt.Risk) ComputeRiskExponents();
        FillUsq();
        // The logarithms of the utility bases pay off where every pair's powers are used (the proposer's own view);
        // the receiver's view skips most pairs and computes the few powers it needs directly (the same bits).
        if (_opt.Risk && AnyRiskNotOne()) BuildLogTables(bases: _opt.Variant.Perspective == PerspectiveRule.Own);
        // Second pass: votes weighted by each voter's own r (reference code), when anyone's r differs from 1.
        if (_opt.Risk && _opt.Variant.VotesUseRisk && AnyRiskNotOne())
        {
            BuildVotes(useRisk: true);
            ComputeProbabilities();
        }
    }

    /// <summary>Every actor's best offer and the simultaneous moves (after <see cref="Prepare"/>).</summary>
    public void ChooseMoves()
    {
        int n = _n;
        _x.AsSpan(0, n).CopyTo(_newX);
        _kind.AsSpan(0, n).Clear();
        _with.AsSpan(0, n).Fill(-1);
        _eu.AsSpan(0, n).Clear();
        _euOther.AsSpan(0, n).Clear();
        if (_degenerate) return;
        for (int i = 0; i < n; i++) ChooseFor(i);
    }

    /// <summary>P(x_i prevails over x_j) in the current pass (after <see cref="Prepare"/>).</summary>
    public double Probability(int i, int j) => _degenerate ? 0.0 : _prob[_pid[i] * _ms + _pid[j]];

    /// <summary>E(U) of <paramref name="challenger"/> challenging <paramref name="target"/>, valued with risk exponent <paramref name="r"/>.</summary>
    public double ExpectedUtility(int challenger, int target, double r)
    {
        if (_degenerate) return 0.0;
        double d = _tD[_pid[challenger] * _ms + _pid[target]];
        double us = Utility(0.5 - 0.5 * d, r), uf = Utility(0.5 + 0.5 * d, r);
        double p = _prob[_pid[challenger] * _ms + _pid[target]];
        double st = _s[target];
        return st * (p * us + (1 - p) * uf) + (1 - st) * us - NotChallenging(challenger, target, r, 2 - 4 * Pow(0.5, r));
    }

    // ---------------------------------------------------------------- sorting, distinct positions, summaries

    private void SortAndGroup()
    {
        int n = _n;
        SortByPosition();
        var order = _order.AsSpan(0, n);
        int m = 0;
        for (int t = 0; t < n; t++)
        {
            int k = order[t];
            if (m == 0 || _x[k] != _ux[m - 1])
            {
                _ux[m] = _x[k];
                _ucount[m] = 0;
                _ustart[m] = t;
                m++;
            }
            _ucount[m - 1]++;
            _pid[k] = m - 1;
            _pidSorted[t] = m - 1;
        }
        _ustart[m] = n;
        _m = m;
    }

    /// <summary>
    /// _order = actor indices by (position, salience, weight, index), without allocating: Array.Sort on a key copy for
    /// large n, then an insertion pass that sorts small arrays and orders equal positions. Every sum runs in this
    /// order, which depends on the actors' attributes, not on their input order (only identical actors are ordered by
    /// index, and swapping identical terms changes no sum), so reordering the actors changes no bit of the result.
    /// </summary>
    private void SortByPosition()
    {
        int n = _n;
        var order = _order;
        // Start from the previous round's order when the actors are the same in number (usually nearly sorted
        // already); any starting permutation gives the same result, the order being a strict total order.
        if (n != _orderCount)
        {
            for (int i = 0; i < n; i++) order[i] = i;
            _orderCount = n;
        }
        if (n > 64)
        {
            _x.AsSpan(0, n).CopyTo(_sortKeys);
            Array.Sort(_sortKeys, order, 0, n);
        }
        for (int a = 1; a < n; a++)
        {
            int v = order[a];
            double xv = _x[v];
            int b = a - 1;
            while (b >= 0 && Before(v, order[b]))
            {
                order[b + 1] = order[b];
                b--;
            }
            order[b + 1] = v;
        }
    }

    private bool Before(int a, int b)
    {
        if (_x[a] != _x[b]) return _x[a] < _x[b];
        if (_s[a] != _s[b]) return _s[a] < _s[b];
        if (_w[a] != _w[b]) return _w[a] < _w[b];
        return a < b;
    }

    private void ComputeSummaries()
    {
        int n = _n;
        double total = 0, swx = 0, sx = 0;
        for (int t = 0; t < n; t++)
        {
            int i = _order[t];
            total += _w[i]; swx += _w[i] * _x[i]; sx += _x[i];
        }
        bool unweighted = !(total > 0);
        _mean = unweighted ? sx / n : swx / total;
        // Lower weighted median, same convention as WeightedMedianModel.LowerWeightedMedian.
        double half = (unweighted ? n : total) / 2.0, cumulative = 0;
        _median = _x[_order[n - 1]];
        for (int t = 0; t < n; t++)
        {
            int k = _order[t];
            cumulative += unweighted ? 1.0 : _w[k];
            if (cumulative >= half) { _median = _x[k]; break; }
        }
    }

    // ---------------------------------------------------------------- votes and probabilities

    private static double Pow(double b, double r) => PowMath.Pow(b, r);

    /// <summary>The "2 − 4(·)^r" utility transform (Bueno de Mesquita 1985, p. 158); the base is clamped at 0.</summary>
    private static double Utility(double b, double r) => 2 - 4 * Pow(b > 0 ? b : 0, r);

    /// <summary>
    /// D[p, q] = |x_q − x_p|/R for every pair of distinct positions, four q at a time: every distance of the round comes
    /// from this table (|a − b| = |b − a| exactly, and R divides, so each entry has the bits of the scalar expression).
    /// </summary>
    private void BuildDistances()
    {
        int m = _m, ms = _ms;
        var ux = _ux.AsSpan(0, ms);
        for (int q = m; q < ms; q++) ux[q] = _ux[m - 1]; // padding lanes: finite, never read as results
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
    /// actors' risk exponents (once per pair instead of once per use; <see cref="Numerics.ReproducibleMath.PowFromLog"/>
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
                Numerics.ReproducibleMath.Log(d).CopyTo(ld.AsSpan(k, 4));
                if (!bases) continue;
                var b = half - half * d;
                Numerics.ReproducibleMath.Log(Vector256.ConditionalSelect(Vector256.GreaterThan(b, zero), b, zero)).CopyTo(ls.AsSpan(k, 4));
                Numerics.ReproducibleMath.Log(half + half * d).CopyTo(lf.AsSpan(k, 4));
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
        _tables = true;
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
            int k = _order[t];
            var w = Vector256.Create(_w[k]);
            var r = Vector256.Create(_r[k]);
            int dRow = _pidSorted[t] * ms, rRow = t * ms;
            for (int q = 0; q < ms; q += 4)
            {
                var d = Vector256.Create(_tD.AsSpan(dRow + q, 4));
                var g = !useRisk ? w * d
                    : _tables ? w * Numerics.ReproducibleMath.PowFromLog(d, Vector256.Create(_tLd.AsSpan(dRow + q, 4)), r)
                    : w * Numerics.ReproducibleMath.Pow(d, r);
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
        var counts = _ucount;
        var raw = _gRawT;
        var walks = _walk;
        double sum = 0;
        for (int t = 0; t < n; t++)
        {
            int w0 = _pidSorted[t] * m, row = t * ms;
            int before = 0;
            double total = 0;
            for (int k = 0; k < m; k++)
            {
                int e = walks[w0 + k];
                int c = counts[e];
                total += c * raw[row + e] * (before - (n - before - c));
                before += c;
            }
            sum += 2 * total;
        }
        return sum;
    }

    /// <summary>
    /// For every distinct position p0, the distinct positions in order of distance from it, starting at p0 (the nearer
    /// side first; the lower side on a tie): the merge of the two sides walking outward.
    /// </summary>
    private void BuildWalks()
    {
        int m = _m;
        if (_walk.Length < m * m) _walk = new int[Math.Max(m * m, _walk.Length * 2)];
        var walk = _walk;
        for (int p0 = 0; p0 < m; p0++)
        {
            double xk = _ux[p0];
            int lo = p0 - 1, hi = p0 + 1, e = p0, w = p0 * m;
            for (int k = 0; ; k++)
            {
                walk[w + k] = e;
                if (lo < 0 && hi >= m) break;
                if (hi >= m || (lo >= 0 && xk - _ux[lo] <= _ux[hi] - xk)) e = lo--;
                else e = hi++;
            }
        }
        _walks = true;
    }

    /// <summary>
    /// For each pair of distinct positions p &lt; q: the voters strictly nearer x_p form a prefix of the sorted
    /// voters and those strictly nearer x_q a suffix (<see cref="BuildSplits"/>), so each side's vote total is a
    /// difference of prefix sums; four q at a time.
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
            prob[p * ms + p] = probT[p * ms + p] = allPairs ? 0.0 : 0.5;
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
                double npq = pre[r1 + q] - pre[r1 + p];
                double nqp = (lastP - pre[r2 + p]) - (pre[last + q] - pre[r2 + q]);
                if (npq < 0) npq = 0;
                if (nqp < 0) nqp = 0;
                double ppq, pqp;
                if (allPairs)
                {
                    ppq = den > 0 ? npq / den : 0.0;
                    pqp = den > 0 ? nqp / den : 0.0;
                }
                else
                {
                    double sum = npq + nqp;
                    ppq = sum > 0 ? npq / sum : 0.5;
                    pqp = sum > 0 ? nqp / sum : 0.5;
                }
                prob[rowP + q] = ppq;
                prob[q * ms + p] = pqp;
                probT[q * ms + p] = ppq;
                probT[rowP + q] = pqp;
            }
        }
    }

    /// <summary>
    /// For each pair of distinct positions p &lt; q, the row offsets (voter index × stride) in the prefix-sum table where
    /// the voters strictly nearer x_p end and where those strictly nearer x_q begin. The first end only moves right as
    /// q does (two pointers), so all pairs cost O(m²); positions only, so both passes of a round share them.
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
            double xp = _ux[p];
            int e = p; // last distinct index in [p, q) strictly nearer x_p; moves right as x_q does
            for (int q = p + 1; q < m; q++)
            {
                double xq = _ux[q];
                while (e + 1 < q && Math.Abs(_ux[e + 1] - xp) < Math.Abs(_ux[e + 1] - xq)) e++;
                int f = e + 1;
                if (f < q && !(Math.Abs(_ux[f] - xq) < Math.Abs(_ux[f] - xp))) f++;
                _split1[p * m + q] = _ustart[e + 1] * ms;
                _split2[p * m + q] = _ustart[f] * ms;
            }
        }
        _splits = true;
    }

    // ---------------------------------------------------------------- utilities, security, risk

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

    /// <summary>The value of not challenging: Q·U_sq (+ (1 − Q)[T·U_b + (1 − T)·U_w] in the paper variant).</summary>
    private double NotChallenging(int i, int j, double r, double usq)
    {
        double q = _opt.Q;
        if (_opt.Variant.StatusQuo == StatusQuoTerm.QOnly || q == 1.0) return q * usq;
        double xi = _x[i], xj = _x[j], mu = _median;
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

    /// <summary>Sec_j = Σ_{i≠j} E(U_ij) with r = 1 for everybody (Scholz eq. 32).</summary>
    private void ComputeSecurity()
    {
        int n = _n, m = _m;
        if (_opt.Variant.StatusQuo == StatusQuoTerm.QOnly || _opt.Q == 1.0)
        {
            SecurityLanes();
            return;
        }
        for (int j = 0; j < n; j++)
        {
            double sum = 0;
            for (int t = 0; t < n; t++)
                if (_order[t] != j) sum += ExpectedUtility(_order[t], j, 1.0);
            _sec[j] = sum;
        }
    }

    /// <summary>
    /// Sec_j for Q·U_sq = 0 (r = 1): U_s = 2 − 4·max(0.5 − 0.5d, 0), U_f = 2 − 4(0.5 + 0.5d), no powers. Four targets j
    /// side by side (in position order), each lane adding the challengers i in position order, so each lane's sum is the
    /// scalar sum over i ≠ j (the lane of j itself adds +0, which changes no sum that starts at +0).
    /// </summary>
    private void SecurityLanes()
    {
        int n = _n, m = _m, ms = _ms, np = (n + 3) & ~3;
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
                int row = a * ms;
                for (int u = 0; u < n; u++)
                {
                    int b = _pidSorted[u];
                    ed[u] = _tD[row + b];
                    ep[u] = _prob[row + b];
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

    // ---------------------------------------------------------------- offers

    /// <summary>
    /// <see cref="ChooseForScalar"/> for the default value of not challenging (Q·U_sq), without branches per
    /// proposer: U_s and U_f once per distinct position, both expected utilities and the offer's class, position and
    /// key four proposers at a time (the same IEEE operations in the same order as the scalar code, so the same bits),
    /// then the smallest key of the first non-empty class and the tie rule among proposers with exactly that key.
    /// </summary>
    private void ChooseFor(int i)
    {
        var v = _opt.Variant;
        double q = _opt.Q;
        if (!(v.StatusQuo == StatusQuoTerm.QOnly || q == 1.0))
        {
            ChooseForScalar(i);
            return;
        }
        int n = _n, ms = _ms;
        bool own = v.Perspective == PerspectiveRule.Own;
        double xi = _x[i], ri = _r[i], si = _s[i];
        int pi = _pid[i], rowI = pi * ms;

        // U_s = 2 − 4·max(0.5 − 0.5d, 0)^r_i and U_f = 2 − 4(0.5 + 0.5d)^r_i per distinct position (whole vectors; the
        // bits of PowMath.UtilityInto), then per proposer.
        if (!own)
        {
            ChooseForReceiver(i);
            return;
        }
        var usP = _row1.AsSpan(0, ms);
        var ufP = _row2.AsSpan(0, ms);
        UtilitiesFrom(rowI, ri, usP, ufP);
        var us = _us.AsSpan(0, n);
        var uf = _uf.AsSpan(0, n);
        var pij = _pij.AsSpan(0, n);
        var pji = _pji.AsSpan(0, n);
        var qusq = _qusqB.AsSpan(0, n); // value of not challenging in b (the receiver's, or each proposer's own)
        for (int j = 0; j < n; j++)
        {
            int pj = _pid[j];
            us[j] = usP[pj];
            uf[j] = ufP[pj];
            pij[j] = _prob[rowI + pj];
            pji[j] = _probT[rowI + pj];
        }
        if (own)
        {
            // b is valued by the proposer j with r_j (paper): U_s, U_f of the same distances with each r_j.
            var d = _dist.AsSpan(0, n);
            for (int j = 0; j < n; j++) d[j] = _tD[rowI + _pid[j]];
            var bs2 = _base.AsSpan(0, n);
            for (int j = 0; j < n; j++) bs2[j] = 0.5 - 0.5 * d[j];
            PowMath.UtilityInto(bs2, _r.AsSpan(0, n), _ownUs.AsSpan(0, n));
            for (int j = 0; j < n; j++) bs2[j] = 0.5 + 0.5 * d[j];
            PowMath.UtilityInto(bs2, _r.AsSpan(0, n), _ownUf.AsSpan(0, n));
            for (int j = 0; j < n; j++)
            {
                if (_r[j] == ri) { _ownUs[j] = us[j]; _ownUf[j] = uf[j]; }
                qusq[j] = q * _usq[j];
            }
        }
        else qusq.Fill(q * _usq[i]);

        var key = _key.AsSpan(0, n);
        var pos = _pos.AsSpan(0, n);
        var cls = _cls.AsSpan(0, n);
        var aa = _aa.AsSpan(0, n);
        var bb = _bb.AsSpan(0, n);
        var ownUs = own ? _ownUs.AsSpan(0, n) : us;
        var ownUf = own ? _ownUf.AsSpan(0, n) : uf;
        Span<double> mins = stackalloc double[3];
        OfferClasses(i, xi, si, q * _usq[i], v, us, uf, ownUs, ownUf, pij, pji, qusq, aa, bb, cls, key, pos, mins);

        for (int c = 0; c < 3; c++)
        {
            double min = mins[c];
            if (min == double.PositiveInfinity) continue;
            int best = -1;
            for (int j = 0; j < n; j++)
            {
                if (cls[j] != c || key[j] != min) continue;
                if (best < 0) { best = j; if (v.Ties != TieBreak.Enforceability) break; continue; }
                if (bb[j] > bb[best] || (bb[j] == bb[best] && pos[j] < pos[best])) best = j;
            }
            _newX[i] = pos[best];
            _kind[i] = c switch { 0 => MoveKind.Confrontation, 1 => MoveKind.Compromise, _ => MoveKind.Capitulation };
            _with[i] = best;
            _eu[i] = aa[best];
            _euOther[i] = bb[best];
            return;
        }
    }

    /// <summary>
    /// The receiver's perspective (b valued by i with r_i): b = E(U_ji) depends on the proposer's position only, so it
    /// is computed once per distinct position, four at a time; a, the class and the key only for the proposers at
    /// positions with b &gt; 0 (most receivers have none). The same IEEE operations as <see cref="OfferClasses"/>, so
    /// the same bits; the winner within a class is the smallest key, then the tie rule (first proposer in input order,
    /// or the larger b, then the lower position, then the first proposer).
    /// <para>
    /// With Q = 1 a block of four positions whose b is provably negative is skipped before its powers are computed
    /// (<see cref="NoOfferBound"/>); skipping changes no result, only the work.
    /// </para>
    /// </summary>
    private void ChooseForReceiver(int i)
    {
        var v = _opt.Variant;
        int m = _m, ms = _ms, pi = _pid[i], rowI = pi * ms;
        double xi = _x[i], si = _s[i], ri = _r[i], qusqI = _opt.Q * _usq[i];
        bool euKey = v.Compromise == CompromiseKey.EuWeightedPosition;
        bool cap = v.CapitulationReachable, byEnforceability = v.Ties == TieBreak.Enforceability;
        bool prune = SkipsNegativeOffers && _opt.Q == 1.0 && ri >= 0.49 && ri <= 2.01;
        var kMin = Vector256.Create(prune ? NoOfferBound(ri) : double.PositiveInfinity);
        var dMin = Vector256.Create(NoOfferMinDistance);
        var vsi = Vector256.Create(si);
        var vq = Vector256.Create(qusqI);
        var usP = _row1.AsSpan(0, ms);
        var ufP = _row2.AsSpan(0, ms);
        var one = Vector256<double>.One;
        var lane = Vector256.Create(0.0, 1.0, 2.0, 3.0);
        var own = Vector256.Create((double)pi);
        var end = Vector256.Create((double)m);
        bool power = ri != 1.0, tables = _baseLogs;
        var best = new BestOffers();
        for (int p0 = 0; p0 < ms; p0 += 4)
        {
            var d = Vector256.Create(_tD.AsSpan(rowI + p0, 4));
            var pji = Vector256.Create(_probT.AsSpan(rowI + p0, 4));
            if (prune)
            {
                // no offer from a position with s_i(1 − P_ji) ≥ the bound at a distance ≥ the minimum; nor from i's own
                // position or the padding lanes
                var idx = lane + Vector256.Create((double)p0);
                var none = (Vector256.GreaterThanOrEqual(vsi * (one - pji), kMin) & Vector256.GreaterThanOrEqual(d, dMin))
                    | Vector256.Equals(idx, own) | Vector256.GreaterThanOrEqual(idx, end);
                if (Vector256.ExtractMostSignificantBits(none) == 0b1111) continue;
            }
            UtilitiesBlock(rowI, p0, ri, power, tables, usP, ufP);
            var us = Vector256.Create(usP.Slice(p0, 4));
            var uf = Vector256.Create(ufP.Slice(p0, 4));
            var vb = vsi * (pji * us + (one - pji) * uf) + (one - vsi) * us - vq;
            uint offers = Vector256.ExtractMostSignificantBits(Vector256.GreaterThan(vb, Vector256<double>.Zero));
            while (offers != 0)
            {
                int l = System.Numerics.BitOperations.TrailingZeroCount(offers), p = p0 + l;
                offers &= offers - 1;
                if (p >= m || p == pi) continue;
                double b = vb.GetElement(l), usp = usP[p], ufp = ufP[p], pij = _prob[rowI + p], xj = _ux[p];
                for (int t = _ustart[p], stop = _ustart[p + 1]; t < stop; t++)
                {
                    int j = _order[t];
                    double sj = _s[j];
                    double a = sj * (pij * usp + (1 - pij) * ufp) + (1 - sj) * usp - qusqI;
                    double negA = 0 - a;
                    int c;
                    double key, pos = xj;
                    if (b > a && a > 0) { c = 0; key = Math.Abs(xi - xj); }
                    else if (0 > a && b > negA)
                    {
                        c = 1;
                        pos = xi + (xj - xi) * Math.Abs(a / b);
                        key = euKey ? (negA * xi + b * xj) / (negA + b) : Math.Abs(xi - pos);
                    }
                    else if (cap && 0 > a && b < negA) { c = 2; key = Math.Abs(xi - xj); }
                    else continue;
                    best.Consider(c, key, a, b, pos, j, byEnforceability);
                }
            }
        }
        AcceptBest(i, in best);
    }

    [System.Runtime.CompilerServices.InlineArray(3)]
    private struct Three<T>
    {
        private T _element;
    }

    /// <summary>The best offer of each class (0 confrontation, 1 compromise, 2 capitulation) one receiver has seen.</summary>
    private struct BestOffers
    {
        private Three<double> _key, _a, _b, _pos;
        private Three<int> _with;

        public BestOffers()
        {
            ((Span<double>)_key).Fill(double.PositiveInfinity);
            ((Span<int>)_with).Fill(-1);
        }

        public readonly int With(int c) => _with[c];
        public readonly double Position(int c) => _pos[c];
        public readonly double A(int c) => _a[c];
        public readonly double B(int c) => _b[c];

        /// <summary>
        /// Keeps j's offer if it ranks first in its class: the smallest key; on a tie the first proposer in input order,
        /// or (enforceability) the larger b, then the lower position, then the first proposer. The order in which the
        /// offers are considered does not matter.
        /// </summary>
        public void Consider(int c, double key, double a, double b, double pos, int j, bool byEnforceability)
        {
            int w = _with[c];
            bool better = key < _key[c]
                || (key == _key[c] && (byEnforceability
                    ? b > _b[c] || (b == _b[c] && (pos < _pos[c] || (pos == _pos[c] && j < w)))
                    : j < w));
            if (!better) return;
            _key[c] = key; _a[c] = a; _b[c] = b; _pos[c] = pos; _with[c] = j;
        }
    }

    /// <summary>
    /// Actor i accepts the best offer of the first non-empty class (a lost confrontation before a compromise before a
    /// capitulation): its new position, the kind of move, the proposer and the two expected utilities.
    /// </summary>
    private void AcceptBest(int i, in BestOffers best)
    {
        for (int c = 0; c < 3; c++)
        {
            if (best.With(c) < 0) continue;
            _newX[i] = best.Position(c);
            _kind[i] = c switch { 0 => MoveKind.Confrontation, 1 => MoveKind.Compromise, _ => MoveKind.Capitulation };
            _with[i] = best.With(c);
            _eu[i] = best.A(c);
            _euOther[i] = best.B(c);
            return;
        }
    }

    /// <summary>Whether blocks of positions that provably make no offer are skipped (on; tests turn it off to compare).</summary>
    internal bool SkipsNegativeOffers { get; set; } = true;

    /// <summary>Distances below which <see cref="NoOfferBound"/> is not used (its margin needs F − U ≥ 0.12·d).</summary>
    private const double NoOfferMinDistance = 1e-4;

    /// <summary>
    /// A k such that, with Q = 1 and 0.49 ≤ r ≤ 2.01, every position at distance d ≥ <see cref="NoOfferMinDistance"/>
    /// with s_i(1 − P_ji) ≥ k gives b = E(U_ji) &lt; 0 as computed, so no offer (docs/eum.md, "Skipping
    /// positions that cannot make an offer"). With U = (0.5 − 0.5d)^r, F = (0.5 + 0.5d)^r, H = 0.5^r and
    /// κ = s_i(1 − P_ji): b = 4[(H − U) − κ(F − U)] ≤ 4(F − U)(φ − κ), where φ = max(1/2, 2^−r) bounds (H − U)/(F − U)
    /// (Jensen for r ≥ 1; concavity for r &lt; 1). κ ≥ φ + 10⁻⁶ and F − U ≥ 0.12·d then put b below −4.8·10⁻¹¹,
    /// beyond the ≈ 10⁻¹² error of computing it. For r &lt; 1, 2^−r is replaced by its chord between r = 0.49 and 1,
    /// which lies above it (2^−r is convex) and needs no power: 0.7120251 ≥ 2^−0.49.
    /// </summary>
    internal static double NoOfferBound(double r) =>
        (r >= 1 ? 0.5 : 0.7120251 + (r - 0.49) / 0.51 * (0.5 - 0.7120251)) + 1e-6;

    /// <summary>
    /// U_s = 2 − 4·max(0.5 − 0.5d, 0)^r and U_f = 2 − 4(0.5 + 0.5d)^r of the four distances at <paramref name="p0"/> in
    /// row <paramref name="row"/> of the distance table, powers from the logarithm tables when they exist (r = 1: no
    /// power, b exactly); the bits of PowMath.UtilityInto. Not inlined: the powers need every
    /// vector register.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void UtilitiesBlock(int row, int p0, double r, bool power, bool tables, Span<double> us, Span<double> uf)
    {
        var zero = Vector256<double>.Zero;
        var half = Vector256.Create(0.5);
        var d = Vector256.Create(_tD.AsSpan(row + p0, 4));
        var bs = half - half * d;
        var bf = half + half * d;
        bs = Vector256.ConditionalSelect(Vector256.GreaterThan(bs, zero), bs, zero);
        bf = Vector256.ConditionalSelect(Vector256.GreaterThan(bf, zero), bf, zero);
        if (power)
        {
            var vr = Vector256.Create(r);
            bs = tables ? Numerics.ReproducibleMath.PowFromLog(bs, Vector256.Create(_tLs.AsSpan(row + p0, 4)), vr)
                : Numerics.ReproducibleMath.Pow(bs, vr);
            bf = tables ? Numerics.ReproducibleMath.PowFromLog(bf, Vector256.Create(_tLf.AsSpan(row + p0, 4)), vr)
                : Numerics.ReproducibleMath.Pow(bf, vr);
        }
        var two = Vector256.Create(2.0);
        var four = Vector256.Create(4.0);
        (two - four * bs).CopyTo(us.Slice(p0, 4));
        (two - four * bf).CopyTo(uf.Slice(p0, 4));
    }

    /// <summary>
    /// U_s and U_f of the distances in row <paramref name="row"/> of the distance table valued with risk exponent r:
    /// 2 − 4·b^r for b = max(0.5 − 0.5d, 0) and b = max(0.5 + 0.5d, 0), powers from the logarithm tables when they
    /// exist (r = 1: no power at all, b exactly).
    /// </summary>
    private void UtilitiesFrom(int row, double r, Span<double> us, Span<double> uf)
    {
        bool power = r != 1.0, tables = _baseLogs;
        for (int p = 0; p < _ms; p += 4) UtilitiesBlock(row, p, r, power, tables, us, uf);
    }

    /// <summary>
    /// For every proposer j: b = E(U_ji) as the receiver i sees it (or j itself, own perspective), a = E(U_ij), the
    /// class of j's offer (0 confrontation, 1 compromise, 2 capitulation, −1 none), its position and its key (+∞ when
    /// there is no offer); and the smallest key of each class (+∞ for an empty class).
    /// </summary>
    private void OfferClasses(int i, double xi, double si, double qusqI, EumVariant v,
        ReadOnlySpan<double> us, ReadOnlySpan<double> uf, ReadOnlySpan<double> us2, ReadOnlySpan<double> uf2,
        ReadOnlySpan<double> pij, ReadOnlySpan<double> pji, ReadOnlySpan<double> qusqB,
        Span<double> aOut, Span<double> bOut, Span<double> clsOut, Span<double> keyOut, Span<double> posOut,
        Span<double> minKey)
    {
        minKey.Fill(double.PositiveInfinity);
        int n = _n, j = 0;
        bool euKey = v.Compromise == CompromiseKey.EuWeightedPosition;
        bool cap = v.CapitulationReachable;
        var x = _x.AsSpan(0, n);
        var s = _s.AsSpan(0, n);
        if (Vector256.IsHardwareAccelerated)
        {
            var one = Vector256<double>.One;
            var zero = Vector256<double>.Zero;
            var inf = Vector256.Create(double.PositiveInfinity);
            var vxi = Vector256.Create(xi);
            var vsi = Vector256.Create(si);
            var vqa = Vector256.Create(qusqI);
            var vi = Vector256.Create((double)i);
            var lane = Vector256.Create(0.0, 1.0, 2.0, 3.0);
            var capMask = cap ? Vector256<double>.AllBitsSet : zero;
            var min0 = inf;
            var min1 = inf;
            var min2 = inf;
            for (; j <= n - 4; j += 4)
            {
                var vus = Vector256.Create(us.Slice(j, 4));
                var vuf = Vector256.Create(uf.Slice(j, 4));
                var vus2 = Vector256.Create(us2.Slice(j, 4));
                var vuf2 = Vector256.Create(uf2.Slice(j, 4));
                var vpij = Vector256.Create(pij.Slice(j, 4));
                var vpji = Vector256.Create(pji.Slice(j, 4));
                var vsj = Vector256.Create(s.Slice(j, 4));
                var vxj = Vector256.Create(x.Slice(j, 4));
                var b = vsi * (vpji * vus2 + (one - vpji) * vuf2) + (one - vsi) * vus2 - Vector256.Create(qusqB.Slice(j, 4));
                var a = vsj * (vpij * vus + (one - vpij) * vuf) + (one - vsj) * vus - vqa;
                var valid = ~Vector256.Equals(lane + Vector256.Create((double)j), vi) & ~Vector256.Equals(vxj, vxi)
                    & Vector256.GreaterThan(b, zero);
                var negA = zero - a;
                var c0 = valid & Vector256.GreaterThan(b, a) & Vector256.GreaterThan(a, zero);
                var aNeg = valid & Vector256.GreaterThan(zero, a);
                var c1 = aNeg & Vector256.GreaterThan(b, negA);
                var c2 = aNeg & Vector256.LessThan(b, negA) & capMask;
                var key0 = Vector256.Abs(vxi - vxj);
                var key = Vector256.ConditionalSelect(c0 | c2, key0, inf);
                var pos = vxj;
                if (Vector256.ExtractMostSignificantBits(c1) != 0)
                {
                    // the divisions only when some lane is a compromise
                    var pos1 = vxi + (vxj - vxi) * Vector256.Abs(a / b);
                    var key1 = euKey ? (negA * vxi + b * vxj) / (negA + b) : Vector256.Abs(vxi - pos1);
                    key = Vector256.ConditionalSelect(c1, key1, key);
                    pos = Vector256.ConditionalSelect(c1, pos1, vxj);
                    min1 = Vector256.Min(min1, Vector256.ConditionalSelect(c1, key1, inf));
                }
                min0 = Vector256.Min(min0, Vector256.ConditionalSelect(c0, key0, inf));
                min2 = Vector256.Min(min2, Vector256.ConditionalSelect(c2, key0, inf));
                var cls = Vector256.ConditionalSelect(c0, zero,
                    Vector256.ConditionalSelect(c1, one, Vector256.ConditionalSelect(c2, Vector256.Create(2.0), Vector256.Create(-1.0))));
                a.CopyTo(aOut.Slice(j, 4));
                b.CopyTo(bOut.Slice(j, 4));
                cls.CopyTo(clsOut.Slice(j, 4));
                key.CopyTo(keyOut.Slice(j, 4));
                pos.CopyTo(posOut.Slice(j, 4));
            }
            for (int l = 0; l < 4; l++)
            {
                if (min0.GetElement(l) < minKey[0]) minKey[0] = min0.GetElement(l);
                if (min1.GetElement(l) < minKey[1]) minKey[1] = min1.GetElement(l);
                if (min2.GetElement(l) < minKey[2]) minKey[2] = min2.GetElement(l);
            }
        }
        for (; j < n; j++)
        {
            double xj = x[j], sj = s[j];
            double b = si * (pji[j] * us2[j] + (1 - pji[j]) * uf2[j]) + (1 - si) * us2[j] - qusqB[j];
            double a = sj * (pij[j] * us[j] + (1 - pij[j]) * uf[j]) + (1 - sj) * us[j] - qusqI;
            aOut[j] = a;
            bOut[j] = b;
            clsOut[j] = -1;
            keyOut[j] = double.PositiveInfinity;
            posOut[j] = xj;
            if (j == i || xj == xi || !(b > 0)) continue;
            double negA = 0 - a;
            if (b > a && a > 0) { clsOut[j] = 0; keyOut[j] = Math.Abs(xi - xj); }
            else if (0 > a && b > negA)
            {
                double pos = xi + (xj - xi) * Math.Abs(a / b);
                clsOut[j] = 1;
                posOut[j] = pos;
                keyOut[j] = euKey ? (negA * xi + b * xj) / (negA + b) : Math.Abs(xi - pos);
            }
            else if (cap && 0 > a && b < negA) { clsOut[j] = 2; keyOut[j] = Math.Abs(xi - xj); }
            int c = (int)clsOut[j];
            if (c >= 0 && keyOut[j] < minKey[c]) minKey[c] = keyOut[j];
        }
    }

    /// <summary>
    /// The offers actor i receives and the one it accepts: a lost confrontation before a compromise before a
    /// capitulation; within a class the smallest move (the reference variant ranks compromises by the EU-weighted
    /// position). Ties go to the first proposer in input order (reference) or to the more enforceable offer (larger
    /// proposer EU), then the lower position (paper).
    /// </summary>
    private void ChooseForScalar(int i)
    {
        int n = _n, ms = _ms;
        var v = _opt.Variant;
        bool own = v.Perspective == PerspectiveRule.Own;
        bool byEnforceability = v.Ties == TieBreak.Enforceability;
        double q = _opt.Q;
        bool simpleSq = v.StatusQuo == StatusQuoTerm.QOnly || q == 1.0; // value of not challenging = Q·U_sq
        double xi = _x[i], ri = _r[i], si = _s[i], usqI = _usq[i];
        int pi = _pid[i];
        double range = _range; // divide (not multiply by 1/R) so that the extreme pair has d = 1 exactly

        var best = new BestOffers();

        // U_s and U_f of every dyad (i, j), valued with r_i (and with r_j for the paper's own perspective), in bulk.
        var bsAll = _bs.AsSpan(0, n);
        var bfAll = _bf.AsSpan(0, n);
        for (int j = 0; j < n; j++)
        {
            double d = Math.Abs(xi - _x[j]) / range;
            bsAll[j] = 0.5 - 0.5 * d;
            bfAll[j] = 0.5 + 0.5 * d;
        }
        PowMath.UtilityInto(bsAll, ri, _us.AsSpan(0, n));
        PowMath.UtilityInto(bfAll, ri, _uf.AsSpan(0, n));
        if (own)
        {
            PowMath.UtilityInto(bsAll, _r.AsSpan(0, n), _us2.AsSpan(0, n));
            PowMath.UtilityInto(bfAll, _r.AsSpan(0, n), _uf2.AsSpan(0, n));
        }

        for (int j = 0; j < n; j++)
        {
            double xj = _x[j];
            if (j == i || xj == xi) continue;
            int pj = _pid[j];
            double us = _us[j], uf = _uf[j];
            double pij = _prob[pi * ms + pj], pji = _probT[pi * ms + pj];
            double sj = _s[j];
            double b;
            if (own)
            {
                double rj = _r[j];
                double us2 = rj == ri ? us : _us2[j], uf2 = rj == ri ? uf : _uf2[j];
                b = si * (pji * us2 + (1 - pji) * uf2) + (1 - si) * us2 - (simpleSq ? q * _usq[j] : NotChallenging(j, i, rj, _usq[j]));
            }
            else
            {
                b = si * (pji * us + (1 - pji) * uf) + (1 - si) * us - (simpleSq ? q * usqI : NotChallenging(j, i, ri, usqI));
            }

            if (!(b > 0)) continue; // every offer the receiver accepts needs E(U_ji) > 0
            double a = sj * (pij * us + (1 - pij) * uf) + (1 - sj) * us - (simpleSq ? q * usqI : NotChallenging(i, j, ri, usqI));

            int cls;
            double pos, key;
            if (b > a && a > 0)
            {
                cls = 0; pos = xj; key = Math.Abs(xi - xj);
            }
            else if (b > 0 && 0 > a && b > -a)
            {
                cls = 1;
                pos = xi + (xj - xi) * Math.Abs(a / b);
                key = v.Compromise == CompromiseKey.EuWeightedPosition
                    ? (-a * xi + b * xj) / (-a + b)
                    : Math.Abs(xi - pos);
            }
            else if (v.CapitulationReachable && b > 0 && 0 > a && b < -a)
            {
                cls = 2; pos = xj; key = Math.Abs(xi - xj);
            }
            else continue;

            best.Consider(cls, key, a, b, pos, j, byEnforceability);
        }

        AcceptBest(i, in best);
    }
}
