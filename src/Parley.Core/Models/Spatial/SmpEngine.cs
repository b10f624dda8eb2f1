using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Parley.Core.Models.Spatial;

/// <summary>
/// The round mechanics of KTAB's SMP (SPEC §6.4–6.10), written to reproduce KTAB's numbers to the bit: every sum in
/// KTAB's order, every constant as KTAB has it. Work is O(N³) per round (KTAB's logging does O(N⁴)) and runs in
/// parallel over actors, each worker writing only its own slots, so results do not depend on the thread count.
/// </summary>
public sealed class SmpEngine
{
    /// <summary>Minimum gain for a challenge to be worth making (<c>minSigEDU</c>).</summary>
    public const double MinSignificantGain = 1e-5;

    /// <summary>Empty-coalition strength in challenges (<c>minCltn</c>).</summary>
    public const double MinChallengeCoalition = 1e-10;

    /// <summary>Positions closer than this (Euclidean, 0–1 scale) form one outcome class (<c>posTol</c>).</summary>
    public const double PositionTolerance = 1e-3;

    private readonly SmpProblem _p;
    private readonly SmpOptions _o;
    private readonly ParallelOptions _par;
    private readonly int _n, _m;

    public SmpEngine(SmpProblem problem, SmpOptions options)
    {
        _p = problem;
        _o = options;
        _n = problem.ActorCount;
        _m = problem.DimensionCount;
        _par = new ParallelOptions { MaxDegreeOfParallelism = options.Threads > 0 ? options.Threads : -1 };
    }

    public SmpProblem Problem => _p;
    public SmpOptions Options => _o;

    // ---------------------------------------------------------------- utilities (§6.1)

    /// <summary>KTAB's <c>bsUtil</c>: utility of a distance under risk attitude R.</summary>
    public static double Utility(double d, double r) => d <= 1 ? (1 - d) * (1 + (d * r)) : (1 - d) * (1 + r);

    /// <summary>KTAB's <c>bvDiff</c>: salience-weighted normalised distance between two points for actor i.</summary>
    private double Distance(int i, ReadOnlySpan<double> from, ReadOnlySpan<double> to)
    {
        double dsSqr = 0;
        for (int k = 0; k < _m; k++)
        {
            double ds = (from[k] - to[k]) * _p.Saliences[i * _m + k];
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

    // ---------------------------------------------------------------- state analysis (§6.4, §6.10)

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
            threads: _par.MaxDegreeOfParallelism);
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

    /// <summary>KTAB's <c>Model::bigRfromProb</c> (SPEC §6.4 step 3); equal probabilities give 0/0 there (§8.6).</summary>
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
                throw new Parley.Core.Modelling.ModelSettingException("model 'smp' with ktab-compat: every position is equally likely, so KTAB's risk attitudes are 0/0 (SPEC §8.6); run without ktab-compat to treat everyone as risk-neutral");
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
        // KTAB's pDist uses the proportional voting rule whatever the model's rule (SPEC §6.10; docs/decisions.md).
        var pr = Pce.ScalarPce(_p.Capabilities, u, nu, VotingRule.Prop, _o.VictoryProb, _o.Pce,
            threads: _par.MaxDegreeOfParallelism);
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

    // ---------------------------------------------------------------- challenges (§6.5, §6.6)

    /// <summary>
    /// KTAB's <c>probEduChlg(h, k, i, j)</c>: h's estimate of P(i beats j) and of the expected change in k's utility
    /// if i challenges j. O(N).
    /// </summary>
    public (double P, double Gain, ChallengeView View) EvaluateChallenge(SmpAnalysis a, int h, int k, int i, int j)
    {
        int n = _n;
        var risk = a.Risk;
        double rh = risk[h];
        double U(int x, int y) => Utility(a.Distance[x * n + y], EstimateRisk(_o.BigRAdjust, rh, risk[x]));
        double uii = U(i, i), uij = U(i, j), uji = U(j, i), ujj = U(j, j);
        double euSQ = U(k, i) + U(k, j);
        double uhkij = U(k, i) + U(k, i);
        double uhkji = U(k, j) + U(k, j);
        var rule = _o.Voting;
        double ci = Pce.Vote(rule, _p.Weights[i], uii, uij);
        double cj = Pce.Vote(rule, _p.Weights[j], uji, ujj);
        double chij = MinChallengeCoalition, chji = MinChallengeCoalition;
        if (ci > 0.0) chij += ci;
        if (ci < 0.0) chji -= ci;
        if (cj > 0.0) chij += cj;
        if (cj < 0.0) chji -= cj;
        double bi = chij, bj = chji;
        for (int t = 0; t < n; t++)
        {
            if (t == i || t == j) continue;
            double rt = EstimateRisk(_o.BigRAdjust, rh, risk[t]);
            double uni = Utility(a.Distance[t * n + i], rt);
            double unj = Utility(a.Distance[t * n + j], rt);
            double unn = Utility(a.Distance[t * n + t], rt);
            double v = ThirdPartyVote(rule, _o.ThirdParty, _p.Weights[t], uni, unj, unn, bi, bj);
            chij = v > 0 ? chij + v : chij;
            chji = v < 0 ? chji - v : chji;
        }
        return Finish(chij, chji, euSQ, uhkij, uhkji, _p.SalienceSum[j]);
    }

    private static (double P, double Gain, ChallengeView View) Finish(double chij, double chji, double euSQ,
        double uhkij, double uhkji, double sj)
    {
        double phij = chij / (chij + chji);
        double phji = chji / (chij + chji);
        double euVict = uhkij;
        double euCntst = (phij * uhkij) + (phji * uhkji);
        double euChlg = ((1 - sj) * euVict) + (sj * euCntst);
        double du = euChlg - euSQ;
        return (phij, du, new ChallengeView(phij, euSQ, euVict, euCntst, euChlg));
    }

    /// <summary>A third party's vote in the little contest (<c>vProbLittle</c> + <c>thirdPartyVoteSU</c>).</summary>
    private static double ThirdPartyVote(VotingRule rule, ThirdPartyCommit commit, double wn, double uni, double unj,
        double unn, double bi, double bj)
    {
        double cn = Pce.Vote(rule, wn, uni, unj);
        double cni = cn > 0 ? bi + cn : bi;
        double cnj = cn < 0 ? bj - cn : bj;
        double pin = cni / (cni + cnj);
        double pjn = 1.0 - pin;
        return Pce.Vote(rule, wn, Join(commit, pin, pjn, uni, unj, unn, true), Join(commit, pin, pjn, uni, unj, unn, false));
    }

    private static double Join(ThirdPartyCommit commit, double pin, double pjn, double uni, double unj, double unn, bool joinI)
    {
        double win, lose; // utility if i wins / if j wins
        switch (commit)
        {
            case ThirdPartyCommit.FullCommit:
                win = uni + uni + uni; lose = unj + unj + unj; break;
            case ThirdPartyCommit.SemiCommit:
                if (joinI) { win = uni + uni + unn; lose = unj + unj + unj; }
                else { win = uni + uni + uni; lose = unj + unj + unn; }
                break;
            case ThirdPartyCommit.NoCommit:
                win = uni + uni + unn; lose = unj + unj + unn; break;
            default: throw new ArgumentOutOfRangeException(nameof(commit));
        }
        return (pin * win) + (pjn * lose);
    }

    /// <summary>Per-worker buffers for <see cref="OwnChallenges"/> (allocated once per worker, reused for every actor).</summary>
    private sealed class ChallengeScratch(int n)
    {
        public static readonly int Lanes = 2 * Vector<double>.Count;
        public readonly double[] Rh = new double[n], Ui = new double[n], Unn = new double[n], JoinI = new double[n], JoinJ = new double[n];
        public readonly double[] Bi = new double[n], Bj = new double[n], Cij = new double[n], Cji = new double[n], Uij = new double[n];
        public readonly double[] P = new double[n], Gain = new double[n], Bound = new double[n], Keys = new double[n];
        public readonly int[] Candidates = new int[n];
        public readonly double[] Columns = new double[n * Lanes];
        public readonly double[] LaneTarget = new double[Lanes], LaneBi = new double[Lanes], LaneBj = new double[Lanes];
        public readonly double[] LaneCij = new double[Lanes], LaneCji = new double[Lanes];
        public readonly int[] LaneJ = new int[Lanes], Special = new int[Lanes + 1];
        public readonly double[] RestBound = new double[n + 1];
        public double[] DistanceT = []; // the state's transposed distances (set for the round's challenges)
        public double[] Nearest = [];   // per actor, the distance from its ideal to the nearest position (this state)
    }

    /// <summary>
    /// Every own-view challenge of actor i (h = k = i): the hot loop of a round. Returns the best target (gain &gt;
    /// 1e−5, ties to the lowest index) or −1, and leaves that target's P and gain in the scratch buffers. With
    /// <paramref name="views"/> every target is evaluated and recorded.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int OwnChallenges(SmpAnalysis a, int i, ChallengeScratch x, ChallengeView[]? views)
    {
        int n = _n;
        var risk = a.Risk;
        var distT = a.DistanceT;
        double rh = risk[i];
        var adjust = _o.BigRAdjust;
        var rhBuf = x.Rh;
        var uiBuf = x.Ui;
        var unnBuf = x.Unn;
        for (int t = 0; t < n; t++)
        {
            double r = EstimateRisk(adjust, rh, risk[t]);
            rhBuf[t] = r;
            uiBuf[t] = Utility(distT[i * n + t], r);   // U^i(t, i)
            unnBuf[t] = Utility(a.Distance[t * n + t], r); // U^i(t, t)
            x.JoinI[t] = uiBuf[t] + uiBuf[t] + unnBuf[t];   // SemiCommit: t joins i, i wins
            x.JoinJ[t] = uiBuf[t] + uiBuf[t] + uiBuf[t];    // SemiCommit: t joins j, i wins
        }
        var rule = _o.Voting;
        var commit = _o.ThirdParty;
        var weights = _p.Weights;
        double uii = uiBuf[i];

        // 1. The principals' own contributions (h = i's estimates).
        for (int j = 0; j < n; j++)
        {
            if (j == i) continue;
            double uij = Utility(distT[j * n + i], rhBuf[i]);
            double uji = uiBuf[j];
            double ujj = Utility(distT[j * n + j], rhBuf[j]);
            double ci = Pce.Vote(rule, weights[i], uii, uij);
            double cj = Pce.Vote(rule, weights[j], uji, ujj);
            double chij = MinChallengeCoalition, chji = MinChallengeCoalition;
            if (ci > 0.0) chij += ci;
            if (ci < 0.0) chji -= ci;
            if (cj > 0.0) chij += cj;
            if (cj < 0.0) chji -= cj;
            x.Uij[j] = uij;
            x.Bi[j] = chij;
            x.Bj[j] = chji;
            x.Cij[j] = chij;
            x.Cji[j] = chji;
        }

        if (rule == VotingRule.Prop && commit == ThirdPartyCommit.SemiCommit)
            return PropSemiChallenges(i, x, views);

        // 2. Third parties, added in index order to each contest's two coalitions.
        if (commit == ThirdPartyCommit.SemiCommit)
        {
            // Under NoCommit and FullCommit a third party's two options are worth exactly the same (SPEC §6.5).
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                var dj = new ReadOnlySpan<double>(distT, j * n, n);
                double chij = x.Cij[j], chji = x.Cji[j], bi = x.Bi[j], bj = x.Bj[j];
                for (int t = 0; t < n; t++)
                {
                    if (t == i || t == j) continue;
                    double v = ThirdPartyVote(rule, commit, weights[t], uiBuf[t], Utility(dj[t], rhBuf[t]), unnBuf[t], bi, bj);
                    chij = v > 0 ? chij + v : chij;
                    chji = v < 0 ? chji - v : chji;
                }
                x.Cij[j] = chij;
                x.Cji[j] = chji;
            }
        }

        // 3. Expected gains; the best target (gain > 1e−5, ties to the lowest index).
        int best = -1;
        double bestGain = -1.0;
        for (int j = 0; j < n; j++)
        {
            if (j == i) continue;
            double uij = x.Uij[j];
            var (p, gain, view) = Finish(x.Cij[j], x.Cji[j], uii + uij, uii + uii, uij + uij, _p.SalienceSum[j]);
            x.P[j] = p;
            x.Gain[j] = gain;
            if (views is not null) views[i * n + j] = view;
            if (MinSignificantGain < gain && bestGain < gain)
            {
                best = j;
                bestGain = gain;
            }
        }
        return best;
    }

    /// <summary>
    /// Upper bound of i's gain from challenging j when i's win probability p lies in [0, <paramref name="pMax"/>]: the
    /// gain is (1 − σ_j)·2U_ii + σ_j·(p·2U_ii + (1 − p)·2U_ij) − (U_ii + U_ij), linear in p, so it is largest at p = 0
    /// or p = pMax. The margin covers rounding (the computed p and 1 − p may sum to 1 + 2⁻⁵²).
    /// </summary>
    private static double GainBound(double uii, double uij, double sj, double pMax = 1.0)
    {
        double win = uii + uii, lose = uij + uij;
        double contest = Math.Max((pMax * win) + ((1 - pMax) * lose), lose);
        double bound = ((1 - sj) * win) + (sj * contest) - (uii + uij);
        return bound + (1e-9 * (1 + Math.Abs(win) + Math.Abs(lose)));
    }

    /// <summary>
    /// Challenges under Prop voting and SemiCommit (the defaults). Exact pruning: targets are taken in decreasing order
    /// of <see cref="GainBound"/>, and evaluation stops once no remaining target's bound reaches the best gain found
    /// (its gain could neither beat nor tie it), so the chosen target is the one a full evaluation chooses. Targets are
    /// evaluated several at a time, one SIMD lane per target, each lane summing its third parties in index order —
    /// KTAB's order, so every coalition strength is KTAB's to the bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int PropSemiChallenges(int i, ChallengeScratch x, ChallengeView[]? views)
    {
        int n = _n, lanes = ChallengeScratch.Lanes;
        double uii = x.Ui[i];
        if (views is null) RestBounds(i, x);
        var cand = x.Candidates;
        int nc = 0;
        for (int j = 0; j < n; j++)
        {
            if (j == i) continue;
            if (views is null)
            {
                double bound = GainBound(uii, x.Uij[j], _p.SalienceSum[j]);
                if (!(bound > MinSignificantGain)) continue; // its gain cannot pass the 1e−5 threshold
                x.Bound[j] = bound;
                x.Keys[nc] = -bound;
            }
            cand[nc++] = j;
        }
        int best = -1;
        double bestGain = 0.0;
        if (views is not null)
        {
            for (int pos = 0; pos < nc; pos += lanes)
                EvaluateBlock(i, x, cand.AsSpan(pos, Math.Min(lanes, nc - pos)), views, ref best, ref bestGain);
            return best;
        }

        // The block of largest bounds first (a partial selection), then only the targets whose bound reaches the best
        // gain found, in decreasing order of bound, until none can.
        if (nc == 0) return -1;
        var keys = x.Keys;
        int first = Math.Min(lanes, nc);
        for (int q = 0; q < first; q++)
        {
            int top = q;
            for (int k = q + 1; k < nc; k++)
                if (keys[k] < keys[top]) top = k;
            (keys[q], keys[top]) = (keys[top], keys[q]);
            (cand[q], cand[top]) = (cand[top], cand[q]);
        }
        EvaluateBlock(i, x, cand.AsSpan(0, first), null, ref best, ref bestGain);
        int ns = 0;
        for (int k = first; k < nc; k++)
        {
            int j = cand[k];
            if (best >= 0 && x.Bound[j] < bestGain) continue; // its gain could neither beat nor tie the best
            cand[ns] = j;
            keys[ns] = keys[k];
            ns++;
        }
        keys.AsSpan(0, ns).Sort(cand.AsSpan(0, ns));
        for (int pos = 0; pos < ns; pos += lanes)
        {
            if (best >= 0 && x.Bound[cand[pos]] < bestGain) break; // nor can any later one
            EvaluateBlock(i, x, cand.AsSpan(pos, Math.Min(lanes, ns - pos)), null, ref best, ref bestGain);
        }
        return best;
    }

    /// <summary>
    /// RestBound[t]: an upper bound of what third parties t … N−1 can add to i's coalition in any of i's challenges.
    /// A third party's vote is w_t·(p·(U_tt − U_ti) + (1 − p)·(U_tj − U_tt)) with p ∈ [0, 1] (SemiCommit), so at most
    /// w_t·max(U_tt − U_ti, U_t,nearest − U_tt, 0), where U_t,nearest is t's utility of the position nearest its ideal
    /// (utility falls with distance for risk attitudes in [−1, 1]). Margins cover the rounding of the exact sums.
    /// </summary>
    private void RestBounds(int i, ChallengeScratch x)
    {
        int n = _n;
        var nearest = x.Nearest;
        var rest = x.RestBound;
        double sum = 0.0, weights = 0.0;
        rest[n] = 0.0;
        for (int t = n - 1; t >= 0; t--)
        {
            if (t != i)
            {
                double un = x.Unn[t];
                double most = Math.Max(Math.Max(un - x.Ui[t], Utility(nearest[t], x.Rh[t]) - un), 0.0);
                sum += _p.Weights[t] * most;
                weights += _p.Weights[t];
            }
            rest[t] = (sum * (1 + 1e-9)) + (1e-12 * (weights + 1));
        }
    }

    /// <summary>
    /// Evaluates i's challenges of up to one block of targets (one SIMD lane each) and updates the best target: gain
    /// above 1e−5, largest gain, ties to the lowest index — the choice of KTAB's index-order scan.
    /// </summary>
    private void EvaluateBlock(int i, ChallengeScratch x, ReadOnlySpan<int> targets, ChallengeView[]? views,
        ref int best, ref double bestGain)
    {
        int lanes = ChallengeScratch.Lanes, count = targets.Length;
        double uii = x.Ui[i];
        var special = x.Special;
        special[0] = i;
        for (int q = 0; q < lanes; q++)
        {
            int j = targets[Math.Min(q, count - 1)]; // spare lanes repeat the last target
            x.LaneJ[q] = j;
            x.LaneTarget[q] = j;
            x.LaneBi[q] = x.Bi[j];
            x.LaneBj[q] = x.Bj[j];
            x.LaneCij[q] = x.Cij[j];
            x.LaneCji[q] = x.Cji[j];
            special[q + 1] = j;
        }
        bool within = GatherColumns(x.DistanceT, x.LaneJ, x.Columns);
        var sorted = special.AsSpan(0, lanes + 1);
        sorted.Sort();
        int distinct = 1;
        for (int k = 1; k < sorted.Length; k++)
            if (sorted[k] != sorted[distinct - 1]) sorted[distinct++] = sorted[k];
        var specials = sorted[..distinct];
        // Without recorded views, a block is abandoned at a checkpoint once no lane can still beat or tie the best
        // gain: the sums so far are exact, and the third parties still to come can add at most RestBound[t] to a
        // challenger's coalition and nothing to a target's coalition can be taken away.
        int step = views is null ? Math.Max(16, _n / 16) : _n;
        for (int from = 0; from < _n; from += step)
        {
            int to = Math.Min(_n, from + step);
            if (within) PropSemiLanes<DistanceWithinOne>(i, x, specials, from, to);
            else PropSemiLanes<AnyDistance>(i, x, specials, from, to);
            if (to < _n && !AnyLaneAlive(i, x, count, x.RestBound[to], best, bestGain)) return;
        }
        for (int q = 0; q < count; q++)
        {
            int j = x.LaneJ[q];
            double uij = x.Uij[j];
            var (p, gain, view) = Finish(x.LaneCij[q], x.LaneCji[q], uii + uij, uii + uii, uij + uij, _p.SalienceSum[j]);
            x.P[j] = p;
            x.Gain[j] = gain;
            if (views is not null) views[i * _n + j] = view;
            if (MinSignificantGain < gain && (best < 0 || bestGain < gain || (gain == bestGain && j < best)))
            {
                best = j;
                bestGain = gain;
            }
        }
    }

    /// <summary>
    /// Whether some lane's challenge could still be chosen: its <see cref="GainBound"/>, with i's win probability
    /// bounded by the exact sums so far plus at most <paramref name="rest"/> more for i's coalition (and nothing less
    /// for j's), reaches the best gain found (or the 1e−5 threshold when none is).
    /// </summary>
    private bool AnyLaneAlive(int i, ChallengeScratch x, int count, double rest, int best, double bestGain)
    {
        double uii = x.Ui[i];
        for (int q = 0; q < count; q++)
        {
            int j = x.LaneJ[q];
            double cij = x.LaneCij[q] + rest, cji = x.LaneCji[q];
            double pMax = Math.Min(1.0, (cij / (cij + cji)) * (1 + 1e-12));
            double bound = GainBound(uii, x.Uij[j], _p.SalienceSum[j], pMax);
            if (bound > MinSignificantGain && (best < 0 || !(bound < bestGain))) return true;
        }
        return false;
    }

    /// <summary>
    /// Copies the distances to the lanes' targets into third-party-major order (<c>cols[t·L + q]</c> = d(t, j_q)),
    /// 4×4 blocks at a time where AVX is available; returns whether every distance is at most 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool GatherColumns(double[] distT, int[] laneJ, double[] cols)
    {
        int n = _n, lanes = ChallengeScratch.Lanes, t0 = 0;
        bool within = true;
        if (Avx.IsSupported && lanes % 4 == 0)
        {
            var max = Vector256<double>.Zero;
            for (int g = 0; g < lanes; g += 4)
            {
                var r0 = new ReadOnlySpan<double>(distT, laneJ[g] * n, n);
                var r1 = new ReadOnlySpan<double>(distT, laneJ[g + 1] * n, n);
                var r2 = new ReadOnlySpan<double>(distT, laneJ[g + 2] * n, n);
                var r3 = new ReadOnlySpan<double>(distT, laneJ[g + 3] * n, n);
                for (int t = 0; t + 4 <= n; t += 4)
                {
                    var a = Vector256.Create<double>(r0.Slice(t, 4));
                    var b = Vector256.Create<double>(r1.Slice(t, 4));
                    var c = Vector256.Create<double>(r2.Slice(t, 4));
                    var d = Vector256.Create<double>(r3.Slice(t, 4));
                    max = Avx.Max(Avx.Max(max, Avx.Max(a, b)), Avx.Max(c, d));
                    var ab0 = Avx.UnpackLow(a, b);  // a0 b0 a2 b2
                    var ab1 = Avx.UnpackHigh(a, b); // a1 b1 a3 b3
                    var cd0 = Avx.UnpackLow(c, d);
                    var cd1 = Avx.UnpackHigh(c, d);
                    Avx.Permute2x128(ab0, cd0, 0x20).CopyTo(cols, (t * lanes) + g);
                    Avx.Permute2x128(ab1, cd1, 0x20).CopyTo(cols, ((t + 1) * lanes) + g);
                    Avx.Permute2x128(ab0, cd0, 0x31).CopyTo(cols, ((t + 2) * lanes) + g);
                    Avx.Permute2x128(ab1, cd1, 0x31).CopyTo(cols, ((t + 3) * lanes) + g);
                }
            }
            within = Vector256.LessThanOrEqualAll(max, Vector256<double>.One);
            t0 = n - (n % 4);
        }
        for (int q = 0; q < lanes; q++)
        {
            var row = new ReadOnlySpan<double>(distT, laneJ[q] * n, n);
            for (int t = t0; t < n; t++)
            {
                double d = row[t];
                within &= d <= 1.0;
                cols[(t * lanes) + q] = d;
            }
        }
        return within;
    }

    /// <summary>
    /// The third parties' votes in i's challenges of the targets in the scratch lanes (Prop, SemiCommit), summed per
    /// lane in third-party index order, for third parties <paramref name="from"/> ≤ t &lt; <paramref name="to"/>,
    /// continuing the sums in the scratch lanes; t = i is skipped and t = the lane's target adds nothing. The few
    /// such third parties (<paramref name="special"/>, ascending) take a masked path; every other t runs unmasked.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PropSemiLanes<TU>(int i, ChallengeScratch x, ReadOnlySpan<int> special, int from, int to) where TU : struct, ILaneUtility
    {
        int n = _n, width = Vector<double>.Count, lanes = ChallengeScratch.Lanes;
        var weights = _p.Weights;
        var one = Vector<double>.One;
        var bi0 = new Vector<double>(x.LaneBi, 0);
        var bi1 = new Vector<double>(x.LaneBi, width);
        var bj0 = new Vector<double>(x.LaneBj, 0);
        var bj1 = new Vector<double>(x.LaneBj, width);
        var cij0 = new Vector<double>(x.LaneCij, 0);
        var cij1 = new Vector<double>(x.LaneCij, width);
        var cji0 = new Vector<double>(x.LaneCji, 0);
        var cji1 = new Vector<double>(x.LaneCji, width);
        var cols = x.Columns;
        double[] rh = x.Rh, ui = x.Ui, unn = x.Unn, joinI = x.JoinI, joinJ = x.JoinJ;
        int t = from, s = 0;
        while (s < special.Length && special[s] < from) s++;
        for (; ; s++)
        {
            int end = s < special.Length && special[s] < to ? special[s] : to;
            for (; t < end; t++)
            {
                var r = new Vector<double>(rh[t]);
                var u = new Vector<double>(ui[t]);
                var un = new Vector<double>(unn[t]);
                var ji = new Vector<double>(joinI[t]);
                var jj = new Vector<double>(joinJ[t]);
                var w = new Vector<double>(weights[t]);
                var v0 = LaneVote<TU>(new Vector<double>(cols, t * lanes), r, u, un, ji, jj, w, bi0, bj0, one);
                var v1 = LaneVote<TU>(new Vector<double>(cols, (t * lanes) + width), r, u, un, ji, jj, w, bi1, bj1, one);
                // + 0.0 leaves a positive sum unchanged, exactly as KTAB's "if (v > 0)".
                cij0 += Pce.Positive(v0);
                cji0 -= Pce.Negative(v0);
                cij1 += Pce.Positive(v1);
                cji1 -= Pce.Negative(v1);
            }
            if (t == to) break;
            if (t != i)
            {
                var self = new Vector<double>(t);
                var v0 = LaneVote<TU>(new Vector<double>(cols, t * lanes), new Vector<double>(rh[t]), new Vector<double>(ui[t]),
                    new Vector<double>(unn[t]), new Vector<double>(joinI[t]), new Vector<double>(joinJ[t]), new Vector<double>(weights[t]), bi0, bj0, one);
                var v1 = LaneVote<TU>(new Vector<double>(cols, (t * lanes) + width), new Vector<double>(rh[t]), new Vector<double>(ui[t]),
                    new Vector<double>(unn[t]), new Vector<double>(joinI[t]), new Vector<double>(joinJ[t]), new Vector<double>(weights[t]), bi1, bj1, one);
                v0 = Vector.ConditionalSelect(Vector.Equals(new Vector<double>(x.LaneTarget, 0), self), Vector<double>.Zero, v0);
                v1 = Vector.ConditionalSelect(Vector.Equals(new Vector<double>(x.LaneTarget, width), self), Vector<double>.Zero, v1);
                cij0 += Pce.Positive(v0);
                cji0 -= Pce.Negative(v0);
                cij1 += Pce.Positive(v1);
                cji1 -= Pce.Negative(v1);
            }
            t++;
        }
        cij0.CopyTo(x.LaneCij, 0);
        cij1.CopyTo(x.LaneCij, width);
        cji0.CopyTo(x.LaneCji, 0);
        cji1.CopyTo(x.LaneCji, width);
    }

    /// <summary>KTAB's <c>bsUtil</c> on lanes, specialised by whether every distance is known to be at most 1.</summary>
    private interface ILaneUtility
    {
        static abstract Vector<double> Of(Vector<double> d, Vector<double> r, Vector<double> one);
    }

    /// <summary>Every distance ≤ 1 (checked): the first branch of <see cref="Utility"/> only.</summary>
    private struct DistanceWithinOne : ILaneUtility
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<double> Of(Vector<double> d, Vector<double> r, Vector<double> one) => (one - d) * (one + (d * r));
    }

    private struct AnyDistance : ILaneUtility
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<double> Of(Vector<double> d, Vector<double> r, Vector<double> one)
        {
            var oneMinusD = one - d;
            return Vector.ConditionalSelect(Vector.LessThanOrEqual(d, one), oneMinusD * (one + (d * r)), oneMinusD * (one + r));
        }
    }

    /// <summary>A third party's vote (<see cref="ThirdPartyVote"/> under Prop and SemiCommit), one lane per target.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> LaneVote<TU>(Vector<double> d, Vector<double> r, Vector<double> uni, Vector<double> unn,
        Vector<double> joinI, Vector<double> joinJ, Vector<double> wn, Vector<double> bi, Vector<double> bj,
        Vector<double> one) where TU : struct, ILaneUtility
    {
        var unj = TU.Of(d, r, one);
        var cn = wn * (uni - unj);
        var cni = bi + Pce.Positive(cn); // cn > 0 ? bi + cn : bi (bi > 0, so bi + 0.0 = bi)
        var cnj = bj - Pce.Negative(cn); // cn < 0 ? bj − cn : bj
        var pin = cni / (cni + cnj);
        var pjn = one - pin;
        var unj2 = unj + unj;
        var ei = (pin * joinI) + (pjn * (unj2 + unj));
        var ej = (pin * joinJ) + (pjn * (unj2 + unn));
        return wn * (ei - ej);
    }

    // ---------------------------------------------------------------- bargains (§6.7)

    private static double Round4(double x) => (int)(0.5 + (x * 10000.0)) / 10000.0;

    /// <summary>KTAB's <c>interpolateBrgn</c>: the bargain i proposes to j, given i's win probability estimate.</summary>
    private (double[] BI, double[] BJ) Interpolate(SmpState s, int i, int j, double prbI, double prbJ)
    {
        var bI = new double[_m];
        var bJ = new double[_m];
        for (int k = 0; k < _m; k++)
        {
            double tik = s.Positions[i * _m + k], sik = _p.Saliences[i * _m + k];
            double tjk = s.Positions[j * _m + k], sjk = _p.Saliences[j * _m + k];
            switch (_o.Interpolation)
            {
                case InterVecBargain.S1P1:
                case InterVecBargain.S2P2:
                {
                    bool two = _o.Interpolation == InterVecBargain.S2P2;
                    double wik = (two ? sik * sik : sik) * (two ? prbI * prbI : prbI);
                    double wjk = (two ? sjk * sjk : sjk) * (two ? prbJ * prbJ : prbJ);
                    const double minW = 1e-6;
                    bI[k] = Round4((((wik + minW) * tik) + (wjk * tjk)) / (wik + minW + wjk));
                    bJ[k] = Round4(((wik * tik) + ((minW + wjk) * tjk)) / (wik + minW + wjk));
                    break;
                }
                case InterVecBargain.S2PMax:
                {
                    double di = prbJ > prbI ? prbJ - prbI : 0;
                    double dj = prbI > prbJ ? prbI - prbJ : 0;
                    double sik2 = sik * sik, sjk2 = sjk * sjk;
                    const double minW = 1e-6;
                    double dik = (di * sjk2) / ((di * sjk2) + minW + ((1 - di) * sik2));
                    double djk = (dj * sik2) / ((dj * sik2) + minW + ((1 - dj) * sjk2));
                    bI[k] = tik + (dik * (tjk - tik));
                    bJ[k] = tjk + (djk * (tik - tjk));
                    break;
                }
            }
        }
        return (bI, bJ);
    }

    /// <summary>The bargain(s) i proposes to its target j under the model's bargain model (§6.7, §8.5).</summary>
    private IEnumerable<SmpBargain> Propose(SmpAnalysis a, int i, int j, double piiJ, double gain)
    {
        var s = a.State;
        var (iI, iJ) = Interpolate(s, i, j, piiJ, 1 - piiJ);
        var iij = new SmpBargain(i, j, iI, iJ, gain);
        if (_o.Bargain == BargainModel.InitOnly)
        {
            yield return iij;
            yield break;
        }
        // j's view: KTAB passes j's estimate of i's expected-utility change where a probability is meant (§8.5).
        var est = EvaluateChallenge(a, j, i, i, j);
        double pjiJ = _o.KtabCompat ? est.Gain : est.P;
        var (jI, jJ) = Interpolate(s, i, j, pjiJ, 1 - pjiJ);
        var jij = new SmpBargain(i, j, jI, jJ, gain);
        if (_o.Bargain == BargainModel.InitRcvr)
        {
            yield return iij;
            yield return jij;
            yield break;
        }
        // PWComp: weighted average with weights c·σ; KTAB uses the initiator's capability for the receiver (§8.5).
        double wi = _p.Capabilities[i] * _p.SalienceSum[i];
        double wj = (_o.KtabCompat ? _p.Capabilities[i] : _p.Capabilities[j]) * _p.SalienceSum[j];
        var pI = new double[_m];
        var pJ = new double[_m];
        for (int k = 0; k < _m; k++)
        {
            pI[k] = ((wi * iI[k]) + (wj * jI[k])) / (wi + wj);
            pJ[k] = ((wi * iJ[k]) + (wj * jJ[k])) / (wi + wj);
        }
        yield return new SmpBargain(i, j, pI, pJ, gain);
    }

    // ---------------------------------------------------------------- a round (§6.8, §6.9)

    /// <summary>
    /// One round from an analysed state t: targets, bargains, queues, and the new state t+1 (positions and ideals).
    /// <paramref name="random"/> is needed for stochastic transitions only.
    /// </summary>
    public (SmpState Next, SmpRound Round) Step(SmpAnalysis a, int turn, KtabRandom? random = null)
    {
        int n = _n;
        var s = a.State;
        var round = new SmpRound(n) { Turn = turn };
        var views = _o.RecordChallenges ? new ChallengeView[n * n] : null;
        var bestP = new double[n];
        var bestGain = new double[n];
        var targets = round.Targets;
        var nearest = new double[n]; // per actor: the distance from its ideal to the nearest position
        Parallel.For(0, n, _par, t =>
        {
            var row = new ReadOnlySpan<double>(a.Distance, t * n, n);
            double min = double.PositiveInfinity;
            foreach (var d in row) min = d < min ? d : min;
            nearest[t] = min;
        });

        Parallel.For(0, n, _par,
            () => new ChallengeScratch(n) { DistanceT = a.DistanceT, Nearest = nearest },
            (i, _, buf) =>
            {
                int best = OwnChallenges(a, i, buf, views);
                targets[i] = best;
                if (best >= 0) { bestP[i] = buf.P[best]; bestGain[i] = buf.Gain[best]; }
                return buf;
            },
            _ => { });
        round.Challenges = views;

        // Proposals, in initiator order; queues: SQ, own proposals, then proposals received (initiator order).
        var proposals = new List<SmpBargain>[n];
        Parallel.For(0, n, _par, i =>
        {
            proposals[i] = targets[i] >= 0 ? Propose(a, i, targets[i], bestP[i], bestGain[i]).ToList() : [];
        });
        var queues = new List<SmpBargain>[n];
        for (int k = 0; k < n; k++) queues[k] = [.. proposals[k]];
        for (int i = 0; i < n; i++)
            foreach (var b in proposals[i])
                queues[b.Receiver].Add(b);
        var all = new List<SmpBargain>();
        foreach (var list in proposals) all.AddRange(list);
        round.Bargains.AddRange(all);

        // Value of each bargain to each actor (same in every queue): V[b][a]; status quo V_sq[a].
        var sq = new double[n];
        for (int x = 0; x < n; x++)
        {
            double sum = 0.0;
            for (int t = 0; t < n; t++) sum += a.OwnUtility[x * n + t];
            sq[x] = sum / n;
        }
        var values = BargainValues(a, all);
        var index = new Dictionary<SmpBargain, int>(ReferenceEqualityComparer.Instance);
        for (int bi = 0; bi < all.Count; bi++) index[all[bi]] = bi;

        // Each actor resolves its own queue.
        var queueProbs = new double[n][];
        Parallel.For(0, n, _par, k =>
        {
            var q = queues[k];
            int nb = q.Count + 1;
            var u = new double[nb * n];
            Array.Copy(sq, 0, u, 0, n);
            for (int m = 0; m < q.Count; m++) Array.Copy(values[index[q[m]]], 0, u, (m + 1) * n, n);
            queueProbs[k] = Pce.ScalarPce(_p.Capabilities, u, nb, _o.Voting, _o.VictoryProb, _o.Pce);
        });

        var next = new double[n * _m];
        for (int k = 0; k < n; k++)
        {
            var p = queueProbs[k];
            int choice = _o.Transitions == StateTransitions.Deterministic
                ? ArgMax(p)
                : (random ?? throw new InvalidOperationException("stochastic transitions need a random generator")).ProbSel(p);
            round.StatusQuoProbability[k] = p[0];
            round.StatusQuoChosen[k] = choice == 0;
            var q = queues[k];
            for (int m = 0; m < q.Count; m++)
            {
                var b = q[m];
                if (b.Initiator == k) { b.InitiatorQueueProbability = p[m + 1]; b.ChosenByInitiator = choice == m + 1; }
                else { b.ReceiverQueueProbability = p[m + 1]; b.ChosenByReceiver = choice == m + 1; }
            }
            ReadOnlySpan<double> pos = choice == 0
                ? new ReadOnlySpan<double>(s.Positions, k * _m, _m)
                : q[choice - 1].Initiator == k ? q[choice - 1].InitiatorPosition : q[choice - 1].ReceiverPosition;
            pos.CopyTo(new Span<double>(next, k * _m, _m));
        }
        return (new SmpState(next, NewIdeals(s, next)), round);
    }

    private static int ArgMax(double[] p)
    {
        int best = 0;
        double max = Math.Abs(p[0]);
        for (int i = 1; i < p.Length; i++)
            if (Math.Abs(p[i]) > max) { max = Math.Abs(p[i]); best = i; }
        return best;
    }

    /// <summary>
    /// Value to every actor of the state after each bargain (<c>brgnUtil</c>), in KTAB's summation order: actor x's
    /// utility of the initiator's and the receiver's new positions, then x's utility of every other actor's unchanged
    /// position in index order, divided by N. The unchanged part is summed for blocks of actors at once, one SIMD lane
    /// per actor (each lane still adds in index order), so each block's column of utilities is read from cache by every
    /// bargain instead of from memory.
    /// </summary>
    internal double[][] BargainValues(SmpAnalysis a, List<SmpBargain> bargains)
    {
        int n = _n, nb = bargains.Count;
        var s = a.State;
        var values = new double[nb][];
        Parallel.For(0, nb, _par, b =>
        {
            var bargain = bargains[b];
            var v = new double[n];
            for (int x = 0; x < n; x++)
            {
                var own = new ReadOnlySpan<double>(s.Positions, x * _m, _m);
                double r = a.Risk[x];
                double sum = 0.0;
                sum += Utility(Distance(x, own, bargain.InitiatorPosition), r);
                sum += Utility(Distance(x, own, bargain.ReceiverPosition), r);
                v[x] = sum;
            }
            values[b] = v;
        });
        if (nb == 0) return values;

        var u = a.OwnUtility;
        int width = Vector<double>.Count, block = 4 * width, blocks = n / block;
        Parallel.For(0, blocks, _par, () => new double[n * block], (blk, _, panel) =>
        {
            // The block's utilities, third-party-major and contiguous: panel[t·B + q] = U_{x0+q}(position of t).
            int x0 = blk * block;
            for (int q = 0; q < block; q++)
            {
                var row = new ReadOnlySpan<double>(u, (x0 + q) * n, n);
                for (int t = 0; t < n; t++) panel[(t * block) + q] = row[t];
            }
            UnchangedBlock(bargains, values, panel, x0);
            return panel;
        }, _ => { });
        for (int x = blocks * block; x < n; x++)
        {
            var row = new ReadOnlySpan<double>(u, x * n, n);
            for (int b = 0; b < nb; b++)
            {
                var (lo, hi) = Skipped(bargains[b]);
                double sum = values[b][x];
                for (int t = 0; t < n; t++)
                    if (t != lo && t != hi) sum += row[t];
                values[b][x] = sum / n;
            }
        }
        return values;
    }

    /// <summary>
    /// The unchanged-positions part of <see cref="BargainValues"/> for actors x0 … x0 + 4W − 1, two bargains per pass
    /// (eight independent sums hide the add latency; both read the same utilities).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UnchangedBlock(List<SmpBargain> bargains, double[][] values, double[] panel, int x0)
    {
        int n = _n, w = Vector<double>.Count, nb = bargains.Count;
        var count = new Vector<double>(n);
        for (int b = 0; b < nb; b += 2)
        {
            var va = values[b];
            var vb = values[Math.Min(b + 1, nb - 1)]; // an odd last bargain is summed twice, stored once
            var (loA, hiA) = Skipped(bargains[b]);
            var (loB, hiB) = Skipped(bargains[Math.Min(b + 1, nb - 1)]);
            Vector<double> a0 = new(va, x0), a1 = new(va, x0 + w), a2 = new(va, x0 + (2 * w)), a3 = new(va, x0 + (3 * w));
            Vector<double> b0 = new(vb, x0), b1 = new(vb, x0 + w), b2 = new(vb, x0 + (2 * w)), b3 = new(vb, x0 + (3 * w));
            for (int t = 0; t < n; t++)
            {
                int at = t * 4 * w;
                Vector<double> u0 = new(panel, at), u1 = new(panel, at + w), u2 = new(panel, at + (2 * w)), u3 = new(panel, at + (3 * w));
                if (t != loA && t != hiA) { a0 += u0; a1 += u1; a2 += u2; a3 += u3; }
                if (t != loB && t != hiB) { b0 += u0; b1 += u1; b2 += u2; b3 += u3; }
            }
            (b0 / count).CopyTo(vb, x0);
            (b1 / count).CopyTo(vb, x0 + w);
            (b2 / count).CopyTo(vb, x0 + (2 * w));
            (b3 / count).CopyTo(vb, x0 + (3 * w));
            (a0 / count).CopyTo(va, x0);
            (a1 / count).CopyTo(va, x0 + w);
            (a2 / count).CopyTo(va, x0 + (2 * w));
            (a3 / count).CopyTo(va, x0 + (3 * w));
        }
    }

    private static (int Lo, int Hi) Skipped(SmpBargain b) => (Math.Min(b.Initiator, b.Receiver), Math.Max(b.Initiator, b.Receiver));

    /// <summary>KTAB's <c>newIdeals</c>: ideals move toward the new positions by the accommodation matrix.</summary>
    private double[] NewIdeals(SmpState old, double[] positions)
    {
        var acc = _p.Accommodation;
        if (acc is null) return (double[])positions.Clone();
        int n = _n;
        var ideals = new double[n * _m];
        var col = new double[_m];
        for (int i = 0; i < n; i++)
        {
            Array.Clear(col);
            double si = 0.0;
            for (int j = 0; j < n; j++)
            {
                double aij = acc[i * n + j];
                si += aij;
                for (int k = 0; k < _m; k++) col[k] += aij * positions[j * _m + k];
            }
            si = 1.0 < si ? 1.0 : si;
            double lag = 1.0 - si;
            for (int k = 0; k < _m; k++) ideals[i * _m + k] = col[k] + (lag * old.Ideals[i * _m + k]);
        }
        return ideals;
    }

    // ---------------------------------------------------------------- the run (§6.10)

    /// <summary>KTAB's <c>stateDist</c>: Σ_i ‖x_i^a − x_i^b‖₂.</summary>
    public double StateDistance(SmpState x, SmpState y)
    {
        double sum = 0;
        for (int i = 0; i < _n; i++)
        {
            double s = 0.0;
            for (int k = 0; k < _m; k++)
            {
                double d = x.Positions[i * _m + k] - y.Positions[i * _m + k];
                s += d * d;
            }
            sum += Math.Sqrt(s);
        }
        return sum;
    }

    /// <summary>Runs rounds until KTAB's stopping rule holds (SPEC §6.10).</summary>
    public SmpRun Run()
    {
        var random = _o.Transitions == StateTransitions.Stochastic ? new KtabRandom(_o.Seed) : null;
        var states = new List<SmpAnalysis> { Analyse(SmpState.Initial(_p)) };
        var rounds = new List<SmpRound>();
        for (int iter = 1; ; iter++)
        {
            var (next, round) = Step(states[^1], iter - 1, random);
            rounds.Add(round);
            states.Add(Analyse(next));
            bool tooLong = _o.MaxRounds <= iter;
            bool longEnough = 2 <= iter;
            double d01 = StateDistance(states[0].State, states[1].State) + 1e-4;
            double dxy = StateDistance(states[iter].State, states[iter - 1].State);
            bool quiet = dxy / d01 < 0.02;
            if (tooLong || (longEnough && quiet)) break;
        }
        return new SmpRun(_p, _o, states, rounds);
    }
}
