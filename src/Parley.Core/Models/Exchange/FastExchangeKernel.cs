using Parley.Core.Domain;

namespace Parley.Core.Models.Exchange;

/// <summary>
/// The default arithmetic (<c>arithmetic=double</c>): decide's round loop in IEEE double, with the same rules and
/// order of operations as the decimal reference (<see cref="DecimalExchangeKernel"/>), which it is tested against.
/// A round's work is in <see cref="FastExchangeRound"/>; this class applies shocks, computes the voting outcomes and
/// moves preferences between rounds.
/// </summary>
internal sealed class FastExchangeKernel : IExchangeKernel
{
    public static readonly FastExchangeKernel Instance = new();

    [ThreadStatic] private static FastExchangeRound? t_round;

    public ExchangeRun Run(ExchangeProblem problem, int rounds, ExchangeTieBreak ties, ulong seed) => Run(problem, rounds, ties, seed, null, null);

    public ExchangeRun Run(ExchangeProblem problem, int rounds, ExchangeTieBreak ties, ulong seed, CancellationToken cancellation) =>
        Run(problem, rounds, ties, seed, null, null, cancellation: cancellation);

    /// <param name="log">Collects the decisions that rounding could turn (tests only; null = no probing).</param>
    /// <param name="guide">Chooses among tied best gains (tests only, deterministic ties; null = creation order).</param>
    /// <param name="probe">Counts the round properties a lazier kernel would rely on (tests only; null = no checks).</param>
    public ExchangeRun Run(ExchangeProblem problem, int rounds, ExchangeTieBreak ties, ulong seed, ExchangeAmbiguityLog? log, IExchangeGuide? guide,
        ExchangeRoundProbe? probe = null, CancellationToken cancellation = default)
    {
        int n = problem.Actors, m = problem.Issues, size = n * m;
        var x = new double[size];
        var s = new double[size];
        var c = new double[size];
        var present = (bool[])problem.Present.Clone();
        for (int a = 0; a < n; a++)
        for (int k = 0; k < m; k++)
        {
            int i = a * m + k;
            if (!present[i]) continue;
            x[i] = ToWorking(problem.Scales[k], problem.Position[i]);
            s[i] = problem.Salience[i];
            c[i] = problem.Power[i];
        }
        var initial = (double[])x.Clone();
        var externality = new double[m * n * ExternalitySlot.Count];
        var output = new List<RoundOutput>(rounds);
        var round = t_round ??= new FastExchangeRound();
        for (int r = 1; r <= rounds; r++)
        {
            cancellation.ThrowIfCancellationRequested();
            ApplyShocks(problem, r, x, s, c, present);
            var rng = ties == ExchangeTieBreak.Random ? new Random(ExchangeSimulation.DeriveSeed(seed, r)) : null;
            int tieCount = round.Run(r, n, m, x, s, c, present, externality, rng, log, rng is null ? guide : null, probe, cancellation);
            var preferenceOutcome = new double[m];
            round.CopyOutcomes(preferenceOutcome);
            var trades = round.Trades.ToArray();

            var votes = (double[])x.Clone();
            foreach (var t in trades)
            {
                votes[t.ActorI * m + t.SupplyI] = t.ToI;
                votes[t.ActorJ * m + t.SupplyJ] = t.ToJ;
            }
            var next = (double[])votes.Clone();
            foreach (var t in trades)
            {
                int i = t.ActorI * m + t.SupplyI, j = t.ActorJ * m + t.SupplyJ;
                next[i] = FastExchangeRound.NewPreference(s[i], x[i], t.ToI);
                next[j] = FastExchangeRound.NewPreference(s[j], x[j], t.ToJ);
            }
            output.Add(new RoundOutput(r, preferenceOutcome, WeightedMeans(votes, s, c, present, n, m), trades, next, tieCount));
            x = next;
        }
        return new ExchangeRun(initial, output, externality);
    }

    /// <summary>decide's normalisation in double: (x − lower)·(100 / (upper − lower)).</summary>
    private static double ToWorking(Scale scale, double x) => (x - scale.Min) * (100.0 / (scale.Max - scale.Min));

    /// <summary>Each issue's Σ(x·s)·c / Σ s·c over the actors that take part.</summary>
    private static double[] WeightedMeans(double[] x, double[] s, double[] c, bool[] present, int n, int m)
    {
        var outcome = new double[m];
        for (int k = 0; k < m; k++)
        {
            double w = 0, wx = 0;
            for (int a = 0; a < n; a++)
            {
                int i = a * m + k;
                if (!present[i]) continue;
                w += s[i] * c[i];
                wx += x[i] * s[i] * c[i];
            }
            outcome[k] = w == 0 ? 0 : wx / w;
        }
        return outcome;
    }

    /// <summary>The shocks of round <paramref name="round"/>, as <see cref="DecimalExchangeKernel"/> applies them.</summary>
    private static void ApplyShocks(ExchangeProblem problem, int round, double[] x, double[] s, double[] c, bool[] present)
    {
        int m = problem.Issues;
        foreach (var iv in problem.Shocks)
        {
            if (iv.Round != round) continue;
            int a = iv.Actor, k = iv.Issue;
            switch (iv.Kind)
            {
                case InterventionKind.Remove:
                    for (int j = 0; j < m; j++) present[a * m + j] = false;
                    break;
                case InterventionKind.SetCapability:
                    for (int j = 0; j < m; j++) c[a * m + j] = iv.Value;
                    break;
                case InterventionKind.SetPosition when k >= 0 && present[a * m + k]:
                    var scale = problem.Scales[k];
                    x[a * m + k] = ToWorking(scale, Math.Clamp(iv.Value, scale.Min, scale.Max));
                    break;
                case InterventionKind.SetSalience when k >= 0:
                    s[a * m + k] = Math.Clamp(iv.Value, 0, 1);
                    present[a * m + k] = present[a * m + k] && iv.Value > 0;
                    break;
            }
        }
    }
}
