namespace Parley.Core.Models.Exchange;

/// <summary>How ties between equally good exchanges are broken.</summary>
public enum TieBreak
{
    /// <summary>Stable order: issue pairs in input order, actors in input order, right/right×left/left before left/right×right/left.</summary>
    Deterministic,

    /// <summary>A seeded uniform choice among the exchanges that share the best gain.</summary>
    Random,
}

/// <summary>An executed exchange, on the 0–100 working scale.</summary>
internal sealed record ExecutedTrade(
    int Order, int ActorI, int SupplyI, ContextDecimal FromI, ContextDecimal ToI, int ActorJ, int SupplyJ, ContextDecimal FromJ, ContextDecimal ToJ,
    ContextDecimal Gain, GroupPair Groups, int P, int Q, ContextDecimal[,] Externality, bool[] Inner);

/// <summary>One round on the working scale: outcomes on preferences before, the trades, outcomes on votes after.</summary>
internal sealed record SimulatedRound(int Round, ContextDecimal[] PreferenceOutcome, ContextDecimal[] VotingOutcome,
    IReadOnlyList<ExecutedTrade> Trades, ContextDecimal[,] PreferencesAfter, int Ties);

/// <summary>
/// The round loop of the equal-gain exchange model as decide runs it: at the start of a round every possible
/// exchange is formed and sized; the best is executed, every exchange it touches is recalculated or dropped, and so on
/// until none is left; then the outcomes are computed on the votes and actors partly adopt their votes.
/// </summary>
internal static class ExchangeSimulation
{
    /// <summary>Changes the inputs before a round's exchanges (shocks): preferences, saliences, powers, participation.</summary>
    public delegate void RoundHook(int round, ContextDecimal[,] preferences, ContextDecimal[,] salience, ContextDecimal[,] power, bool[,] present);

    public static IReadOnlyList<SimulatedRound> Run(ContextDecimal[,] position, ContextDecimal[,] salience, ContextDecimal[,] power,
        bool[,] present, int rounds, TieBreak ties, ulong seed, RoundHook? beforeRound = null)
    {
        int n = position.GetLength(0), m = position.GetLength(1);
        var prefs = (ContextDecimal[,])position.Clone();
        salience = (ContextDecimal[,])salience.Clone();
        power = (ContextDecimal[,])power.Clone();
        present = (bool[,])present.Clone();
        var result = new List<SimulatedRound>(rounds);
        for (int r = 1; r <= rounds; r++)
        {
            beforeRound?.Invoke(r, prefs, salience, power, present);
            var board = new ExchangeBoard(prefs, salience, power, present);
            var prefOutcome = Enumerable.Range(0, m).Select(board.Outcome).ToArray();
            var candidates = FormCandidates(board);
            var rng = ties == TieBreak.Random ? new Random(DeriveSeed(seed, r)) : null;
            var (executed, tieCount) = Execute(board, candidates, rng);

            var votes = (ContextDecimal[,])prefs.Clone();
            foreach (var t in executed)
            {
                votes[t.I.Actor, t.I.Supply] = t.I.Y;
                votes[t.J.Actor, t.J.Supply] = t.J.Y;
            }
            var votingBoard = new ExchangeBoard(votes, salience, power, present);
            var votingOutcome = Enumerable.Range(0, m).Select(votingBoard.Outcome).ToArray();

            var next = (ContextDecimal[,])votes.Clone();
            foreach (var t in executed)
            {
                next[t.I.Actor, t.I.Supply] = ExchangeMath.NewPreference(t.I.SupplySalience, t.I.Start, t.I.Y);
                next[t.J.Actor, t.J.Supply] = ExchangeMath.NewPreference(t.J.SupplySalience, t.J.Start, t.J.Y);
            }

            var trades = executed.Select((t, k) => ToTrade(board, t, k + 1)).ToArray();
            result.Add(new SimulatedRound(r, prefOutcome, votingOutcome, trades, next, tieCount));
            prefs = next;
        }
        return result;
    }

    private static int DeriveSeed(ulong seed, int round)
    {
        ulong z = seed + 0x9E3779B97F4A7C15UL * (ulong)round;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }

    /// <summary>Every exchange possible at the round's start, in decide's creation order.</summary>
    private static List<ExchangeCandidate> FormCandidates(ExchangeBoard board)
    {
        var list = new List<ExchangeCandidate>();
        int n = board.ActorCount, m = board.IssueCount;
        var groups = new List<int>[4];
        for (int p = 0; p < m; p++)
        for (int q = p + 1; q < m; q++)
        {
            for (int g = 0; g < 4; g++) groups[g] = [];
            for (int a = 0; a < n; a++)
            {
                if (!board.Has(a, p) || !board.Has(a, q)) continue;
                int g = (board.IsLeft(a, p) ? 1 : 0) | (board.IsLeft(a, q) ? 2 : 0);
                groups[g].Add(a);
            }
            foreach (var a in groups[0])
            foreach (var b in groups[3])
                list.Add(Create(board, a, b, p, q, GroupPair.OuterSides));
            foreach (var a in groups[1])
            foreach (var b in groups[2])
                list.Add(Create(board, a, b, p, q, GroupPair.CrossSides));
        }
        return list;
    }

    private static ExchangeCandidate Create(ExchangeBoard board, int a, int b, int p, int q, GroupPair g)
    {
        var c = new ExchangeCandidate(board, a, b, p, q, g);
        c.Calculate();
        return c;
    }

    private static (List<ExchangeCandidate> Executed, int Ties) Execute(ExchangeBoard board, List<ExchangeCandidate> candidates, Random? rng)
    {
        var executed = new List<ExchangeCandidate>();
        int ties = 0;
        while (candidates.Count > 0)
        {
            // Stable sort, best gain first (decide: list.sort(key=gain, reverse=True)). Gains that agree to 20
            // decimals are ties: equal in exact arithmetic, they differ only by rounding in the last digit.
            candidates = candidates.OrderByDescending(c => c.Gain).ToList();
            int pick = 0;
            if (rng is not null)
            {
                int tied = 1;
                while (tied < candidates.Count && candidates[0].Gain - candidates[tied].Gain < TieTolerance) tied++;
                if (tied > 1)
                {
                    ties++;
                    pick = rng.Next(tied);
                }
            }
            var best = candidates[pick];
            candidates.RemoveAt(pick);
            if (!best.IsValid) continue;
            var kept = new List<ExchangeCandidate>(candidates.Count);
            foreach (var c in candidates)
                if (c.IsValid && c.Recalculate(best))
                    kept.Add(c);
            candidates = kept;
            executed.Add(best);
        }
        return (executed, ties);
    }

    /// <summary>Gains closer than this count as tied (decide: 1e-20).</summary>
    private static readonly ContextDecimal TieTolerance = ContextDecimal.ExactFromDouble(1e-20);

    private static ExecutedTrade ToTrade(ExchangeBoard board, ExchangeCandidate c, int order)
    {
        // Each actor's change in utility on each of the two issues: s·(|O_before − x| − |O_after − x|),
        // with decide's before/after outcomes of each supply issue.
        int n = board.ActorCount, m = board.IssueCount;
        var ext = new ContextDecimal[n, m];
        var inner = new bool[n];
        for (int a = 0; a < n; a++)
        {
            if (!board.Has(a, c.P) || !board.Has(a, c.Q)) continue;
            bool lp = board.IsLeft(a, c.P), lq = board.IsLeft(a, c.Q);
            inner[a] = c.Groups == GroupPair.OuterSides ? lp == lq : lp != lq;
        }
        foreach (var side in new[] { c.I, c.J })
        {
            int k = side.Supply;
            for (int a = 0; a < n; a++)
            {
                if (!board.Has(a, c.P) || !board.Has(a, c.Q)) continue;
                ContextDecimal x = board.Position(a, k);
                ext[a, k] = board.Salience(a, k) * (ContextDecimal.Abs(side.OutcomeBefore - x) - ContextDecimal.Abs(side.OutcomeAfter - x));
            }
        }
        return new ExecutedTrade(order, c.I.Actor, c.I.Supply, c.I.SupplyPosition, c.I.Y, c.J.Actor, c.J.Supply,
            c.J.SupplyPosition, c.J.Y, c.Gain, c.Groups, c.P, c.Q, ext, inner);
    }
}
