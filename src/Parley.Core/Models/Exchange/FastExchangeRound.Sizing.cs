namespace Parley.Core.Models.Exchange;

/// <summary>
/// The equal-gain sizing of one candidate in double (decide's <c>EqualGainExchange.calculate</c> and <c>check_nbs</c>,
/// in the order of operations of the decimal reference, <see cref="ExchangeCandidate"/>). Where decide compares two
/// values that are equal in exact arithmetic (a vote that lands exactly on 100, an outcome exactly on a position), the
/// decimal reference sees them equal or decides by its 28th digit; here values within <see cref="Eps"/> of each other
/// count as equal (docs/decisions.md, "Exchange model: double and decimal").
/// </summary>
internal sealed partial class FastExchangeRound
{
    /// <summary>Positions and outcomes (0–100 scale) closer than this are equal: far above double rounding (≈1e-13), far below any real difference.</summary>
    public const double Eps = 1e-9;

    /// <summary>decide's threshold for a move or gain that counts as none (the float 1e-10).</summary>
    private const double Negligible = 1e-10;

    /// <summary>Probes flag positions this close to a threshold (ten times <see cref="Eps"/>).</summary>
    private const double ProbeWindow = 1e-8;

    /// <summary>
    /// A vote, move or sum within this of a bound it is checked against is taken to be exactly on it in exact
    /// arithmetic (a vote moved all the way to a partner at 100), which the decimal reference computes exactly too;
    /// probes flag only values between this and <see cref="ProbeWindow"/>.
    /// </summary>
    private const double ExactTie = 1e-11;

    /// <summary>A sign state of a side's earlier moves: none yet, all positive, all negative, or mixed/zero (invalid for good).</summary>
    private const byte NoMoves = 0, AllPositive = 1, AllNegative = 2, Mixed = 3;

    /// <summary>One partner of a candidate as the sizing sees it (decide's <c>ExchangeActor</c>).</summary>
    private struct Side
    {
        public int Actor, Supply, Demand;

        /// <summary>The current vote on the supply issue (the round's preference, or a vote an earlier exchange left).</summary>
        public double Sup;

        /// <summary>The preference on the demand issue at the start of the round.</summary>
        public double Dem;

        public double SupSal, DemSal, SupPow;

        /// <summary>c·s and the round's preference on the supply issue (the board's term for this actor there).</summary>
        public double Weight, Start;

        /// <summary>
        /// Σ c·s·(v − x) over the third-party votes v this candidate has recorded on the supply issue, except a vote of
        /// this side's own actor: added to the Σ c·s·x it gives the outcome as this candidate sees it.
        /// </summary>
        public double Corr;

        /// <summary>Sum and sign state of the earlier moves kept in this side's history (all but the last).</summary>
        public double PreSum;
        public byte PreSign;

        public double Move, Y, OutcomeBefore, OutcomeAfter;
    }

    /// <summary>
    /// Sizes the exchange: moves, votes, gain and validity, and the supply issues' outcomes before and after (for the
    /// externalities), with the third-party votes recorded for the candidate's demanders.
    /// </summary>
    private bool Evaluate(ref Side i, ref Side j, out double gain)
    {
        int p = j.Supply, q = i.Supply;
        double wp = _W[p], wq = _W[q];
        // J moves all the way to I's position on p first.
        double distP = Math.Abs(i.Dem - j.Sup);
        double dp = Ratio(distP, j.SupSal, j.SupPow, wp);
        double dq = PartnerRatio(in j, in i, dp);
        i.Move = MoveFor(dq, in i, wq);
        j.Move = distP;
        double distQ = Math.Abs(j.Dem - i.Sup);
        // Continuous at equality (both branches then give the same sizes), so no tolerance is needed here.
        if (Math.Abs(i.Move) > distQ)
        {
            dq = Ratio(distQ, i.SupSal, i.SupPow, wq);
            dp = PartnerRatio(in i, in j, dq);
            i.Move = distQ;
            j.Move = MoveFor(dp, in j, wp);
        }
        if (i.Sup > j.Dem) i.Move = -i.Move;
        if (j.Sup > i.Dem) j.Move = -j.Move;
        i.Y = i.Sup + i.Move;
        j.Y = j.Sup + j.Move;
        gain = Math.Abs(dq * i.SupSal - dp * i.DemSal);
        NearNegligible(gain);
        if (gain < Negligible || !IsMoveValid(in i, i.Move) || !IsMoveValid(in j, j.Move)) return false;

        double uncapped = gain;
        Cap(ref i, ref j, ref gain);
        Cap(ref j, ref i, ref gain);
        if (_probe is not null && gain > uncapped) _probe.CapRaisedGain++;
        return IsMoveValid(in i, i.Move) && IsMoveValid(in j, j.Move);
    }

    /// <summary>
    /// decide's outcome cap: a move that carries its supply issue's outcome across the demanding partner's position is
    /// cut so that the outcome lands on it, and the partner's move is resized for equal gain. An outcome within
    /// <see cref="Eps"/> of the position counts as on it: ending on it needs no cap; starting on it, any further move
    /// would carry it past, so the move is cut to nothing (the candidate then fails the negligible-move rule).
    /// </summary>
    private void Cap(ref Side s, ref Side o, ref double gain)
    {
        double before = OutcomeWith(in s, s.Sup);
        double after = OutcomeWith(in s, s.Y);
        s.OutcomeBefore = before;
        s.OutcomeAfter = after;
        double x = o.Dem;
        double dBefore = x - before, dAfter = x - after;
        bool onBefore = Math.Abs(dBefore) <= Eps, onAfter = Math.Abs(dAfter) <= Eps;
        if (_log is not null && (Math.Abs(dBefore) <= ProbeWindow || Math.Abs(dAfter) <= ProbeWindow)) Flag(AmbiguityKind.Landing);
        // a test's guide may know how the decimal reference decided this one (by its last digit)
        bool? guided = (onBefore || onAfter) && _guide is not null
            ? _guide.Capped(_round, _trades.Count, s.Actor, s.Supply, o.Actor, o.Supply)
            : null;
        if (guided == false) return;
        if (guided is null && (onAfter || (!onBefore && dBefore > 0 == dAfter > 0))) return;

        int k = s.Supply;
        double w = _W[k];
        double delta = onBefore ? 0 : Math.Abs(MoveToReach(in s, o.Actor, x));
        double ratioS = Ratio(delta, s.SupSal, s.SupPow, w);
        double ratioO = PartnerRatio(in s, in o, ratioS);
        o.Move = Math.Abs(MoveFor(ratioO, in o, _W[o.Supply]));
        s.Move = delta;
        if (o.Sup > s.Dem) o.Move = -o.Move;
        if (s.Sup > o.Dem) s.Move = -s.Move;
        o.Y = o.Sup + o.Move;
        s.Y = s.Sup + s.Move;
        gain = Math.Abs(ratioO * o.SupSal - ratioS * o.DemSal);
        s.OutcomeAfter = OutcomeWith(in s, s.Y);
    }

    /// <summary>
    /// decide's validity rule for a side's move: larger than 1e-10, at most 100, the vote stays in 0–100, and with the
    /// side's earlier moves a signed sum of at most 100, all of one sign. Bounds are inclusive up to <see cref="Eps"/>.
    /// </summary>
    private bool IsMoveValid(in Side s, double move)
    {
        double size = Math.Abs(move);
        NearNegligible(size);
        double y = s.Sup + move, sum = s.PreSum + move;
        if (_log is not null && (NearNotAt(size, 100) || NearNotAt(y, 0) || NearNotAt(y, 100) || NearNotAt(sum, 100))) Flag(AmbiguityKind.Bound);
        if (size > 100 + Eps || size <= Negligible) return false;
        if (y < -Eps || y > 100 + Eps) return false;
        if (sum > 100 + Eps) return false;
        byte sign = Combine(s.PreSign, move);
        return sign is AllPositive or AllNegative;
    }

    private static bool NearNotAt(double v, double threshold) => Math.Abs(v - threshold) is > ExactTie and <= ProbeWindow;

    private void NearNegligible(double v)
    {
        if (_log is not null && v > 0.5 * Negligible && v < 2 * Negligible) Flag(AmbiguityKind.Negligible);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static byte Combine(byte state, double move)
    {
        byte s = move > 0 ? AllPositive : move < 0 ? AllNegative : Mixed;
        return state == NoMoves || state == s ? s : Mixed;
    }

    /// <summary>How far a move Δx of one actor shifts the outcome: Δx·s·c / Σcs.</summary>
    private static double Ratio(double deltaX, double salience, double power, double denominator) =>
        denominator == 0 ? 0 : deltaX * salience * power / denominator;

    /// <summary>The partner's outcome shift that gives both the same gain.</summary>
    private static double PartnerRatio(in Side supplier, in Side other, double ratio)
    {
        double num = supplier.SupSal + other.DemSal;
        double den = supplier.DemSal + other.SupSal;
        return den == 0 ? 0 : num / den * ratio;
    }

    /// <summary>The move of a supplier that shifts its supply issue's outcome by <paramref name="ratio"/>.</summary>
    private static double MoveFor(double ratio, in Side side, double denominator)
    {
        double w = side.SupPow * side.SupSal;
        return w == 0 ? 0 : ratio * denominator / w;
    }

    /// <summary>
    /// The supply issue's outcome with the candidate's third-party votes and the mover at <paramref name="moverPosition"/>
    /// (the mover's own term wins over a recorded vote of its own, as in decide).
    /// </summary>
    private double OutcomeWith(in Side s, double moverPosition)
    {
        double w = _W[s.Supply];
        return w == 0 ? 0 : (_WX[s.Supply] + s.Corr + s.Weight * (moverPosition - s.Start)) / w;
    }

    /// <summary>
    /// How far the mover must move for the outcome (with the third-party votes) to land on <paramref name="target"/>:
    /// (target·Σcs − Σcsx) / (c·s); a recorded vote of the mover's own wins over its position here, as in decide.
    /// </summary>
    private double MoveToReach(in Side s, int demander, double target)
    {
        double own = FindRecord(demander, s.Supply, s.Actor, out double recorded) ? recorded : s.Sup;
        double wx = _WX[s.Supply] + s.Corr + s.Weight * (own - s.Start);
        return s.Weight == 0 ? 0 : (target * _W[s.Supply] - wx) / s.Weight;
    }

    /// <summary>decide's end-of-round update x' = x + (y − x)(0.4(1 − s) + 0.1), in its order of operations.</summary>
    public static double NewPreference(double salience, double x, double y)
    {
        double swv = (1 - salience) * 0.4 * y;
        double fwv = 0.1 * y;
        double pv = (1 - (1 - salience) * 0.4 - 0.1) * x;
        return swv + fwv + pv;
    }
}
