namespace Parley.Core.Models.ExpectedUtility;

/// <summary>What an actor did in a round.</summary>
internal enum MoveKind : byte
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
/// rounds and runs (nothing is allocated once the buffers have grown to the largest problem seen). The readable
/// specification it must agree with is <see cref="Reference.NaiveEum"/>; this class computes the same numbers fast.
/// <para>
/// The work is split by concern: sorting and distinct positions (<c>EumKernel.Positions.cs</c>); the pairs of
/// distinct positions, i.e. distances, votes and the probability that one prevails over the other, either as m×m
/// tables (<c>EumKernel.PairTables.cs</c>) or streamed one row at a time in O(n + m) memory when the tables would
/// not fit <see cref="TableBudgetBytes"/> (<c>EumKernel.PairStream.cs</c>; both give the same bits); security levels
/// and risk exponents (<c>EumKernel.Security.cs</c>); offers and moves (<c>EumKernel.Offers.cs</c>, classified by
/// <see cref="OfferRules"/>).
/// </para>
/// <para>
/// Cost per round: sorting O(n log n); distances between distinct positions O(m²); votes g[t, p] = c_t s_t
/// (|x_t − x_p| / R)^r_t for every voter t and distinct position p with their prefix sums over voters in position
/// order, O(n·m); the probability of every pair of distinct positions from two prefix-sum differences, O(m²); the
/// reference variant's all-pairs denominator Σ_k Σ_a Σ_b |v_k(a, b)| by visiting, for each voter, the positions in
/// order of distance, O(n·m) instead of O(n³); security levels O(n²); offers O(n·m).
/// </para>
/// <para>
/// Every vector lane performs the scalar computation's IEEE operations in the scalar order, and every sum runs in the
/// order the scalar code sums (a lane per independent sum, never a regrouped sum), so the bits depend neither on the
/// vector width, nor on whether the hardware has vectors at all, nor on whether the pair tables are kept or streamed.
/// </para>
/// </summary>
internal sealed partial class EumKernel
{
    /// <summary>
    /// The pair tables (distances, logarithms, probabilities, votes and their prefix sums) are kept when they need at
    /// most this many bytes (up to about 1,300 actors at distinct positions); beyond, the rows are streamed (same bits,
    /// O(n + m) memory, about three times the vote work).
    /// </summary>
    public const long DefaultTableBudgetBytes = 128L << 20;

    private int _n, _m, _cap, _ms, _orderCount = -1;
    private double[] _x = [], _s = [], _w = [], _r = [], _usq = [], _sec = [];
    private int[] _order = [], _pid = [], _pidSorted = [];
    private double[] _sortKeys = [];

    // Distinct positions in ascending order (padded to whole vectors with the last one), how many actors hold each
    // and where each starts in position order.
    private double[] _ux = [];
    private int[] _ucount = [], _ustart = [];

    private double[] _newX = [], _eu = [], _euOther = [];
    private MoveKind[] _kind = [];
    private int[] _with = [];
    private EumOptions _opt = EumOptions.Default;
    private double _range, _median, _mean, _denominator;
    private bool _degenerate, _streaming;
    private CancellationToken _cancel;

    public int Count => _n;
    public double Median => _median;
    public double Mean => _mean;

    /// <summary>Bytes the pair tables may take before the kernel streams them instead (tests lower it to compare).</summary>
    public long TableBudgetBytes { get; set; } = DefaultTableBudgetBytes;

    /// <summary>Whether the last <see cref="Prepare"/> streamed the pair rows instead of keeping tables.</summary>
    public bool Streaming => _streaming;

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

    /// <summary>
    /// Copies one round's inputs (w = capability × salience) and the range R that normalises distances. The token is
    /// checked inside the round's long loops (OperationCanceledException).
    /// </summary>
    public void Load(ReadOnlySpan<double> positions, ReadOnlySpan<double> saliences, ReadOnlySpan<double> weights,
        double range, EumOptions options, CancellationToken cancellationToken = default)
    {
        int n = positions.Length;
        Ensure(n);
        _n = n;
        _opt = options;
        _range = range;
        _cancel = cancellationToken;
        positions.CopyTo(_x);
        saliences.CopyTo(_s);
        weights.CopyTo(_w);
    }

    /// <summary>Forgets the run's cancellation token (the buffers stay for the next run).</summary>
    public void EndRun() => _cancel = default;

    private void Ensure(int n)
    {
        if (n <= _cap) return;
        _cap = Math.Max(n, _cap * 2);
        _x = new double[_cap]; _s = new double[_cap]; _w = new double[_cap]; _r = new double[_cap];
        _usq = new double[_cap]; _sec = new double[_cap];
        _order = new int[_cap]; _orderCount = -1; _sortKeys = new double[_cap]; _pid = new int[_cap]; _pidSorted = new int[_cap];
        _ux = new double[_cap + 4]; _ucount = new int[_cap]; _ustart = new int[_cap + 1];
        _newX = new double[_cap]; _kind = new MoveKind[_cap]; _with = new int[_cap];
        _eu = new double[_cap]; _euOther = new double[_cap];
        EnsureActorScratch(_cap);
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
        _r.AsSpan(0, n).Fill(1.0);
        _degenerate = _m < 2 || !(_range > 0);
        _streaming = false;
        if (_degenerate)
        {
            _sec.AsSpan(0, n).Clear();
            FillUsq();
            return;
        }
        _streaming = TableBytes(n, _m) > TableBudgetBytes;
        if (_streaming) BeginStream();
        else BeginTables();
        // First pass: r = 1 for everybody.
        VotePass(useRisk: false);
        FillUsq();
        ComputeSecurity();
        if (_opt.Risk) ComputeRiskExponents();
        FillUsq();
        if (!_opt.Risk || !AnyRiskNotOne()) return;
        // The logarithms of the utility bases pay off where every pair's powers are used (the proposer's own view);
        // the receiver's view skips most pairs and computes the few powers it needs directly (the same bits).
        if (!_streaming) BuildLogTables(bases: _opt.Variant.Perspective == PerspectiveRule.Own);
        // Second pass: votes weighted by each voter's own r (reference code), when anyone's r differs from 1.
        if (_opt.Variant.VotesUseRisk) VotePass(useRisk: true);
    }

    /// <summary>The votes of one pass and what the probabilities need from them (tables or stream).</summary>
    private void VotePass(bool useRisk)
    {
        if (_streaming) StreamVotes(useRisk);
        else
        {
            BuildVotes(useRisk);
            ComputeProbabilities();
        }
    }

    /// <summary>
    /// Every actor's best offer and the simultaneous moves (after <see cref="Prepare"/>). Receivers are visited in
    /// position order, so that streamed rows are computed once each; each receiver's choice is its own.
    /// </summary>
    public void ChooseMoves()
    {
        int n = _n;
        _x.AsSpan(0, n).CopyTo(_newX);
        _kind.AsSpan(0, n).Clear();
        _with.AsSpan(0, n).Fill(-1);
        _eu.AsSpan(0, n).Clear();
        _euOther.AsSpan(0, n).Clear();
        if (_degenerate) return;
        bool own = _opt.Variant.Perspective == PerspectiveRule.Own;
        for (int t = 0; t < n; t++)
        {
            if ((t & 255) == 0) _cancel.ThrowIfCancellationRequested();
            int i = _order[t];
            if (own) OffersOwnView(i);
            else OffersReceiverView(i);
        }
    }

    /// <summary>P(x_i prevails over x_j) in the current pass (after <see cref="Prepare"/>).</summary>
    public double Probability(int i, int j)
    {
        if (_degenerate) return 0.0;
        PairValues(_pid[i], _pid[j], out _, out double p);
        return p;
    }

    /// <summary>E(U) of <paramref name="challenger"/> challenging <paramref name="target"/>, valued with risk exponent <paramref name="r"/>.</summary>
    public double ExpectedUtility(int challenger, int target, double r)
    {
        if (_degenerate) return 0.0;
        PairValues(_pid[challenger], _pid[target], out double d, out double p);
        double us = Utility(0.5 - 0.5 * d, r), uf = Utility(0.5 + 0.5 * d, r);
        double st = _s[target];
        return st * (p * us + (1 - p) * uf) + (1 - st) * us
            - NotChallenging(_x[challenger], _x[target], r, 2 - 4 * Pow(0.5, r));
    }

    private static double Pow(double b, double r) => PowMath.Pow(b, r);

    /// <summary>The "2 − 4(·)^r" utility transform (Bueno de Mesquita 1985, p. 158); the base is clamped at 0.</summary>
    private static double Utility(double b, double r) => 2 - 4 * Pow(b > 0 ? b : 0, r);
}
