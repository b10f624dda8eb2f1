using System.Numerics;

namespace Parley.Core.Models.Exchange;

/// <summary>The execution loop of a round: best candidate first, then re-size what it touched (decide's <c>recalculate</c>).</summary>
internal sealed partial class FastExchangeRound
{
    /// <summary>Gains closer than this count as tied: for <c>ties=random</c>, and for the probes.</summary>
    public const double GainTolerance = 1e-9;

    private readonly List<(int Id, double Gain)> _tied = [];

    private int Execute(Random? rng)
    {
        int ties = 0, executed = 0;
        while (_queue.TryPeek(out int id, out double gain))
        {
            // a large round executes tens of thousands of exchanges (seconds at 1,000 actors): stop within one batch of them
            if ((++executed & 255) == 0) _cancel.ThrowIfCancellationRequested();
            _queue.Pop(id);
            if (rng is not null || _guide is not null) id = ChooseAmongTied(id, gain, rng, ref ties);
            else if (_log is not null && _queue.TryPeek(out _, out double next) && Tied(gain, next)) Flag(AmbiguityKind.GainOrder);
            ExecuteOne(id);
        }
        return ties;
    }

    private static bool Tied(double best, double other) => best - other <= GainTolerance * Math.Max(1, best);

    /// <summary>
    /// The best candidate and every other whose gain is within <see cref="GainTolerance"/> of it, in their order:
    /// <c>ties=random</c> draws one uniformly; a test's guide names the one its reference executed. The others go
    /// back with their gains.
    /// </summary>
    private int ChooseAmongTied(int best, double gain, Random? rng, ref int ties)
    {
        _tied.Clear();
        _tied.Add((best, gain));
        while (_queue.TryPeek(out int next, out double g) && Tied(gain, g))
        {
            _queue.Pop(next);
            _tied.Add((next, g));
        }
        if (_tied.Count == 1) return best;
        int pick;
        if (rng is not null)
        {
            ties++;
            pick = rng.Next(_tied.Count);
        }
        else
        {
            var keys = new (int, int, int, int)[_tied.Count];
            for (int t = 0; t < keys.Length; t++)
            {
                var (pair, _, actorI, actorJ) = Decode(_tied[t].Id);
                keys[t] = (actorI, _pairQ[pair], actorJ, _pairP[pair]);
            }
            pick = _guide!.Choose(_round, _trades.Count + 1, keys);
            if (pick < 0)
            {
                Flag(AmbiguityKind.GainOrder);
                pick = 0;
            }
        }
        for (int t = 0; t < _tied.Count; t++)
        {
            if (t == pick) continue;
            var (other, g) = _tied[t];
            _state[other].Stamp++;
            ClearBit(_fresh, other);
            _queue.Push(other, g);
        }
        return _tied[pick].Id;
    }

    /// <summary>Executes a candidate: records the trade and its externalities, then brings the touched candidates up to date.</summary>
    private void ExecuteOne(int id)
    {
        var (pair, block, actorI, actorJ) = Decode(id);
        Load(id, pair, actorI, actorJ, out var i, out var j);
        Evaluate(ref i, ref j, out double gain);
        if (_probe is not null) ProbeExecution(in i, in j);
        Kill(id, Transposed(pair, block, actorI, actorJ, HasBit(_rowIsI, id)), pair, actorI, actorJ);
        _trades.Add(new TradeRecord(_trades.Count + 1, i.Actor, i.Supply, i.Sup, i.Y, j.Actor, j.Supply, j.Sup, j.Y, gain));
        AddExternalities(pair, block, in i, in j);
        // Every live candidate in which j demands q now sees i's vote on q, and where i demands p, j's vote on p;
        // every one in which i supplies q continues from i's new vote (j on p likewise).
        Record(j.Actor, in i);
        Record(i.Actor, in j);
        _vote[i.Actor * _m + i.Supply] = i.Y;
        _vote[j.Actor * _m + j.Supply] = j.Y;

        // The candidates this can change: i's on pairs with q where i supplies q, or with p where i demands p; j's on
        // pairs with p where j supplies p, or with q where j demands q. Demanding only matters while the demander is
        // near the outcome. On a pair (p', q'), side i supplies q' and demands p'; which of a line's candidates have
        // the actor as side i is a flag bit, so each line is filtered by one bit pattern.
        var e = new Executed(i, j);
        int p = _pairP[pair], q = _pairQ[pair];
        bool nearI = _nearDemand[i.Actor * _m + p], nearJ = _nearDemand[j.Actor * _m + q];
        for (int other = 0; other < _pairCount; other++)
        {
            int op = _pairP[other], oq = _pairQ[other];
            bool hasP = op == p || oq == p, hasQ = op == q || oq == q;
            // i supplies q there as side i when q is the pair's second issue; i demands p as side i when p is its first
            bool visitI = hasQ || (hasP && nearI), iAsI = hasQ ? oq == q : op == p;
            bool visitJ = hasP || (hasQ && nearJ), jAsI = hasP ? oq == p : op == q;
            if (visitI) VisitLine(other, i.Actor, iAsI, skipPartner: -1, in e);
            // a candidate of both actors that i's pattern matched was handled with i's line
            if (visitJ) VisitLine(other, j.Actor, jAsI, skipPartner: visitI && jAsI != iAsI ? i.Actor : -1, in e);
        }
    }

    /// <summary>An executed exchange as its recalculations see it: each side with its vote before (Sup) and after (Y).</summary>
    private readonly struct Executed(Side i, Side j)
    {
        public readonly Side I = i, J = j;
    }

    /// <summary>
    /// Visits <paramref name="actor"/>'s live candidates on a pair in which it is side i (<paramref name="asI"/>) or
    /// side j (those with <paramref name="skipPartner"/> were visited already). A line's bits are contiguous (in the
    /// transposed sets for a column), so they are matched 64 at a time.
    /// </summary>
    private void VisitLine(int pair, int actor, bool asI, int skipPartner, in Executed e)
    {
        int slot = pair * _n + actor;
        int g = _slotGroup[slot];
        if (g < 0 || _aliveInLine[slot] == 0) return;
        int idx = _slotIndex[slot];
        int block = g is 0 or 3 ? 0 : 1;
        BlockGroups(pair, block, out var rows, out var cols);
        int baseId = _blockBase[pair * 2 + block];
        bool isRow = g is 0 or 1;
        var partners = isRow ? cols : rows;
        int first = baseId + idx * partners.Length, end = first + partners.Length;
        ulong[] alive = isRow ? _alive : _aliveT, rowIsI = isRow ? _rowIsI : _rowIsIT;
        // the actor is side i where the row actor is i (bit set) if it is the row, where it is not if the column
        bool wantBit = asI == isRow;
        // When the actor's side is the one that moved (same supply issue), most of the line's candidates have a partner
        // its vote has just passed: they are dropped here, without the full recalculation (which would drop them too).
        int supply = asI ? _pairQ[pair] : _pairP[pair];
        ref readonly Side moved = ref Followed(actor, supply, in e, out bool follows);
        bool dropPassed = follows && _log is null;
        for (int w = first >> 6; w <= (end - 1) >> 6; w++)
        {
            ulong hits = alive[w] & (wantBit ? rowIsI[w] : ~rowIsI[w]);
            int lo = w << 6;
            if (lo < first) hits &= ~0UL << (first - lo);
            if (end - lo < 64) hits &= (1UL << (end - lo)) - 1;
            while (hits != 0)
            {
                int at = lo + BitOperations.TrailingZeroCount(hits) - first;
                hits &= hits - 1;
                int partner = partners[at];
                if (partner == skipPartner) continue;
                if (dropPassed && Passed(in moved, _x[partner * _m + supply]))
                {
                    if (_probe is not null) ProbeDrop(PassedNow(actor, supply, partner));
                    if (isRow) Kill(first + at, baseId + at * rows.Length + idx, pair, actor, partner);
                    else Kill(baseId + at * cols.Length + idx, first + at, pair, actor, partner);
                    continue;
                }
                if (isRow) Recalculate(first + at, baseId + at * rows.Length + idx, wantBit, pair, actor, partner, in e);
                else Recalculate(baseId + at * cols.Length + idx, first + at, wantBit, pair, partner, actor, in e);
            }
        }
    }

    /// <summary>
    /// decide's <c>recalculate</c> for one candidate (<paramref name="rowActor"/> × <paramref name="colActor"/>, bit
    /// <paramref name="transposed"/> in the transposed sets):
    /// a side that supplies what an executed side supplied continues from its vote (and keeps its previous move in its
    /// history); a side that demands what an executed side demanded sees the partner's vote (recorded already); then
    /// the candidate is re-sized, and dropped when no longer valid.
    /// </summary>
    private void Recalculate(int id, int transposed, bool rowIsI, int pair, int rowActor, int colActor, in Executed e)
    {
        int actorI = rowIsI ? rowActor : colActor, actorJ = rowIsI ? colActor : rowActor;
        int p = _pairP[pair], q = _pairQ[pair], m = _m;
        // i supplies q and demands p; j supplies p and demands q
        ref readonly Side fromI = ref Followed(actorI, q, in e, out bool followI);
        ref readonly Side fromJ = ref Followed(actorJ, p, in e, out bool followJ);
        if (!followI && !followJ)
        {
            // Only a recorded third-party vote: it can change nothing while the demander is far from the outcome.
            bool seesJ = (e.J.Actor == actorJ && e.J.Demand == q) || (e.J.Actor == actorI && e.J.Demand == p);
            bool seesI = (e.I.Actor == actorJ && e.I.Demand == q) || (e.I.Actor == actorI && e.I.Demand == p);
            bool matters = (seesJ && _nearDemand[e.J.Actor * m + e.J.Demand]) || (seesI && _nearDemand[e.I.Actor * m + e.I.Demand]);
            if (!matters)
            {
                if (_log is not null) CheckShortcut(id, pair, actorI, actorJ, followI, followJ, expectValid: true);
                return;
            }
        }
        // A followed side whose partner lies between its old and new vote would now move the other way: its moves no
        // longer share a sign, so the candidate is invalid (decide's rule), whatever its sizes.
        if ((followI && Reverses(in fromI, _x[actorJ * m + q])) || (followJ && Reverses(in fromJ, _x[actorI * m + p])))
        {
            if (_log is not null) CheckShortcut(id, pair, actorI, actorJ, followI, followJ, expectValid: false);
            if (_probe is not null) ProbeDrop(PassedNow(actorI, q, actorJ) || PassedNow(actorJ, p, actorI));
            Kill(id, transposed, pair, actorI, actorJ);
            return;
        }
        if (_probe is not null && (PassedNow(actorI, q, actorJ) || PassedNow(actorJ, p, actorI))) _probe.PassedTestDisagreements++;

        ref var st = ref _state[id];
        if (followI)
        {
            st.PreSumI += st.LastI;
            st.SignI = Combine(st.SignI, st.LastI);
        }
        if (followJ)
        {
            st.PreSumJ += st.LastJ;
            st.SignJ = Combine(st.SignJ, st.LastJ);
        }
        Load(id, pair, actorI, actorJ, out var i, out var j);
        bool valid = Evaluate(ref i, ref j, out double gain);
        if (_probe is not null)
        {
            _probe.Resizes++;
            if (valid && gain > st.Gain) _probe.GainRose++;
        }
        st.LastI = i.Move;
        st.LastJ = j.Move;
        if (!valid)
        {
            Kill(id, transposed, pair, actorI, actorJ);
            return;
        }
        if (BitConverter.DoubleToInt64Bits(gain) == BitConverter.DoubleToInt64Bits(st.Gain)) return;
        st.Gain = gain;
        st.Stamp++;
        ClearBit(_fresh, id);
        _queue.Push(id, gain);
    }

    /// <summary>
    /// Tests only (when probing): re-sizes a candidate that a shortcut left alone (a far demander) or dropped (a
    /// partner passed), and fails loudly if the full re-sizing disagrees: unchanged moves and gain, or invalid.
    /// </summary>
    private void CheckShortcut(int id, int pair, int actorI, int actorJ, bool followI, bool followJ, bool expectValid)
    {
        var log = _log;
        _log = null;
        ref var st = ref _state[id];
        Load(id, pair, actorI, actorJ, out var i, out var j);
        if (followI) (i.PreSum, i.PreSign) = (i.PreSum + st.LastI, Combine(i.PreSign, st.LastI));
        if (followJ) (j.PreSum, j.PreSign) = (j.PreSum + st.LastJ, Combine(j.PreSign, st.LastJ));
        bool valid = Evaluate(ref i, ref j, out double gain);
        _log = log;
        bool same = expectValid
            ? valid && i.Move.Equals(st.LastI) && j.Move.Equals(st.LastJ) && gain.Equals(st.Gain)
            : !valid;
        if (!same)
            throw new InvalidOperationException($"fast exchange kernel: the shortcut for candidate {id} (round {_round}, after " +
                $"{_trades.Count} exchanges) disagrees with re-sizing it: valid {valid}, moves {i.Move}/{j.Move}, gain {gain}");
    }

    /// <summary>
    /// Whether a supplier that moved from <c>from.Sup</c> to <c>from.Y</c> has passed (or reached) its partner's
    /// position <paramref name="partner"/>: its last kept move pointed toward the partner from the old vote, its next
    /// would from the new one (decide's sign rule: negative when the vote is above the partner's position).
    /// </summary>
    private bool Reverses(in Side from, double partner)
    {
        if (_log is not null && NearNotAt(from.Y, partner)) Flag(AmbiguityKind.Bound);
        return Passed(in from, partner);
    }

    private static bool Passed(in Side from, double partner) => from.Sup > partner != from.Y > partner;

    /// <summary>
    /// "Passed" from the current votes alone: the supplier's round-start preference and its current vote lie on
    /// different sides of the partner's position. Exact if votes only move one way within a round (the probe checks).
    /// </summary>
    private bool PassedNow(int supplier, int supply, int partner)
    {
        double at = _x[partner * _m + supply];
        return _x[supplier * _m + supply] > at != _vote[supplier * _m + supply] > at;
    }

    private void ProbeDrop(bool passedNow)
    {
        _probe!.PassedDrops++;
        if (!passedNow) _probe.PassedTestDisagreements++;
    }

    /// <summary>An executed exchange's sides: each must move away from its own side of the round's outcome.</summary>
    private void ProbeExecution(in Side i, in Side j)
    {
        var probe = _probe!;
        probe.Executions++;
        foreach (var (s, partner) in new[] { (i, j.Dem), (j, i.Dem) })
        {
            if (_left[s.Actor * _m + s.Supply] ? s.Y < s.Sup : s.Y > s.Sup) probe.MovesAgainstDirection++;
            if (s.Sup > partner != s.Y > partner && Math.Abs(s.Y - partner) > Eps) probe.MovesPastPartner++;
        }
    }

    /// <summary>The executed side whose supply a candidate's side shares (same actor, same supply issue), if any.</summary>
    private static ref readonly Side Followed(int actor, int supply, in Executed e, out bool found)
    {
        found = true;
        if (e.I.Actor == actor && e.I.Supply == supply) return ref e.I;
        if (e.J.Actor == actor && e.J.Supply == supply) return ref e.J;
        found = false;
        return ref e.I;
    }

    private long RecordKey(int demander, int issue, int mover) => ((long)demander * _m + issue) * _n + mover;

    /// <summary>
    /// decide's <c>RecordThirdPartyMove</c> for every live candidate in which <paramref name="demander"/> demands the
    /// mover's supply issue: the mover's vote as those candidates see it; a second record keeps the vote farther
    /// from the mover's start.
    /// </summary>
    private void Record(int demander, in Side mover)
    {
        int k = mover.Supply;
        long key = RecordKey(demander, k, mover.Actor);
        double value = mover.Y, old = mover.Start;
        if (_recorded.TryGetValue(key, out double known))
        {
            old = known;
            value = mover.Start <= known ? Math.Min(known, mover.Y) : Math.Max(known, mover.Y);
        }
        _recorded[key] = value;
        _recordBits[(demander * _m + k) * _recordWords + (mover.Actor >> 6)] |= 1UL << mover.Actor;
        _recordSum[demander * _m + k] += mover.Weight * (value - old);
        if (!_nearDemand[demander * _m + k] && IsNear(demander, k)) _nearDemand[demander * _m + k] = true;
    }

    /// <summary>Whether the outcome of <paramref name="issue"/> as <paramref name="demander"/>'s candidates see it is within <see cref="_capReach"/> of its position.</summary>
    private bool IsNear(int demander, int issue)
    {
        double w = _W[issue];
        double seen = w == 0 ? 0 : (_WX[issue] + _recordSum[demander * _m + issue]) / w;
        return Math.Abs(_x[demander * _m + issue] - seen) <= _capReach[issue];
    }

    /// <summary>The vote recorded for <paramref name="mover"/> on <paramref name="issue"/> in candidates where <paramref name="demander"/> demands it.</summary>
    private bool FindRecord(int demander, int issue, int mover, out double value)
    {
        value = 0;
        return (_recordBits[(demander * _m + issue) * _recordWords + (mover >> 6)] & (1UL << mover)) != 0
            && _recorded.TryGetValue(RecordKey(demander, issue, mover), out value);
    }

    /// <summary>
    /// <see cref="Side.Corr"/> of a supplier whose partner <paramref name="demander"/> demands its supply issue: the
    /// recorded votes' Σ c·s·(v − x), less the supplier's own recorded vote (its own term always wins).
    /// </summary>
    private double Correction(in Side supplier, int demander)
    {
        int k = supplier.Supply;
        double sum = _recordSum[demander * _m + k];
        return FindRecord(demander, k, supplier.Actor, out double own) ? sum - supplier.Weight * (own - supplier.Start) : sum;
    }

    /// <summary>Drops a candidate: its bits in the three sets, and one live candidate from each of its actors' lines.</summary>
    private void Kill(int id, int transposed, int pair, int actorI, int actorJ)
    {
        ClearBit(_alive, id);
        ClearBit(_fresh, id);
        ClearBit(_aliveT, transposed);
        _aliveInLine[pair * _n + actorI]--;
        _aliveInLine[pair * _n + actorJ]--;
    }

    /// <summary>A candidate's bit in the transposed sets (row r, column c of its block at base + c·rows + r).</summary>
    private int Transposed(int pair, int block, int actorI, int actorJ, bool rowIsI)
    {
        int n = _n, rowActor = rowIsI ? actorI : actorJ, colActor = rowIsI ? actorJ : actorI;
        int rows = Group(pair, block == 0 ? 0 : 1).Length;
        return _blockBase[pair * 2 + block] + _slotIndex[pair * n + colActor] * rows + _slotIndex[pair * n + rowActor];
    }

    /// <summary>
    /// The executed exchange's effect on everyone with a stance on both its issues: s·(|O_before − x| − |O_after − x|)
    /// on each supply issue, with the exchange's own before/after outcomes, classed own / inner (a member of one of
    /// the two groups that exchanged) / outer and by sign, added per issue, actor and slot.
    /// </summary>
    private void AddExternalities(int pair, int block, in Side i, in Side j)
    {
        // everyone with a stance on both issues is in one of the pair's four groups; the inner ones are the two
        // groups that exchanged (right/right and left/left for block 0, the mixed ones for block 1)
        for (int g = 0; g < 4; g++)
        {
            bool inner = block == 0 ? g is 0 or 3 : g is 1 or 2;
            foreach (int a in Group(pair, g))
            {
                bool own = a == i.Actor || a == j.Actor;
                AddExternality(a, in i, own, inner);
                AddExternality(a, in j, own, inner);
            }
        }
    }

    private void AddExternality(int a, in Side side, bool own, bool inner)
    {
        int k = side.Supply, at = a * _m + k;
        double x = _x[at];
        double v = _s[at] * (Math.Abs(side.OutcomeBefore - x) - Math.Abs(side.OutcomeAfter - x));
        _externality[(k * _n + a) * ExternalitySlot.Count + ExternalitySlot.Of(own, inner, v > 0)] += v;
    }
}
