namespace Parley.Core.Models.Spatial;

/// <summary>
/// The round mechanics of KTAB's SMP (docs/specs/smp.md §6.4–6.10), written to reproduce KTAB's numbers to the bit: every sum in
/// KTAB's order, every constant as KTAB has it. Work is O(N³) per round (KTAB's logging does O(N⁴)) and runs in
/// parallel over actors, each worker writing only its own slots, so results do not depend on the thread count.
/// <para>
/// By concern: utilities and distances (this file); the analysis of a state (<c>SmpEngine.Analysis.cs</c>, with
/// <see cref="Pce"/>); challenges, KTAB's formula (<c>SmpEngine.Challenges.cs</c>) and its pruned SIMD path
/// (<c>SmpEngine.ChallengeLanes.cs</c>); bargains (<c>SmpEngine.Bargains.cs</c>); a round and the run
/// (<c>SmpEngine.Round.cs</c>).
/// </para>
/// </summary>
internal sealed partial class SmpEngine
{
    /// <summary>Minimum gain for a challenge to be worth making (<c>minSigEDU</c>).</summary>
    public const double MinSignificantGain = 1e-5;

    /// <summary>Empty-coalition strength in challenges (<c>minCltn</c>).</summary>
    public const double MinChallengeCoalition = 1e-10;

    /// <summary>Positions closer than this (Euclidean, 0–1 scale) form one outcome class (<c>posTol</c>).</summary>
    public const double PositionTolerance = 1e-3;

    private readonly SmpProblem _p;
    private readonly SmpOptions _o;
    private readonly int _n, _m;
    private readonly ParallelOptions _par;
    private readonly CancellationToken _cancel;

    /// <param name="cancellationToken">Checked every round, by the parallel loops, and inside each actor's challenges
    /// (OperationCanceledException).</param>
    public SmpEngine(SmpProblem problem, SmpOptions options, CancellationToken cancellationToken = default)
    {
        _p = problem;
        _o = options;
        _n = problem.ActorCount;
        _m = problem.DimensionCount;
        _cancel = cancellationToken;
        _par = new ParallelOptions { MaxDegreeOfParallelism = options.Threads > 0 ? options.Threads : -1, CancellationToken = cancellationToken };
    }

    public SmpProblem Problem => _p;
    public SmpOptions Options => _o;

    // ---------------------------------------------------------------- utilities (§6.1)

    /// <summary>KTAB's <c>bsUtil</c>: utility of a distance under risk attitude R.</summary>
    public static double Utility(double d, double r) => d <= 1 ? (1 - d) * (1 + (d * r)) : (1 - d) * (1 + r);

    /// <summary>
    /// KTAB's <c>bvDiff</c>: salience-weighted normalised distance between two points for actor i,
    /// √(Σ_k (Δ_k s_ik)² / Σ_k s_ik²), with the saliences scaled by a power of two where they are so small that their
    /// squares would underflow (<see cref="SmpProblem.DistanceSaliences"/>; the same bits as unscaled otherwise).
    /// </summary>
    private double Distance(int i, ReadOnlySpan<double> from, ReadOnlySpan<double> to)
    {
        double dsSqr = 0;
        for (int k = 0; k < _m; k++)
        {
            double ds = (from[k] - to[k]) * _p.DistanceSaliences[i * _m + k];
            dsSqr += ds * ds;
        }
        return Math.Sqrt(dsSqr / _p.SalienceSquares[i]);
    }

    /// <summary>KTAB's <c>Model::estNRA</c>: h's estimate of i's risk attitude.</summary>
    public static double EstimateRisk(BigRAdjust adjust, double rh, double ri) => adjust switch
    {
        BigRAdjust.Full => ri,
        BigRAdjust.TwoThirds => (rh + (2.0 * ri)) / 3.0,
        BigRAdjust.Half => (rh + ri) / 2,
        BigRAdjust.OneThird => ((2.0 * rh) + ri) / 3.0,
        BigRAdjust.None => rh,
        _ => throw new ArgumentOutOfRangeException(nameof(adjust)),
    };

    /// <summary>U^h_ij: h's estimate of the utility to i of j's position.</summary>
    public double PerspectiveUtility(SmpAnalysis a, int h, int i, int j) =>
        Utility(a.Distance[i * _n + j], EstimateRisk(_o.BigRAdjust, a.Risk[h], a.Risk[i]));
}
