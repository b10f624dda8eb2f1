using Parley.Core.Domain;

namespace Parley.Core.Models.Exchange;

/// <summary>How ties between equally good exchanges are broken.</summary>
public enum ExchangeTieBreak
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
/// The cap decisions of a decimal run where the outcome was within 1e-9 of the demanding partner's position before
/// or after the move (where decide's last digit can decide): round, exchanges executed before, supplier and its supply
/// issue, demander and its supply issue, and whether the move was capped. Only tests pass one.
/// </summary>
internal sealed class CapTrace
{
    private static readonly ContextDecimal Near = ContextDecimal.ExactFromDouble(1e-9);

    public List<(int Round, int Executed, int Supplier, int Supply, int Demander, int DemanderSupply, bool Capped)> Decisions { get; } = [];

    public int Round { get; private set; }
    public int Executed { get; set; }

    public void StartRound(int round) => (Round, Executed) = (round, 0);

    public void Observe(ExchangeSide s, ContextDecimal before, ContextDecimal after, bool capped)
    {
        if (ContextDecimal.Abs(before) < Near || ContextDecimal.Abs(after) < Near)
            Decisions.Add((Round, Executed, s.Actor, s.Supply, s.Other.Actor, s.Other.Supply, capped));
    }
}

/// <summary>
/// The reference arithmetic (<c>arithmetic=decimal</c>): decide's round loop in <see cref="ContextDecimal"/>, which
/// reproduces decide's choices and numbers exactly. Inputs are read as the decimals they were written as, positions
/// rescaled with decide's expression; results are converted to double only at the end.
/// </summary>
internal sealed class DecimalExchangeKernel : IExchangeKernel
{
    public static readonly DecimalExchangeKernel Instance = new();

    public ExchangeRun Run(ExchangeProblem problem, int rounds, ExchangeTieBreak ties, ulong seed) => Run(problem, rounds, ties, seed, null);

    public ExchangeRun Run(ExchangeProblem problem, int rounds, ExchangeTieBreak ties, ulong seed, CancellationToken cancellation) =>
        Run(problem, rounds, ties, seed, null, cancellation);

    /// <param name="trace">Records the near-landing cap decisions (tests only).</param>
    /// <param name="cancellation">Checked before every round.</param>
    public ExchangeRun Run(ExchangeProblem problem, int rounds, ExchangeTieBreak ties, ulong seed, CapTrace? trace,
        CancellationToken cancellation = default)
    {
        int n = problem.Actors, m = problem.Issues;
        var position = new ContextDecimal[n, m];
        var salience = new ContextDecimal[n, m];
        var power = new ContextDecimal[n, m];
        var present = new bool[n, m];
        for (int k = 0; k < m; k++)
        for (int a = 0; a < n; a++)
        {
            int i = a * m + k;
            if (!problem.Present[i]) continue;
            present[a, k] = true;
            position[a, k] = ToWorking(problem.Scales[k], problem.Position[i]);
            salience[a, k] = Exact(problem.Salience[i]);
            power[a, k] = Exact(problem.Power[i]);
        }
        var shocks = problem.Shocks;
        var simulated = ExchangeSimulation.Run(position, salience, power, present, rounds, ties, seed,
            (round, prefs, sal, pow, pres) =>
            {
                cancellation.ThrowIfCancellationRequested();
                if (shocks.Count > 0) ApplyShocks(shocks, round, problem.Scales, prefs, sal, pow, pres);
            }, trace);
        var initial = new double[n * m];
        for (int a = 0; a < n; a++)
        for (int k = 0; k < m; k++)
            initial[a * m + k] = (double)position[a, k];
        return Convert(initial, simulated, n, m);
    }

    /// <summary>decide's normalisation: (x − lower)·(100 / (upper − lower)).</summary>
    internal static ContextDecimal ToWorking(Scale scale, double x) =>
        ExchangeMath.Mul(ExchangeMath.Sub(Exact(x), Exact(scale.Min)),
            ExchangeMath.Div(100m, ExchangeMath.Sub(Exact(scale.Max), Exact(scale.Min))));

    /// <summary>The decimal a value was written as (shortest round-trip form), as decide reads it from the file.</summary>
    internal static ContextDecimal Exact(double x) => ContextDecimal.FromWritten(x);

    /// <summary>
    /// Applies the shocks of a round before its exchanges: an actor leaves (takes part in nothing more), or its
    /// preference, salience (0 = stops trading the issue) or capability (power on every issue) changes.
    /// </summary>
    private static void ApplyShocks(IReadOnlyList<ExchangeShock> shocks, int round, Scale[] scales,
        ContextDecimal[,] prefs, ContextDecimal[,] sal, ContextDecimal[,] pow, bool[,] present)
    {
        foreach (var iv in shocks)
        {
            if (iv.Round != round) continue;
            int a = iv.Actor, k = iv.Issue;
            switch (iv.Kind)
            {
                case InterventionKind.Remove:
                    for (int j = 0; j < scales.Length; j++) present[a, j] = false;
                    break;
                case InterventionKind.SetCapability:
                    for (int j = 0; j < scales.Length; j++) pow[a, j] = Exact(iv.Value);
                    break;
                case InterventionKind.SetPosition when k >= 0 && present[a, k]:
                    prefs[a, k] = ToWorking(scales[k], Math.Clamp(iv.Value, scales[k].Min, scales[k].Max));
                    break;
                case InterventionKind.SetSalience when k >= 0:
                    sal[a, k] = Exact(Math.Clamp(iv.Value, 0, 1));
                    present[a, k] = present[a, k] && iv.Value > 0;
                    break;
            }
        }
    }

    /// <summary>The rounds in double; externalities summed per issue, actor and slot in ContextDecimal, in trade order.</summary>
    private static ExchangeRun Convert(double[] initial, IReadOnlyList<SimulatedRound> simulated, int n, int m)
    {
        var rounds = new List<RoundOutput>(simulated.Count);
        var sums = new ContextDecimal[m * n * ExternalitySlot.Count];
        foreach (var r in simulated)
        {
            var after = new double[n * m];
            for (int a = 0; a < n; a++)
            for (int k = 0; k < m; k++)
                after[a * m + k] = (double)r.PreferencesAfter[a, k];
            var trades = r.Trades.Select(t => new TradeRecord(t.Order, t.ActorI, t.SupplyI, (double)t.FromI, (double)t.ToI,
                t.ActorJ, t.SupplyJ, (double)t.FromJ, (double)t.ToJ, (double)t.Gain)).ToArray();
            rounds.Add(new RoundOutput(r.Round, r.PreferenceOutcome.Select(v => (double)v).ToArray(),
                r.VotingOutcome.Select(v => (double)v).ToArray(), trades, after, r.Ties));
            foreach (var t in r.Trades)
            foreach (int k in new[] { t.P, t.Q })
            for (int a = 0; a < n; a++)
            {
                ContextDecimal v = t.Externality[a, k];
                int slot = ExternalitySlot.Of(a == t.ActorI || a == t.ActorJ, t.Inner[a], v > 0);
                sums[(k * n + a) * ExternalitySlot.Count + slot] += v;
            }
        }
        return new ExchangeRun(initial, rounds, sums.Select(v => (double)v).ToArray());
    }
}

/// <summary>
/// The round loop of the equal-gain exchange model as decide runs it: at the start of a round every possible
/// exchange is formed and sized; the best is executed, every exchange it touches is recalculated or dropped, and so on
/// until none is left; then the outcomes are computed on the votes and actors partly adopt their votes.
/// </summary>
internal static class ExchangeSimulation
{
    /// <summary>Changes the inputs before a round's exchanges (shocks): preferences, saliences, powers, participation.</summary>
    public delegate void RoundHook(int round, ContextDecimal[,] preferences, ContextDecimal[,] salience, ContextDecimal[,] power, bool[,] present);

    /// <param name="trace">Records the run's near-landing cap decisions (tests only).</param>
    public static IReadOnlyList<SimulatedRound> Run(ContextDecimal[,] position, ContextDecimal[,] salience, ContextDecimal[,] power,
        bool[,] present, int rounds, ExchangeTieBreak ties, ulong seed, RoundHook? beforeRound = null, CapTrace? trace = null)
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
            trace?.StartRound(r);
            var board = new ExchangeBoard(prefs, salience, power, present) { Trace = trace };
            var prefOutcome = Enumerable.Range(0, m).Select(board.Outcome).ToArray();
            var candidates = FormCandidates(board);
            var rng = ties == ExchangeTieBreak.Random ? new Random(DeriveSeed(seed, r)) : null;
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

    internal static int DeriveSeed(ulong seed, int round)
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
            if (board.Trace is { } trace) trace.Executed = executed.Count + 1;
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
