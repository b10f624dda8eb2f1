using Parley.Core.Domain;
using Parley.Core.Models.Exchange;
using Parley.Core.Models;

namespace Parley.Formats.Tests.Decide;

/// <summary>
/// Runs the fast (double) and reference (decimal) exchange kernels on the same problem and finds where they first
/// differ: an exchange with other actors or issues or in another order, a different number of exchanges, or a value
/// (position, move, gain, outcome, preference, externality) more than 1e-9 apart on the 0–100 scale; and whether the
/// fast kernel flagged an ambiguous decision (docs/decisions.md) at or before that point.
/// </summary>
internal static class ExchangeKernelComparison
{
    public const double Tolerance = 1e-9;

    public sealed record Result(int Exchanges, (int Round, int Order)? FirstDifference, string? Difference,
        IReadOnlyList<(int Round, int Executed, AmbiguityKind Kind)> Ambiguities)
    {
        public bool Identical => FirstDifference is null;

        /// <summary>The first difference comes after (or at) a decision the fast kernel flagged as ambiguous.</summary>
        public bool Explained => LastFlaggedBeforeDifference is not null;

        /// <summary>The last decision flagged before the first difference (its likeliest cause), if any.</summary>
        public (int Round, int Executed, AmbiguityKind Kind)? LastFlaggedBeforeDifference =>
            FirstDifference is { } d && Ambiguities.LastOrDefault(e => e.Round < d.Round || (e.Round == d.Round && e.Executed < d.Order)) is { Round: > 0 } last
                ? last
                : null;

        public override string ToString() => Identical
            ? $"identical ({Exchanges} exchanges)"
            : $"first difference at round {FirstDifference!.Value.Round}, exchange {FirstDifference.Value.Order} of {Exchanges}: {Difference}; " +
              $"flagged before it: {string.Join(", ", Ambiguities.Where(e => e.Round < FirstDifference.Value.Round || (e.Round == FirstDifference.Value.Round && e.Executed < FirstDifference.Value.Order)).Take(5))}";
    }

    public static ExchangeProblem Problem(Scenario scenario, int rounds) =>
        EqualGainExchangeModel.Problem(scenario, scenario.Issues.ToArray(), ModelSettings.Default, rounds);

    /// <summary>
    /// The reference run, then the fast kernel twice: as it runs by default (<c>Free</c>), and following the reference
    /// where a decision is a rounding question it can follow (<c>Guided</c>): at tied best gains it executes the
    /// exchange the reference executed, and where an outcome lands on a position it caps as the reference capped. The
    /// guided run checks everything else over the whole run; what it cannot follow stays flagged.
    /// </summary>
    public static (Result Free, Result Guided) Compare(ExchangeProblem problem, int rounds)
    {
        var trace = new CapTrace();
        var reference = DecimalExchangeKernel.Instance.Run(problem, rounds, ExchangeTieBreak.Deterministic, 1, trace);
        return (Run(problem, rounds, reference, null), Run(problem, rounds, reference, new FollowReference(reference, trace)));
    }

    private static Result Run(ExchangeProblem problem, int rounds, ExchangeRun reference, IExchangeGuide? guide)
    {
        var log = new ExchangeAmbiguityLog();
        var fast = FastExchangeKernel.Instance.Run(problem, rounds, ExchangeTieBreak.Deterministic, 1, log, guide);
        var (at, what) = FirstDifference(fast, reference);
        return new Result(reference.Rounds.Sum(r => r.Trades.Count), at, what, log.Entries);
    }

    /// <summary>Picks, among tied candidates, the exchange the reference executed at that point, and caps as it capped.</summary>
    private sealed class FollowReference(ExchangeRun reference, CapTrace trace) : IExchangeGuide
    {
        public int Choose(int round, int order, IReadOnlyList<(int ActorI, int SupplyI, int ActorJ, int SupplyJ)> tied)
        {
            var trades = reference.Rounds[round - 1].Trades;
            if (order > trades.Count) return -1;
            var t = trades[order - 1];
            for (int k = 0; k < tied.Count; k++)
                if (tied[k] == (t.ActorI, t.SupplyI, t.ActorJ, t.SupplyJ)) return k;
            return -1;
        }

        public bool? Capped(int round, int executed, int supplier, int supply, int demander, int demanderSupply)
        {
            bool? latest = null;
            foreach (var d in trace.Decisions)
                if (d.Round == round && d.Executed <= executed
                    && (d.Supplier, d.Supply, d.Demander, d.DemanderSupply) == (supplier, supply, demander, demanderSupply))
                    latest = d.Capped;
            return latest;
        }
    }

    private static ((int Round, int Order)?, string?) FirstDifference(ExchangeRun fast, ExchangeRun reference)
    {
        if (Far(fast.Initial, reference.Initial) is { } i) return ((1, 0), $"initial position {i}");
        for (int r = 0; r < reference.Rounds.Count; r++)
        {
            RoundOutput f = fast.Rounds[r], d = reference.Rounds[r];
            int round = r + 1;
            if (Far(f.PreferenceOutcome, d.PreferenceOutcome) is { } k) return ((round, 0), $"preference outcome of issue {k}");
            for (int t = 0; t < Math.Max(f.Trades.Count, d.Trades.Count); t++)
            {
                if (t >= f.Trades.Count || t >= d.Trades.Count)
                    return ((round, t + 1), $"{f.Trades.Count} exchanges (fast) vs {d.Trades.Count} (decimal)");
                TradeRecord a = f.Trades[t], b = d.Trades[t];
                if ((a.ActorI, a.SupplyI, a.ActorJ, a.SupplyJ) != (b.ActorI, b.SupplyI, b.ActorJ, b.SupplyJ))
                    return ((round, t + 1), $"fast {a} vs decimal {b}");
                if (!(Math.Abs(a.FromI - b.FromI) <= Tolerance && Math.Abs(a.ToI - b.ToI) <= Tolerance && Math.Abs(a.FromJ - b.FromJ) <= Tolerance
                      && Math.Abs(a.ToJ - b.ToJ) <= Tolerance && Math.Abs(a.Gain - b.Gain) <= Tolerance))
                    return ((round, t + 1), $"values: fast {a} vs decimal {b}");
            }
            if (Far(f.VotingOutcome, d.VotingOutcome) is { } v) return ((round, f.Trades.Count + 1), $"voting outcome of issue {v}");
            if (Far(f.PreferencesAfter, d.PreferencesAfter) is { } p) return ((round, f.Trades.Count + 1), $"preference {p} after the round");
        }
        if (Far(fast.Externality, reference.Externality) is { } e) return ((reference.Rounds.Count + 1, 0), $"externality {e}");
        return (null, null);
    }

    private static int? Far(double[] a, double[] b)
    {
        for (int i = 0; i < a.Length; i++)
            if (!(Math.Abs(a[i] - b[i]) <= Tolerance)) return i;
        return null;
    }
}
