using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Parley.Core.Models.Spatial;

/// <summary>
/// The fast path of the own-view challenges under the default rules (Prop voting, SemiCommit): exact pruning by a
/// bound on the gain, and one SIMD lane per target, each lane summing its third parties in KTAB's index order.
/// </summary>
internal sealed partial class SmpEngine
{
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
            for (int pos = 0; pos < nc && !_cancel.IsCancellationRequested; pos += lanes)
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
            if (_cancel.IsCancellationRequested) return -1; // the round throws once the workers return
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
}
