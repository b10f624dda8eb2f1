using System.Numerics;
using System.Runtime.CompilerServices;

namespace Parley.Core.Models.Spatial;

/// <summary>
/// Challenges (docs/specs/smp.md §6.5, §6.6): KTAB's <c>probEduChlg</c> as written (<see cref="EvaluateChallenge"/>, the readable
/// reference) and the own-view challenges of a round, which every round evaluates for every actor.
/// </summary>
internal sealed partial class SmpEngine
{
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
            // Under NoCommit and FullCommit a third party's two options are worth exactly the same (docs/specs/smp.md §6.5).
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                if (_cancel.IsCancellationRequested) return -1; // the round throws once the workers return
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
}
