namespace Parley.Core.Models.Exchange;

/// <summary>
/// One round of exchanges in double (the fast kernel; <see cref="ExchangeSimulation"/> is the decimal reference with
/// the same rules). What makes it fast:
/// <list type="bullet">
/// <item>candidates are rows of flat arrays laid out by issue pair and group block (ids = decide's creation order),
/// not objects: per candidate a flags byte and a 40-byte working state (move histories as sum + sign, gain); the
/// supply vote every live candidate of an actor on an issue continues from is kept once per actor and issue;</item>
/// <item>an execution re-sizes only the candidates it can change: those of its two actors on issue pairs that
/// contain one of its two issues, found from the block layout (a row or column per pair), skipping lines with no
/// live candidate; a candidate whose supplier has moved past its partner is dropped without re-sizing (its moves
/// would change sign); a candidate that only sees a third-party vote is left alone while its demander is provably
/// too far from the outcome for any cap (<see cref="_nearDemand"/>); everything else keeps its gain;</item>
/// <item>the order is kept by <see cref="CandidateQueue"/> (buckets sorted lazily + a heap for changed gains) instead
/// of re-sorting every candidate after every execution;</item>
/// <item>decide keeps, per candidate, the third-party votes that earlier exchanges moved toward its demanders; every
/// live candidate with the same demander of the same issue records the same votes, so they are kept once per
/// (demander, issue) with their weighted sum, and an outcome as a candidate sees it costs O(1), not a sum over
/// all actors.</item>
/// </list>
/// Buffers are reused from round to round and run to run (one instance per thread).
/// </summary>
internal sealed partial class FastExchangeRound
{

    // the board: preferences, saliences, powers, weights c·s (0 when absent), per issue Σcs, Σcsx and outcome
    private int _n, _m;
    private double[] _x = [], _s = [], _c = [], _w = [];
    private bool[] _present = [];
    private double[] _W = [], _WX = [], _O = [];
    private ContextDecimal[] _exactSalience = [];
    private bool[] _exactKnown = [];
    private bool[] _left = [];

    /// <summary>
    /// Per actor and issue: the vote every live candidate in which the actor supplies the issue continues from (the
    /// round's preference, then the vote of the last executed exchange in which it supplied the issue).
    /// </summary>
    private double[] _vote = [];

    // issue pairs in decide's order; per pair the four groups, each actor's group and index, two blocks of candidates
    private int _pairCount;
    private int[] _pairP = [], _pairQ = [];
    private int[] _groupStart = [], _groupActor = [];
    private sbyte[] _slotGroup = [];
    private int[] _slotIndex = [];
    private int[] _blockBase = [];
    private int[] _aliveInLine = [];

    // candidates
    private int _count;
    /// <summary>
    /// Per candidate, bit sets: alive (may still be executed) and "the row actor is side i", by id, and the same again
    /// with each block transposed (bit base + column·rows + row) so that a column line reads them in sequence too.
    /// A bit per candidate keeps them in cache where the candidates' states are not.
    /// </summary>
    private ulong[] _alive = [], _rowIsI = [], _aliveT = [], _rowIsIT = [];

    /// <summary>
    /// A bit per candidate, set while it is alive with the gain it was formed with: the queue's test for the entries
    /// it sorted at the round's start, one bit instead of the alive bit and the stamp (millions of random reads a round).
    /// </summary>
    private ulong[] _fresh = [];

    private State[] _state = [];
    private int[] _live = [];
    private double[] _liveGain = [];
    private readonly CandidateQueue _queue;

    public FastExchangeRound() => _queue = new CandidateQueue(id => _state[id].Stamp);

    // third-party votes recorded per (demander D, issue k, mover A) (decide's per-exchange updates, shared by every
    // candidate in which D demands k), their Σ c·s·(v − x) per (D, k), and per (A, k) whether A has any
    private readonly Dictionary<long, double> _recorded = [];
    private double[] _recordSum = [];
    private ulong[] _recordBits = [];
    private int _recordWords;

    /// <summary>
    /// Per (demander D, issue k): whether the outcome of k as D's candidates see it (with their recorded votes) has
    /// come within <see cref="_capReach"/> of D's position this round. Until it has, no candidate in which D demands k
    /// can be capped, so a new recorded vote leaves every such candidate's sizes, gain and validity as they were.
    /// </summary>
    private bool[] _nearDemand = [];

    /// <summary>Per issue: the farthest one supplier's terms can move an outcome its candidates see (300·max c·s / Σcs), plus a margin.</summary>
    private double[] _capReach = [];

    // the round's output and diagnostics
    private readonly List<TradeRecord> _trades = [];
    private double[] _externality = [];
    private ExchangeAmbiguityLog? _log;
    private IExchangeGuide? _guide;
    private ExchangeRoundProbe? _probe;
    private int _round;
    private CancellationToken _cancel;

    /// <summary>A candidate's working state (i supplies q, j supplies p).</summary>
    private struct State
    {
        /// <summary>The sums of the earlier moves kept in each side's history, and each side's last move.</summary>
        public double PreSumI, PreSumJ, LastI, LastJ;

        public double Gain;

        /// <summary>The sign states of the earlier moves kept in each side's history.</summary>
        public byte SignI, SignJ;

        /// <summary>Bumped on every change of gain (0 = as formed): the queue's entries made before are stale. Kept
        /// here, in the state's padding, so that re-sizing a candidate touches one cache line.</summary>
        public int Stamp;
    }

    public IReadOnlyList<TradeRecord> Trades => _trades;

    /// <summary>
    /// Runs a round on preferences <paramref name="x"/> (index a·m + k; entries of absent pairs are ignored): forms every
    /// candidate, executes them best first and adds the executed exchanges' externalities to <paramref name="externality"/>.
    /// Returns the number of ties drawn at random (<paramref name="rng"/> null = deterministic order).
    /// </summary>
    public int Run(int round, int n, int m, double[] x, double[] s, double[] c, bool[] present, double[] externality,
        Random? rng, ExchangeAmbiguityLog? log, IExchangeGuide? guide, ExchangeRoundProbe? probe = null,
        CancellationToken cancellation = default)
    {
        _round = round;
        _cancel = cancellation;
        _log = log;
        _probe = probe;
        _guide = guide;
        _externality = externality;
        _trades.Clear();
        SetBoard(n, m, x, s, c, present);
        FormCandidates();
        _cancel.ThrowIfCancellationRequested();
        return Execute(rng);
    }

    /// <summary>The outcome of each issue on the round's preferences.</summary>
    public void CopyOutcomes(double[] into) => Array.Copy(_O, into, _m);

    private void SetBoard(int n, int m, double[] x, double[] s, double[] c, bool[] present)
    {
        _n = n;
        _m = m;
        _x = x;
        _s = s;
        _c = c;
        _present = present;
        Grow(ref _w, n * m);
        Grow(ref _vote, n * m);
        Grow(ref _capReach, m);
        Array.Copy(x, _vote, n * m);
        Grow(ref _W, m);
        Grow(ref _WX, m);
        Grow(ref _O, m);
        Grow(ref _left, n * m);
        Grow(ref _exactSalience, n * m);
        Grow(ref _exactKnown, n * m);
        Array.Clear(_exactKnown, 0, n * m);
        for (int k = 0; k < m; k++)
        {
            double w = 0, wx = 0;
            for (int a = 0; a < n; a++)
            {
                int i = a * m + k;
                if (!present[i])
                {
                    _w[i] = 0;
                    continue;
                }
                _w[i] = s[i] * c[i];
                w += _w[i];
                wx += x[i] * s[i] * c[i];
            }
            _W[k] = w;
            _WX[k] = wx;
            _O[k] = w == 0 ? 0 : wx / w;
            double wMax = 0;
            for (int a = 0; a < n; a++) wMax = Math.Max(wMax, _w[a * m + k]);
            // A supplier's own terms differ from the shared ones by at most c·s·(|vote − x| + |recorded − x| + |move|)
            // ≤ 300·c·s on the 0–100 scale; the margin covers Eps, the probes and rounding.
            _capReach[k] = w == 0 ? double.PositiveInfinity : 300 * wMax / w * (1 + 1e-9) + 1e-6;
        }
        for (int a = 0; a < n; a++)
        for (int k = 0; k < m; k++)
        {
            int i = a * m + k;
            if (!present[i]) continue;
            double d = x[i] - _O[k];
            if (_log is not null && Math.Abs(d) <= ProbeWindow) Flag(AmbiguityKind.Side);
            _left[i] = d <= Eps;
        }
    }

    /// <summary>Every exchange possible at the round's start, sized, in decide's creation order.</summary>
    private void FormCandidates()
    {
        int n = _n, m = _m;
        _pairCount = m * (m - 1) / 2;
        Grow(ref _pairP, _pairCount);
        Grow(ref _pairQ, _pairCount);
        Grow(ref _groupStart, _pairCount * 4 + 1);
        Grow(ref _slotGroup, _pairCount * n);
        Grow(ref _slotIndex, _pairCount * n);
        Grow(ref _blockBase, _pairCount * 2 + 1);
        Grow(ref _aliveInLine, _pairCount * n);
        int members = 0;
        long count = 0;
        int pair = 0;
        Span<int> size = stackalloc int[4];
        for (int p = 0; p < m; p++)
        for (int q = p + 1; q < m; q++, pair++)
        {
            _pairP[pair] = p;
            _pairQ[pair] = q;
            size.Clear();
            for (int a = 0; a < n; a++)
            {
                _slotGroup[pair * n + a] = -1;
                if (!_present[a * m + p] || !_present[a * m + q]) continue;
                int g = (_left[a * m + p] ? 1 : 0) | (_left[a * m + q] ? 2 : 0);
                _slotGroup[pair * n + a] = (sbyte)g;
                _slotIndex[pair * n + a] = size[g]++;
            }
            for (int g = 0; g < 4; g++)
            {
                _groupStart[pair * 4 + g] = members;
                members += size[g];
            }
            _blockBase[pair * 2] = (int)count;
            count += (long)size[0] * size[3];
            _blockBase[pair * 2 + 1] = (int)count;
            count += (long)size[1] * size[2];
            if (count > Array.MaxLength) throw new InvalidOperationException($"too many candidate exchanges ({count:N0}) for one round");
        }
        _groupStart[_pairCount * 4] = members;
        _blockBase[_pairCount * 2] = (int)count;
        Grow(ref _groupActor, members);
        for (pair = 0; pair < _pairCount; pair++)
        for (int a = 0; a < n; a++)
        {
            int g = _slotGroup[pair * n + a];
            if (g >= 0) _groupActor[_groupStart[pair * 4 + g] + _slotIndex[pair * n + a]] = a;
        }

        _count = (int)count;
        int words = (_count + 63) / 64;
        Grow(ref _alive, words);
        Grow(ref _rowIsI, words);
        Grow(ref _aliveT, words);
        Grow(ref _rowIsIT, words);
        Grow(ref _fresh, words);
        Array.Clear(_alive, 0, words);
        Array.Clear(_rowIsI, 0, words);
        Array.Clear(_aliveT, 0, words);
        Array.Clear(_rowIsIT, 0, words);
        Array.Clear(_fresh, 0, words);
        Grow(ref _state, _count);
        Grow(ref _live, _count);
        Grow(ref _liveGain, _count);
        Grow(ref _recordSum, n * m);
        _recordWords = (n + 63) / 64;
        Grow(ref _recordBits, n * m * _recordWords);
        Grow(ref _nearDemand, n * m);
        Array.Clear(_aliveInLine, 0, _pairCount * n);
        Array.Clear(_recordSum, 0, n * m);
        Array.Clear(_recordBits, 0, n * m * _recordWords);
        _recorded.Clear();
        for (int i = 0; i < n * m; i++) _nearDemand[i] = _present[i] && IsNear(i / m, i % m);
        // Sizing every candidate is most of a round's work and each one depends only on the board, so large rounds size
        // the blocks in parallel (same results for any thread count); the bits and the live list follow in id order.
        Grow(ref _formed, _count);
        if (_log is null && _guide is null && _probe is null && _count >= ParallelFormation)
            Parallel.For(0, _pairCount * 2, new ParallelOptions { CancellationToken = _cancel }, b => SizeBlock(b >> 1, b & 1, cached: false));
        else
            for (int b = 0; b < _pairCount * 2; b++) SizeBlock(b >> 1, b & 1, cached: true);
        int live = 0;
        for (pair = 0; pair < _pairCount; pair++)
        for (int block = 0; block < 2; block++)
        {
            BlockGroups(pair, block, out var rows, out var cols);
            int id = _blockBase[pair * 2 + block];
            for (int r = 0; r < rows.Length; r++)
            for (int col = 0; col < cols.Length; col++, id++)
            {
                byte formed = _formed[id];
                int at = _blockBase[pair * 2 + block] + col * rows.Length + r;
                if ((formed & FormedRowIsI) != 0)
                {
                    SetBit(_rowIsI, id);
                    SetBit(_rowIsIT, at);
                }
                if ((formed & FormedValid) == 0) continue;
                SetBit(_alive, id);
                SetBit(_fresh, id);
                SetBit(_aliveT, at);
                _liveGain[live] = _state[id].Gain;
                _live[live++] = id;
                _aliveInLine[pair * n + rows[r]]++;
                _aliveInLine[pair * n + cols[col]]++;
            }
        }
        _queue.Reset(_live.AsSpan(0, live), _liveGain.AsSpan(0, live), _alive, _fresh);
    }

    /// <summary>Rounds with at least this many candidates are sized on every core (tests lower it to compare both paths).</summary>
    internal static int ParallelFormation { get; set; } = 1 << 18;

    private const byte FormedRowIsI = 1, FormedValid = 2;

    /// <summary>Per candidate, as sized at the round's start: whether the row actor is side i, and whether it is valid.</summary>
    private byte[] _formed = [];

    /// <summary>
    /// Sizes one block's candidates into <see cref="_state"/> and <see cref="_formed"/> (nothing shared is written, so
    /// blocks may run in parallel; <paramref name="cached"/> = use the round's cache of exact saliences, single thread only).
    /// </summary>
    private void SizeBlock(int pair, int block, bool cached)
    {
        BlockGroups(pair, block, out var rows, out var cols);
        int id = _blockBase[pair * 2 + block];
        for (int r = 0; r < rows.Length; r++)
        for (int col = 0; col < cols.Length; col++, id++)
        {
            int a = rows[r], b = cols[col];
            bool rowIsI = !DemandsP(b, a, pair, cached);
            Sides(pair, rowIsI ? a : b, rowIsI ? b : a, out var i, out var j);
            bool valid = Evaluate(ref i, ref j, out double gain);
            _state[id] = new State { LastI = i.Move, LastJ = j.Move, Gain = gain };
            _formed[id] = (byte)((rowIsI ? FormedRowIsI : 0) | (valid ? FormedValid : 0));
        }
    }

    /// <summary>
    /// Whether <paramref name="b"/> cares relatively more about p than <paramref name="a"/> does (s_bp/s_bq &gt; s_ap/s_aq,
    /// cross-multiplied). Saliences are inputs, so when the products are close (equal saliences in survey data are
    /// common) they are compared as the decimal reference compares them: the written decimals, multiplied in its
    /// context. The direction is then never a rounding question.
    /// </summary>
    private bool DemandsP(int b, int a, int pair, bool cached)
    {
        int m = _m, p = _pairP[pair], q = _pairQ[pair];
        double aLeft = _s[a * m + p] * _s[b * m + q];
        double bLeft = _s[b * m + p] * _s[a * m + q];
        if (Math.Abs(aLeft - bLeft) > 1e-9 * Math.Max(aLeft, bLeft)) return aLeft < bLeft;
        if (!cached)
            return Exact(a * m + p) * Exact(b * m + q) < Exact(b * m + p) * Exact(a * m + q);
        return ExactSalience(a * m + p) * ExactSalience(b * m + q) < ExactSalience(b * m + p) * ExactSalience(a * m + q);
    }

    private ContextDecimal Exact(int i) => DecimalExchangeKernel.Exact(_s[i]);

    /// <summary>A salience as the decimal reference reads it (cached for the round).</summary>
    private ContextDecimal ExactSalience(int i)
    {
        if (!_exactKnown[i])
        {
            _exactSalience[i] = DecimalExchangeKernel.Exact(_s[i]);
            _exactKnown[i] = true;
        }
        return _exactSalience[i];
    }

    /// <summary>A block's row and column groups: right of both × left of both (block 0), left of p only × left of q only (block 1).</summary>
    private void BlockGroups(int pair, int block, out ReadOnlySpan<int> rows, out ReadOnlySpan<int> cols)
    {
        rows = Group(pair, block == 0 ? 0 : 1);
        cols = Group(pair, block == 0 ? 3 : 2);
    }

    private ReadOnlySpan<int> Group(int pair, int g) =>
        _groupActor.AsSpan(_groupStart[pair * 4 + g], _groupStart[pair * 4 + g + 1] - _groupStart[pair * 4 + g]);

    /// <summary>The two sides of a candidate on a pair (p, q) as formed: i supplies q and demands p, j the reverse.</summary>
    private void Sides(int pair, int actorI, int actorJ, out Side i, out Side j)
    {
        int m = _m, p = _pairP[pair], q = _pairQ[pair];
        i = new Side
        {
            Actor = actorI, Supply = q, Demand = p, Sup = _x[actorI * m + q], Dem = _x[actorI * m + p],
            SupSal = _s[actorI * m + q], DemSal = _s[actorI * m + p], SupPow = _c[actorI * m + q],
            Weight = _w[actorI * m + q], Start = _x[actorI * m + q],
        };
        j = new Side
        {
            Actor = actorJ, Supply = p, Demand = q, Sup = _x[actorJ * m + p], Dem = _x[actorJ * m + q],
            SupSal = _s[actorJ * m + p], DemSal = _s[actorJ * m + q], SupPow = _c[actorJ * m + p],
            Weight = _w[actorJ * m + p], Start = _x[actorJ * m + p],
        };
    }

    /// <summary>The pair, block and actors of a candidate, from its id.</summary>
    private (int Pair, int Block, int ActorI, int ActorJ) Decode(int id)
    {
        int lo = 0, hi = _pairCount * 2 - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (_blockBase[mid] <= id) lo = mid; else hi = mid - 1;
        }
        int pair = lo >> 1, block = lo & 1;
        BlockGroups(pair, block, out var rows, out var cols);
        int offset = id - _blockBase[lo];
        int a = rows[offset / cols.Length], b = cols[offset % cols.Length];
        return HasBit(_rowIsI, id) ? (pair, block, a, b) : (pair, block, b, a);
    }

    /// <summary>A candidate's sides in its current state.</summary>
    private void Load(int id, int pair, int actorI, int actorJ, out Side i, out Side j)
    {
        Sides(pair, actorI, actorJ, out i, out j);
        ref var st = ref _state[id];
        i.Sup = _vote[actorI * _m + i.Supply];
        j.Sup = _vote[actorJ * _m + j.Supply];
        i.PreSum = st.PreSumI;
        j.PreSum = st.PreSumJ;
        i.PreSign = st.SignI;
        j.PreSign = st.SignJ;
        i.Corr = Correction(in i, j.Actor);
        j.Corr = Correction(in j, i.Actor);
    }

    private static void SetBit(ulong[] bits, int i) => bits[i >> 6] |= 1UL << i;

    private static void ClearBit(ulong[] bits, int i) => bits[i >> 6] &= ~(1UL << i);

    internal static bool HasBit(ulong[] bits, int i) => (bits[i >> 6] & (1UL << i)) != 0;

    private void Flag(AmbiguityKind kind) => _log!.Add(_round, _trades.Count, kind);

    /// <summary>Makes room for <paramref name="size"/> elements, dropping the contents (buffers refilled every round).</summary>
    private static void Grow<T>(ref T[] array, int size)
    {
        if (array.Length < size) array = new T[Math.Max(size, array.Length + array.Length / 2)];
    }
}
