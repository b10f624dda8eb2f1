using static Parley.Core.Models.Exchange.ExchangeMath;

namespace Parley.Core.Models.Exchange;

/// <summary>
/// One partner of a candidate exchange: the actor, the issue it supplies (moves its vote on) and the issue it demands,
/// with its own copy of the positions it works from, as decide keeps them (exact arithmetic in <c>ContextDecimal</c>).
/// </summary>
internal sealed class ExchangeSide
{
    public ExchangeSide(int actor, int supply, int demand, ExchangeBoard board)
    {
        Actor = actor;
        Supply = supply;
        Demand = demand;
        SupplyPosition = board.Position(actor, supply);
        DemandPosition = board.Position(actor, demand);
        Start = SupplyPosition;
        SupplySalience = board.Salience(actor, supply);
        DemandSalience = board.Salience(actor, demand);
        SupplyPower = board.Power(actor, supply);
    }

    public int Actor { get; }
    public int Supply { get; }
    public int Demand { get; }

    /// <summary>The actor's current vote on its supply issue (its preference, or its vote after earlier exchanges).</summary>
    public ContextDecimal SupplyPosition { get; set; }

    /// <summary>The actor's preference on the issue it demands (fixed during a round).</summary>
    public ContextDecimal DemandPosition { get; }

    /// <summary>The actor's preference on its supply issue at the start of the round.</summary>
    public ContextDecimal Start { get; }

    public ContextDecimal SupplySalience { get; }
    public ContextDecimal DemandSalience { get; }
    public ContextDecimal SupplyPower { get; }

    /// <summary>The signed move on the supply issue and the vote it leads to.</summary>
    public ContextDecimal Move { get; set; }

    public ContextDecimal Y { get; set; }

    /// <summary>The moves this side has made or proposes on its supply issue (sign and size checks).</summary>
    public List<ContextDecimal> Moves { get; } = [];

    /// <summary>The supply issue's outcome before and after this side's move (for externalities).</summary>
    public ContextDecimal OutcomeBefore { get; set; }

    public ContextDecimal OutcomeAfter { get; set; }

    public ExchangeSide Other { get; set; } = null!;

    public bool SameActorAndSupply(ExchangeSide o) => Actor == o.Actor && Supply == o.Supply;
    public bool SameActorAndDemand(ExchangeSide o) => Actor == o.Actor && Demand == o.Demand;

    public void ReplaceLastMove(ContextDecimal move)
    {
        if (Moves.Count > 0) Moves.RemoveAt(Moves.Count - 1);
        Moves.Add(move);
    }

    public void DropLastMove()
    {
        if (Moves.Count > 0) Moves.RemoveAt(Moves.Count - 1);
    }

    /// <summary>
    /// decide's validity rule for a move: non-negligible, at most 100, the vote stays in [0, 100], the signed sum of
    /// the moves is at most 100 and all moves on this issue point the same way.
    /// </summary>
    public bool IsMoveValid(ContextDecimal move)
    {
        ContextDecimal size = ContextDecimal.Abs(move);
        if (size > Hundred || size <= ExchangeMath.Negligible) return false;
        ContextDecimal y = SupplyPosition + move;
        if (y < 0 || y > Hundred) return false;
        if (Moves.Count == 0) return false;
        ContextDecimal sum = 0, min = Moves[0], max = Moves[0];
        foreach (var m in Moves)
        {
            sum += m;
            if (m < min) min = m;
            if (m > max) max = m;
        }
        if (sum > Hundred) return false;
        return (min < 0 && max < 0) || (min > 0 && max > 0);
    }
}

/// <summary>Which pair of groups the partners come from: right/right with left/left, or left/right with right/left.</summary>
internal enum GroupPair
{
    /// <summary>Right of both outcomes (decide's group A) with left of both (group D).</summary>
    OuterSides,

    /// <summary>Left on the first issue only (group B) with left on the second only (group C).</summary>
    CrossSides,
}

/// <summary>
/// A candidate exchange between two actors over an issue pair (p, q): side <see cref="I"/> supplies q and demands p,
/// side <see cref="J"/> supplies p and demands q. Sizes follow the equal-gain rule; after an exchange is executed the
/// candidates it touches are recalculated (<see cref="Recalculate"/>).
/// </summary>
internal sealed class ExchangeCandidate
{
    private readonly ExchangeBoard _board;

    public ExchangeCandidate(ExchangeBoard board, int actorA, int actorB, int p, int q, GroupPair groups)
    {
        _board = board;
        P = p;
        Q = q;
        Groups = groups;
        // The actor with the larger relative salience s_p / s_q demands p (cross-multiplied: saliences are > 0 here).
        ContextDecimal aRatioLeft = board.Salience(actorA, p) * board.Salience(actorB, q);
        ContextDecimal bRatioLeft = board.Salience(actorB, p) * board.Salience(actorA, q);
        bool bDemandsP = aRatioLeft < bRatioLeft;
        int demanderOfP = bDemandsP ? actorB : actorA;
        int supplierOfP = bDemandsP ? actorA : actorB;
        I = new ExchangeSide(demanderOfP, supply: q, demand: p, board);
        J = new ExchangeSide(supplierOfP, supply: p, demand: q, board);
        I.Other = J;
        J.Other = I;
    }

    public int P { get; }
    public int Q { get; }
    public GroupPair Groups { get; }

    /// <summary>Supplies q, demands p.</summary>
    public ExchangeSide I { get; }

    /// <summary>Supplies p, demands q.</summary>
    public ExchangeSide J { get; }

    public ContextDecimal Gain { get; private set; }
    public bool IsValid { get; private set; } = true;

    /// <summary>Votes of third parties that earlier exchanges moved toward this exchange's demanders: issue → actor → vote.</summary>
    private readonly Dictionary<int, Dictionary<int, ContextDecimal>> _updates = [];

    private Dictionary<int, ContextDecimal> UpdatesOn(int issue)
    {
        if (!_updates.TryGetValue(issue, out var d)) _updates[issue] = d = [];
        return d;
    }

    /// <summary>Computes the equal-gain sizes, the gain and validity (decide's <c>EqualGainExchange.calculate</c>).</summary>
    public void Calculate()
    {
        ContextDecimal wp = _board.Denominator(P), wq = _board.Denominator(Q);
        // Try first: J moves all the way to I's position on p.
        ContextDecimal dp = ExchangeMath.Ratio(ContextDecimal.Abs(Sub(I.DemandPosition, J.SupplyPosition)), J.SupplySalience, J.SupplyPower, wp);
        ContextDecimal dq = ExchangeMath.PartnerRatio(J, dp);
        I.Move = ExchangeMath.MoveFor(dq, I, wq);
        J.Move = ContextDecimal.Abs(Sub(I.DemandPosition, J.SupplyPosition));
        if (ContextDecimal.Abs(I.Move) > ContextDecimal.Abs(Sub(J.DemandPosition, I.SupplyPosition)))
        {
            // I's required move exceeds its distance to J: I moves fully and J's move is scaled down.
            dq = ExchangeMath.Ratio(ContextDecimal.Abs(Sub(J.DemandPosition, I.SupplyPosition)), I.SupplySalience, I.SupplyPower, wq);
            dp = ExchangeMath.PartnerRatio(I, dq);
            I.Move = ContextDecimal.Abs(Sub(J.DemandPosition, I.SupplyPosition));
            J.Move = ExchangeMath.MoveFor(dp, J, wp);
        }
        if (I.SupplyPosition > J.DemandPosition) I.Move = -I.Move;
        if (J.SupplyPosition > I.DemandPosition) J.Move = -J.Move;
        I.Moves.Add(I.Move);
        J.Moves.Add(J.Move);
        I.Y = Add(I.SupplyPosition, I.Move);
        J.Y = Add(J.SupplyPosition, J.Move);

        Gain = ContextDecimal.Abs(Sub(Mul(dq, I.SupplySalience), Mul(dp, I.DemandSalience)));
        IsValid = I.IsMoveValid(I.Move) && J.IsMoveValid(J.Move);
        if (Gain < ExchangeMath.Negligible) IsValid = false;
        if (!IsValid) return;

        CapAtDemandPosition(I);
        CapAtDemandPosition(J);
        IsValid = I.IsMoveValid(I.Move) && J.IsMoveValid(J.Move);
    }

    /// <summary>
    /// The outcome cap (decide's <c>check_nbs</c>): if the supplier's move would push its supply issue's outcome past
    /// the demanding partner's own position, the move is cut so the outcome lands on that position and the partner's
    /// move is recomputed for equal gain.
    /// </summary>
    private void CapAtDemandPosition(ExchangeSide s)
    {
        var o = s.Other;
        var updates = UpdatesOn(s.Supply);
        s.OutcomeBefore = _board.OutcomeWith(s.Supply, updates, s.Actor, s.SupplyPosition);
        s.OutcomeAfter = _board.OutcomeWith(s.Supply, updates, s.Actor, s.Y);
        ContextDecimal x = o.DemandPosition;
        ContextDecimal before = Sub(x, s.OutcomeBefore), after = Sub(x, s.OutcomeAfter);
        // The cap applies only when the move carries the outcome across the partner's position. An outcome exactly on
        // it counts as on either side, as in decide, whose last rounded digit then decides (docs/decisions.md).
        bool capped = !(before >= 0 && after >= 0) && !(before <= 0 && after <= 0);
        _board.Trace?.Observe(s, before, after, capped);
        if (!capped) return;

        ContextDecimal w = _board.Denominator(s.Supply);
        ContextDecimal delta = ContextDecimal.Abs(_board.MoveToReach(s.Supply, updates, s.Actor, s.SupplyPosition, x));
        ContextDecimal ratioS = ExchangeMath.Ratio(delta, s.SupplySalience, s.SupplyPower, w);
        ContextDecimal ratioO = ExchangeMath.PartnerRatio(s, ratioS);
        o.Move = ContextDecimal.Abs(ExchangeMath.MoveFor(ratioO, o, _board.Denominator(o.Supply)));
        s.Move = delta;
        if (o.SupplyPosition > s.DemandPosition) o.Move = -o.Move;
        if (s.SupplyPosition > o.DemandPosition) s.Move = -s.Move;
        o.ReplaceLastMove(o.Move);
        s.ReplaceLastMove(s.Move);
        o.Y = Add(o.SupplyPosition, o.Move);
        s.Y = Add(s.SupplyPosition, s.Move);
        Gain = ContextDecimal.Abs(Sub(Mul(ratioO, o.SupplySalience), Mul(ratioS, o.DemandSalience)));
        s.OutcomeAfter = _board.OutcomeWith(s.Supply, updates, s.Actor, s.Y);
        IsValid = o.IsMoveValid(o.Move) && s.IsMoveValid(s.Move);
    }

    /// <summary>
    /// Brings this candidate up to date after <paramref name="executed"/> was carried out (decide's
    /// <c>recalculate</c>): a shared supplier continues from its new vote; a shared demander sees the partner's move
    /// in the outcome it may not be pushed past. Returns whether it is still valid.
    /// </summary>
    public bool Recalculate(ExchangeCandidate executed)
    {
        bool touchedI = Follow(I, executed);
        bool touchedJ = Follow(J, executed);
        bool recalc = touchedI || touchedJ;
        if (recalc) DropLastMoves();

        if (executed.J.SameActorAndDemand(J) || executed.J.SameActorAndDemand(I))
        {
            RecordThirdPartyMove(executed.I, executed.J.Demand);
            if (!recalc) { DropLastMoves(); recalc = true; }
        }
        if (executed.I.SameActorAndDemand(J) || executed.I.SameActorAndDemand(I))
        {
            RecordThirdPartyMove(executed.J, executed.I.Demand);
            if (!recalc) { DropLastMoves(); recalc = true; }
        }
        if (recalc) Calculate();
        return IsValid;
    }

    private static bool Follow(ExchangeSide mine, ExchangeCandidate executed)
    {
        var from = mine.SameActorAndSupply(executed.I) ? executed.I
            : mine.SameActorAndSupply(executed.J) ? executed.J : null;
        if (from is null) return false;
        mine.SupplyPosition = from.Y;
        mine.Moves.Add(from.Moves.Count > 0 ? from.Moves[^1] : from.Move);
        return true;
    }

    private void DropLastMoves()
    {
        I.DropLastMove();
        J.DropLastMove();
    }

    private void RecordThirdPartyMove(ExchangeSide mover, int issue)
    {
        var updates = UpdatesOn(issue);
        if (!updates.TryGetValue(mover.Actor, out var known))
        {
            updates[mover.Actor] = mover.Y;
            return;
        }
        updates[mover.Actor] = mover.Start <= known
            ? (known < mover.Y ? known : mover.Y)
            : (known > mover.Y ? known : mover.Y);
    }
}
