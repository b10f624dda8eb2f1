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
/// Cost per round: sorting O(n log n); a vote table g[p, t] = c_t s_t (|x_t − x_p| / R)^r_t for every distinct
/// position p and voter t with prefix sums over voters in position order, O(n·m); the probability of every pair of
/// distinct positions from two prefix-sum differences after a binary search for the voters nearer to each side,
/// O(m² log m) (instead of O(n) per dyad); the reference variant's all-pairs denominator Σ_k Σ_a Σ_b |v_k(a, b)| by
/// visiting, for each voter, the positions in order of distance and weighting each value by (#before − #after),
/// O(n·m) (instead of O(n³)); security levels and offers O(n²). Powers: the logarithms of the three bases
/// (d, 0.5 ∓ 0.5d) once per pair of distinct positions, then one exponential per use, four lanes at a time with
/// <see cref="Numerics.ReproducibleMath"/> (same bits on every machine); the offers are classified four proposers at a
/// time without branches.
/// </para>
/// </summary>
public sealed class EumKernel
{
    private int _n, _m, _cap, _mCap;
    private double[] _x = [], _s = [], _w = [], _r = [], _usq = [], _sec = [];
    private int[] _order = [], _pid = [];
    private double[] _sortKeys = [];
    private double[] _ux = [];
    private int[] _ucount = [], _ustart = [];
    private double[] _gRaw = [], _gPre = [], _prob = [], _probT = [];
    private double[] _tD = [], _tLd = [], _tLs = [], _tLf = [];
    private int[] _pidSorted = [];
    private bool _tables;
    private double[] _newX = [];
    private double[] _pij = [], _pji = [], _qusqB = [], _dist = [], _base = [], _ownUs = [], _ownUf = [], _key = [], _pos = [], _cls = [], _aa = [], _bb = [];
    private MoveKind[] _kind = [];
    private int[] _with = [];
    private double[] _eu = [], _euOther = [];
    private double[] _vx = [], _vw = [], _vr = [], _tmp = [], _bs = [], _bf = [], _us = [], _uf = [], _us2 = [], _uf2 = [];
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
        _usq = new double[_cap]; _sec = new double[_cap]; _order = new int[_cap]; _sortKeys = new double[_cap]; _pid = new int[_cap];
        _ux = new double[_cap]; _ucount = new int[_cap]; _ustart = new int[_cap + 1];
        _newX = new double[_cap]; _kind = new MoveKind[_cap]; _with = new int[_cap];
        _eu = new double[_cap]; _euOther = new double[_cap];
        _vx = new double[_cap]; _vw = new double[_cap]; _vr = new double[_cap]; _tmp = new double[_cap];
        _bs = new double[_cap]; _bf = new double[_cap]; _us = new double[_cap]; _uf = new double[_cap];
        _us2 = new double[_cap]; _uf2 = new double[_cap];
        _pij = new double[_cap]; _pji = new double[_cap]; _qusqB = new double[_cap]; _dist = new double[_cap]; _base = new double[_cap];
        _ownUs = new double[_cap]; _ownUf = new double[_cap]; _key = new double[_cap]; _pos = new double[_cap]; _cls = new double[_cap];
        _aa = new double[_cap]; _bb = new double[_cap]; _pidSorted = new int[_cap];
    }

    private void EnsureTables(int m)
    {
        if (m <= _mCap && _gRaw.Length >= m * _n && _gPre.Length >= m * (_n + 1)) return;
        _mCap = Math.Max(m, _mCap);
        int cols = Math.Max(_n, _cap);
        _gRaw = new double[_mCap * cols];
        _gPre = new double[_mCap * (cols + 1)];
        _prob = new double[_mCap * _mCap];
        _probT = new double[_mCap * _mCap];
        _tD = new double[_mCap * _mCap];
        _tLd = new double[_mCap * _mCap];
        _tLs = new double[_mCap * _mCap];
        _tLf = new double[_mCap * _mCap];
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
        _tables = false;
        // First pass: r = 1 for everybody.
        BuildVotes(useRisk: false);
        ComputeProbabilities();
        FillUsq();
        ComputeSecurity();
        if (_opt.Risk) ComputeRiskExponents();
        FillUsq();
        if (_opt.Risk && AnyRiskNotOne()) BuildLogTables();
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
    public double Probability(int i, int j) => _degenerate ? 0.0 : _prob[_pid[i] * _m + _pid[j]];

    /// <summary>E(U) of <paramref name="challenger"/> challenging <paramref name="target"/>, valued with risk exponent <paramref name="r"/>.</summary>
    public double ExpectedUtility(int challenger, int target, double r)
    {
        if (_degenerate) return 0.0;
        double d = Math.Abs(_x[challenger] - _x[target]) / _range;
        double us = Utility(0.5 - 0.5 * d, r), uf = Utility(0.5 + 0.5 * d, r);
        double p = _prob[_pid[challenger] * _m + _pid[target]];
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
        for (int i = 0; i < n; i++) order[i] = i;
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
    /// For every pair of distinct positions p, q: d = |x_p − x_q|/R and the logarithms of d, max(0.5 − 0.5d, 0) and
    /// 0.5 + 0.5d, the bases the round raises to the actors' risk exponents (once per pair instead of once per use;
    /// <see cref="PowMath.UtilityFromLogs"/> gives the same bits as computing each power directly).
    /// </summary>
    private void BuildLogTables()
    {
        int m = _m;
        double range = _range;
        // scratch rows (the offers reuse these buffers later in the round)
        var d = _tmp.AsSpan(0, m);
        var bs = _bs.AsSpan(0, m);
        var bf = _bf.AsSpan(0, m);
        var ld = _us.AsSpan(0, m);
        var ls = _uf.AsSpan(0, m);
        var lf = _us2.AsSpan(0, m);
        for (int p = 0; p < m; p++)
        {
            double up = _ux[p];
            int len = m - p; // q = p .. m−1, mirrored below the diagonal
            for (int k = 0; k < len; k++)
            {
                double dk = Math.Abs(_ux[p + k] - up) / range;
                d[k] = dk;
                double b = 0.5 - 0.5 * dk;
                bs[k] = b > 0 ? b : 0.0;
                bf[k] = 0.5 + 0.5 * dk;
            }
            Numerics.ReproducibleMath.LogInto(d[..len], ld[..len]);
            Numerics.ReproducibleMath.LogInto(bs[..len], ls[..len]);
            Numerics.ReproducibleMath.LogInto(bf[..len], lf[..len]);
            for (int k = 0; k < len; k++)
            {
                int a = p * m + p + k, b = (p + k) * m + p;
                _tD[a] = _tD[b] = d[k];
                _tLd[a] = _tLd[b] = ld[k];
                _tLs[a] = _tLs[b] = ls[k];
                _tLf[a] = _tLf[b] = lf[k];
            }
        }
        for (int t = 0; t < _n; t++) _pidSorted[t] = _pid[_order[t]];
        _tables = true;
    }

    private void BuildVotes(bool useRisk)
    {
        int n = _n, m = _m, stride = n + 1;
        double range = _range; // divide (not multiply by 1/R) so that the extreme pair has d = 1 exactly
        for (int t = 0; t < n; t++)
        {
            int k = _order[t];
            _vx[t] = _x[k];
            _vw[t] = _w[k];
            _vr[t] = _r[k];
        }
        var d = _tmp.AsSpan(0, n);
        for (int p = 0; p < m; p++)
        {
            double up = _ux[p];
            var raw = _gRaw.AsSpan(p * n, n);
            if (!useRisk)
            {
                for (int t = 0; t < n; t++) d[t] = Math.Abs(_vx[t] - up) / range;
                for (int t = 0; t < n; t++) raw[t] = _vw[t] * d[t];
            }
            else if (_tables)
            {
                // the voters in position order: d and log d from the pair tables
                var logD = _dist.AsSpan(0, n);
                int row = p * m;
                for (int t = 0; t < n; t++)
                {
                    int q = row + _pidSorted[t];
                    d[t] = _tD[q];
                    logD[t] = _tLd[q];
                }
                PowMath.WeightedPowFromLogs(d, logD, _vr.AsSpan(0, n), _vw.AsSpan(0, n), raw);
            }
            else
            {
                for (int t = 0; t < n; t++) d[t] = Math.Abs(_vx[t] - up) / range;
                PowMath.WeightedPowInto(d, _vr.AsSpan(0, n), _vw.AsSpan(0, n), raw);
            }
            int rowPre = p * stride;
            double acc = 0;
            _gPre[rowPre] = 0;
            for (int t = 0; t < n; t++)
            {
                acc += raw[t];
                _gPre[rowPre + t + 1] = acc;
            }
        }
        if (_opt.Variant.Probability == ProbabilityRule.AllPairs) _denominator = AllPairsDenominator();
    }

    /// <summary>
    /// Σ_k Σ_a Σ_b |g_k(x_b) − g_k(x_a)| over all actors a, b: for voter k, g_k grows with the distance from x_k, so
    /// visiting the distinct positions outward from x_k gives the values in ascending order, and each value counts
    /// (#actors before it − #actors after it) times; ordered pairs count twice.
    /// </summary>
    private double AllPairsDenominator()
    {
        int n = _n, m = _m;
        double sum = 0;
        for (int t = 0; t < n; t++)
        {
            int k = _order[t];
            int p0 = _pid[k];
            double xk = _x[k];
            int before = 0;
            double total = 0;
            int lo = p0 - 1, hi = p0 + 1, e = p0;
            while (true)
            {
                int c = _ucount[e];
                total += c * _gRaw[e * n + t] * (before - (n - before - c));
                before += c;
                if (lo < 0 && hi >= m) break;
                if (hi >= m || (lo >= 0 && xk - _ux[lo] <= _ux[hi] - xk)) e = lo--;
                else e = hi++;
            }
            sum += 2 * total;
        }
        return sum;
    }

    /// <summary>
    /// For each pair of distinct positions p &lt; q: the voters strictly nearer x_p form a prefix of the sorted
    /// voters and those strictly nearer x_q a suffix, so each side's vote total is a difference of prefix sums.
    /// The prefix end only moves right as q does (two pointers), so all pairs cost O(m²).
    /// </summary>
    private void ComputeProbabilities()
    {
        int n = _n, m = _m, stride = n + 1;
        bool allPairs = _opt.Variant.Probability == ProbabilityRule.AllPairs;
        double den = _denominator;
        for (int p = 0; p < m; p++)
        {
            _prob[p * m + p] = _probT[p * m + p] = allPairs ? 0.0 : 0.5;
            double xp = _ux[p];
            int e = p; // last distinct index in [p, q) strictly nearer x_p; moves right as x_q does
            for (int q = p + 1; q < m; q++)
            {
                double xq = _ux[q];
                while (e + 1 < q && Math.Abs(_ux[e + 1] - xp) < Math.Abs(_ux[e + 1] - xq)) e++;
                int f = e + 1;
                if (f < q && !(Math.Abs(_ux[f] - xq) < Math.Abs(_ux[f] - xp))) f++;
                int t1 = _ustart[e + 1], t2 = _ustart[f];
                int rp = p * stride, rq = q * stride;
                double npq = _gPre[rq + t1] - _gPre[rp + t1];
                double nqp = (_gPre[rp + n] - _gPre[rp + t2]) - (_gPre[rq + n] - _gPre[rq + t2]);
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
                    double s = npq + nqp;
                    ppq = s > 0 ? npq / s : 0.5;
                    pqp = s > 0 ? nqp / s : 0.5;
                }
                _prob[p * m + q] = ppq;
                _prob[q * m + p] = pqp;
                _probT[q * m + p] = ppq; // _probT[a·m + b] = P(b beats a): row access for "P(j beats i)" over j
                _probT[p * m + q] = pqp;
            }
        }
    }

    // ---------------------------------------------------------------- utilities, security, risk

    private void FillUsq()
    {
        for (int i = 0; i < _n; i++) _usq[i] = 2 - 4 * Pow(0.5, _r[i]);
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
            // r = 1: U_s = 2 − 4(0.5 − 0.5d), U_f = 2 − 4(0.5 + 0.5d), U_sq = 0; no powers.
            double range = _range;
            for (int j = 0; j < n; j++)
            {
                double xj = _x[j], sj = _s[j];
                int pj = _pid[j];
                double sum = 0;
                for (int t = 0; t < n; t++)
                {
                    int i = _order[t];
                    if (i == j) continue;
                    double d = Math.Abs(_x[i] - xj) / range;
                    double us = 2 - 4 * Math.Max(0.5 - 0.5 * d, 0.0), uf = 2 - 4 * (0.5 + 0.5 * d);
                    double p = _probT[pj * m + _pid[i]];
                    sum += sj * (p * us + (1 - p) * uf) + (1 - sj) * us - _opt.Q * 0.0;
                }
                _sec[j] = sum;
            }
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
        int n = _n, m = _m;
        bool own = v.Perspective == PerspectiveRule.Own;
        double xi = _x[i], ri = _r[i], si = _s[i];
        int pi = _pid[i];
        double range = _range;

        // U_s, U_f valued with r_i, per distinct position, then per proposer.
        var bsP = _bs.AsSpan(0, m);
        var bfP = _bf.AsSpan(0, m);
        for (int p = 0; p < m; p++)
        {
            double d = Math.Abs(xi - _ux[p]) / range;
            bsP[p] = 0.5 - 0.5 * d;
            bfP[p] = 0.5 + 0.5 * d;
        }
        var usP = _us2.AsSpan(0, m);
        var ufP = _uf2.AsSpan(0, m);
        if (_tables)
        {
            PowMath.UtilityFromLogs(bsP, _tLs.AsSpan(pi * m, m), ri, usP);
            PowMath.UtilityFromLogs(bfP, _tLf.AsSpan(pi * m, m), ri, ufP);
        }
        else
        {
            PowMath.UtilityInto(bsP, ri, usP);
            PowMath.UtilityInto(bfP, ri, ufP);
        }
        var us = _us.AsSpan(0, n);
        var uf = _uf.AsSpan(0, n);
        var pij = _pij.AsSpan(0, n);
        var pji = _pji.AsSpan(0, n);
        var qusq = _qusqB.AsSpan(0, n); // value of not challenging in b (the receiver's, or each proposer's own)
        int rowI = pi * m;
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
            for (int j = 0; j < n; j++) d[j] = Math.Abs(xi - _x[j]) / range;
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
        OfferClasses(i, xi, si, q * _usq[i], v, us, uf, ownUs, ownUf, pij, pji, qusq, aa, bb, cls, key, pos);


        for (int c = 0; c < 3; c++)
        {
            double min = double.PositiveInfinity;
            for (int j = 0; j < n; j++)
                if (cls[j] == c && key[j] < min) min = key[j];
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
    /// For every proposer j: b = E(U_ji) as the receiver i sees it (or j itself, own perspective), a = E(U_ij), the
    /// class of j's offer (0 confrontation, 1 compromise, 2 capitulation, −1 none), its position and its key (+∞ when
    /// there is no offer).
    /// </summary>
    private void OfferClasses(int i, double xi, double si, double qusqI, EumVariant v,
        ReadOnlySpan<double> us, ReadOnlySpan<double> uf, ReadOnlySpan<double> us2, ReadOnlySpan<double> uf2,
        ReadOnlySpan<double> pij, ReadOnlySpan<double> pji, ReadOnlySpan<double> qusqB,
        Span<double> aOut, Span<double> bOut, Span<double> clsOut, Span<double> keyOut, Span<double> posOut)
    {
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
                var pos1 = vxi + (vxj - vxi) * Vector256.Abs(a / b);
                var key1 = euKey ? (negA * vxi + b * vxj) / (negA + b) : Vector256.Abs(vxi - pos1);
                var cls = Vector256.ConditionalSelect(c0, zero,
                    Vector256.ConditionalSelect(c1, one, Vector256.ConditionalSelect(c2, Vector256.Create(2.0), Vector256.Create(-1.0))));
                var key = Vector256.ConditionalSelect(c1, key1, Vector256.ConditionalSelect(c0 | c2, key0, inf));
                var pos = Vector256.ConditionalSelect(c1, pos1, vxj);
                a.CopyTo(aOut.Slice(j, 4));
                b.CopyTo(bOut.Slice(j, 4));
                cls.CopyTo(clsOut.Slice(j, 4));
                key.CopyTo(keyOut.Slice(j, 4));
                pos.CopyTo(posOut.Slice(j, 4));
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
        int n = _n, m = _m;
        var v = _opt.Variant;
        bool own = v.Perspective == PerspectiveRule.Own;
        bool byEnforceability = v.Ties == TieBreak.Enforceability;
        double q = _opt.Q;
        bool simpleSq = v.StatusQuo == StatusQuoTerm.QOnly || q == 1.0; // value of not challenging = Q·U_sq
        double xi = _x[i], ri = _r[i], si = _s[i], usqI = _usq[i];
        int pi = _pid[i];
        double range = _range; // divide (not multiply by 1/R) so that the extreme pair has d = 1 exactly

        // best offer per class: 0 confrontation, 1 compromise, 2 capitulation
        Span<double> bestKey = stackalloc double[3];
        Span<double> bestB = stackalloc double[3];
        Span<double> bestA = stackalloc double[3];
        Span<double> bestPos = stackalloc double[3];
        Span<int> bestWith = stackalloc int[3];
        bestKey.Fill(double.PositiveInfinity);
        bestWith.Fill(-1);

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
            double pij = _prob[pi * m + pj], pji = _probT[pi * m + pj];
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

            if (key < bestKey[cls]
                || (key == bestKey[cls] && byEnforceability && (b > bestB[cls] || (b == bestB[cls] && pos < bestPos[cls]))))
            {
                bestKey[cls] = key; bestB[cls] = b; bestA[cls] = a; bestPos[cls] = pos; bestWith[cls] = j;
            }
        }

        for (int cls = 0; cls < 3; cls++)
        {
            if (bestWith[cls] < 0) continue;
            _newX[i] = bestPos[cls];
            _kind[i] = cls switch { 0 => MoveKind.Confrontation, 1 => MoveKind.Compromise, _ => MoveKind.Capitulation };
            _with[i] = bestWith[cls];
            _eu[i] = bestA[cls];
            _euOther[i] = bestB[cls];
            return;
        }
    }
}
