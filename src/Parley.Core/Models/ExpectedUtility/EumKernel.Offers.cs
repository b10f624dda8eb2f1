using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Parley.Core.Numerics;

namespace Parley.Core.Models.ExpectedUtility;

/// <summary>
/// The offers each receiver gets and the one it accepts: a lost confrontation before a compromise before a
/// capitulation (<see cref="OfferRules"/>); within a kind the smallest key (<see cref="OfferRules.Offer"/>); ties to the
/// first proposer in input order (reference) or to the more enforceable offer (larger proposer EU), then the lower
/// position (paper).
/// </summary>
internal sealed partial class EumKernel
{
    // Per-proposer scratch of the proposer's own view (length ≥ capacity + 8).
    private double[] _bs = [], _us2 = [], _uf2 = [];

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
    /// The receiver's perspective (b = E(U_ji) valued by i with r_i): b depends on the proposer's position only, so it is
    /// computed once per distinct position, four at a time; a, the kind and the key only for the proposers at positions
    /// with b &gt; 0 (most receivers have none). With Q = 1 a block of four positions whose b is provably negative is
    /// skipped before its powers are computed (<see cref="NoOfferBound"/>); skipping changes no result, only the work.
    /// </summary>
    private void OffersReceiverView(int i)
    {
        var v = _opt.Variant;
        int m = _m, ms = _ms, pi = _pid[i];
        double xi = _x[i], si = _s[i], ri = _r[i], usqI = _usq[i], qusqI = _opt.Q * usqI;
        bool simple = SimpleStatusQuo;
        bool prune = SkipsNegativeOffers && _opt.Q == 1.0 && ri >= 0.49 && ri <= 2.01;
        Row(pi, out var d, out var prob, out var probT);
        var kMin = Vector256.Create(prune ? NoOfferBound(ri) : double.PositiveInfinity);
        var dMin = Vector256.Create(NoOfferMinDistance);
        var vsi = Vector256.Create(si);
        var vq = Vector256.Create(qusqI);
        var usP = _row1.AsSpan(0, ms);
        var ufP = _row2.AsSpan(0, ms);
        var one = Vector256<double>.One;
        var lane = Vector256.Create(0.0, 1.0, 2.0, 3.0);
        var self = Vector256.Create((double)pi);
        var end = Vector256.Create((double)m);
        var best = new BestOffers();
        for (int p0 = 0; p0 < ms; p0 += 4)
        {
            var pji = Vector256.Create(probT.Slice(p0, 4));
            if (prune)
            {
                // no offer from a position with s_i(1 − P_ji) ≥ the bound at a distance ≥ the minimum; nor from i's own
                // position or the padding lanes
                var idx = lane + Vector256.Create((double)p0);
                var none = (Vector256.GreaterThanOrEqual(vsi * (one - pji), kMin)
                            & Vector256.GreaterThanOrEqual(Vector256.Create(d.Slice(p0, 4)), dMin))
                    | Vector256.Equals(idx, self) | Vector256.GreaterThanOrEqual(idx, end);
                if (Vector256.ExtractMostSignificantBits(none) == 0b1111) continue;
            }
            UtilitiesBlock(pi, d, p0, ri, usP, ufP);
            var us = Vector256.Create(usP.Slice(p0, 4));
            var uf = Vector256.Create(ufP.Slice(p0, 4));
            var notB = simple ? vq : Vector256.Create(NotChallenging(_ux[p0], xi, ri, usqI), NotChallenging(_ux[p0 + 1], xi, ri, usqI),
                NotChallenging(_ux[p0 + 2], xi, ri, usqI), NotChallenging(_ux[p0 + 3], xi, ri, usqI));
            var vb = vsi * (pji * us + (one - pji) * uf) + (one - vsi) * us - notB;
            uint offers = Vector256.ExtractMostSignificantBits(Vector256.GreaterThan(vb, Vector256<double>.Zero));
            while (offers != 0)
            {
                int l = BitOperations.TrailingZeroCount(offers), p = p0 + l;
                offers &= offers - 1;
                if (p >= m || p == pi) continue;
                double b = vb.GetElement(l), usp = usP[p], ufp = ufP[p], pij = prob[p], xj = _ux[p];
                double notA = simple ? qusqI : NotChallenging(xi, xj, ri, usqI);
                for (int t = _ustart[p], stop = _ustart[p + 1]; t < stop; t++)
                {
                    int j = _order[t];
                    double sj = _s[j];
                    double a = sj * (pij * usp + (1 - pij) * ufp) + (1 - sj) * usp - notA;
                    best.Consider(j, xi, xj, a, b, v);
                }
            }
        }
        AcceptBest(i, in best);
    }

    /// <summary>
    /// The paper's perspective (Bueno de Mesquita 1985, p. 158): b = E^j(U_ji) is valued by each proposer j with its own
    /// r_j, so b is computed per proposer (U_s, U_f with r_i per position; with r_j per proposer, four at a time); a,
    /// the kind and the key where b &gt; 0.
    /// </summary>
    private void OffersOwnView(int i)
    {
        var v = _opt.Variant;
        int n = _n, ms = _ms, pi = _pid[i];
        double xi = _x[i], si = _s[i], ri = _r[i], usqI = _usq[i], q = _opt.Q;
        bool simple = SimpleStatusQuo;
        Row(pi, out var d, out var prob, out var probT);
        var usP = _row1.AsSpan(0, ms);
        var ufP = _row2.AsSpan(0, ms);
        for (int p0 = 0; p0 < ms; p0 += 4) UtilitiesBlock(pi, d, p0, ri, usP, ufP);
        var bases = _bs.AsSpan(0, n);
        var us2 = _us2.AsSpan(0, n);
        var uf2 = _uf2.AsSpan(0, n);
        for (int j = 0; j < n; j++) bases[j] = 0.5 - 0.5 * d[_pid[j]];
        PowMath.UtilityInto(bases, _r.AsSpan(0, n), us2);
        for (int j = 0; j < n; j++) bases[j] = 0.5 + 0.5 * d[_pid[j]];
        PowMath.UtilityInto(bases, _r.AsSpan(0, n), uf2);
        var best = new BestOffers();
        for (int j = 0; j < n; j++)
        {
            double xj = _x[j];
            if (j == i || xj == xi) continue;
            int pj = _pid[j];
            double rj = _r[j], us = usP[pj], uf = ufP[pj], pij = prob[pj], pji = probT[pj];
            double usj = rj == ri ? us : us2[j], ufj = rj == ri ? uf : uf2[j];
            double b = si * (pji * usj + (1 - pji) * ufj) + (1 - si) * usj
                - (simple ? q * _usq[j] : NotChallenging(xj, xi, rj, _usq[j]));
            if (!(b > 0)) continue; // every offer the receiver accepts needs E(U_ji) > 0
            double sj = _s[j];
            double a = sj * (pij * us + (1 - pij) * uf) + (1 - sj) * us - (simple ? q * usqI : NotChallenging(xi, xj, ri, usqI));
            best.Consider(j, xi, xj, a, b, v);
        }
        AcceptBest(i, in best);
    }

    /// <summary>
    /// U_s = 2 − 4·max(0.5 − 0.5d, 0)^r and U_f = 2 − 4(0.5 + 0.5d)^r of the four distances of row <paramref name="p"/>
    /// at <paramref name="p0"/>, powers from the logarithm tables when they exist (r = 1: no power, b exactly); the bits
    /// of PowMath.UtilityInto. Not inlined: the powers need every vector register.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void UtilitiesBlock(int p, ReadOnlySpan<double> dRow, int p0, double r, Span<double> us, Span<double> uf)
    {
        var zero = Vector256<double>.Zero;
        var half = Vector256.Create(0.5);
        var d = Vector256.Create(dRow.Slice(p0, 4));
        var bs = half - half * d;
        var bf = half + half * d;
        bs = Vector256.ConditionalSelect(Vector256.GreaterThan(bs, zero), bs, zero);
        bf = Vector256.ConditionalSelect(Vector256.GreaterThan(bf, zero), bf, zero);
        if (r != 1.0)
        {
            var vr = Vector256.Create(r);
            if (_baseLogs)
            {
                int at = p * _ms + p0;
                bs = ReproducibleMath.PowFromLog(bs, Vector256.Create(_tLs.AsSpan(at, 4)), vr);
                bf = ReproducibleMath.PowFromLog(bf, Vector256.Create(_tLf.AsSpan(at, 4)), vr);
            }
            else
            {
                bs = ReproducibleMath.Pow(bs, vr);
                bf = ReproducibleMath.Pow(bf, vr);
            }
        }
        var two = Vector256.Create(2.0);
        var four = Vector256.Create(4.0);
        (two - four * bs).CopyTo(us.Slice(p0, 4));
        (two - four * bf).CopyTo(uf.Slice(p0, 4));
    }

    /// <summary>Actor i accepts the best offer of the first kind it received; its new position, the proposer and the two EUs.</summary>
    private void AcceptBest(int i, in BestOffers best)
    {
        for (var kind = MoveKind.Confrontation; kind <= MoveKind.Capitulation; kind++)
        {
            int c = (int)kind - 1;
            if (best.With(c) < 0) continue;
            _newX[i] = best.Position(c);
            _kind[i] = kind;
            _with[i] = best.With(c);
            _eu[i] = best.A(c);
            _euOther[i] = best.B(c);
            return;
        }
    }

    [InlineArray(3)]
    private struct Three<T>
    {
        private T _element;
    }

    /// <summary>The best offer of each kind (confrontation, compromise, capitulation) one receiver has seen.</summary>
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
        /// Classifies proposer j's offer (a = E^i(U_ij), b = E(U_ji) &gt; 0) and keeps it if it ranks first in its kind:
        /// the smallest key; on a tie the first proposer in input order, or (enforceability) the larger b, then the
        /// lower position, then the first proposer. The order in which the offers are considered does not matter.
        /// </summary>
        public void Consider(int j, double xi, double xj, double a, double b, EumVariant v)
        {
            var kind = OfferRules.Move(a, b, v.CapitulationReachable);
            if (kind == MoveKind.None) return;
            var (pos, key) = OfferRules.Offer(kind, xi, xj, a, b, v.Compromise);
            int c = (int)kind - 1, w = _with[c];
            bool better = key < _key[c]
                || (key == _key[c] && (v.Ties == OfferTieBreak.Enforceability
                    ? b > _b[c] || (b == _b[c] && (pos < _pos[c] || (pos == _pos[c] && j < w)))
                    : j < w));
            if (!better) return;
            _key[c] = key; _a[c] = a; _b[c] = b; _pos[c] = pos; _with[c] = j;
        }
    }
}
