using System.Numerics;
using System.Runtime.CompilerServices;

namespace Parley.Core.Models.Spatial;

/// <summary>Bargains (docs/specs/smp.md §6.7): what an initiator proposes, what each bargain is worth to every actor, and the ideals that follow.</summary>
internal sealed partial class SmpEngine
{
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
}
