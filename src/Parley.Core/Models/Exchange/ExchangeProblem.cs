using Parley.Core.Domain;

namespace Parley.Core.Models.Exchange;

/// <summary>How the exchange model computes: binary floating point (fast, the default) or decide's decimal context.</summary>
public enum ExchangeArithmetic
{
    /// <summary>IEEE double; values within rounding of a threshold count as on it (docs/decisions.md).</summary>
    Double,

    /// <summary>Python's decimal context (28 digits, half even) as decide computes: reproduces decide bit for bit, slowly.</summary>
    Decimal,
}

/// <summary>
/// The inputs of one exchange run as the scenario gives them, before either arithmetic reads them: per actor and issue
/// (index <c>a·Issues + k</c>) the position on the issue's own scale, salience and power, and whether the pair takes
/// part (a stance with salience above zero).
/// </summary>
internal sealed class ExchangeProblem
{
    public ExchangeProblem(int actors, Scale[] scales)
    {
        Actors = actors;
        Scales = scales;
        int size = actors * scales.Length;
        Position = new double[size];
        Salience = new double[size];
        Power = new double[size];
        Present = new bool[size];
    }

    public int Actors { get; }
    public int Issues => Scales.Length;
    public Scale[] Scales { get; }
    public double[] Position { get; }
    public double[] Salience { get; }
    public double[] Power { get; }
    public bool[] Present { get; }

    /// <summary>The shocks to apply, in the order given, each before its round's exchanges.</summary>
    public IReadOnlyList<ExchangeShock> Shocks { get; init; } = [];
}

/// <summary>A shock resolved to indices: issue −1 when it names none (or one outside the run's issues).</summary>
internal readonly record struct ExchangeShock(int Round, InterventionKind Kind, int Actor, int Issue, double Value);

/// <summary>One arithmetic's implementation of the round loop. Both give their results on the 0–100 working scale.</summary>
internal interface IExchangeKernel
{
    ExchangeRun Run(ExchangeProblem problem, int rounds, ExchangeTieBreak ties, ulong seed);

    /// <summary>The run, stopping with <see cref="OperationCanceledException"/> once <paramref name="cancellation"/> fires
    /// (checked before every round and, in the fast kernel, while a round forms and executes its candidates).</summary>
    ExchangeRun Run(ExchangeProblem problem, int rounds, ExchangeTieBreak ties, ulong seed, CancellationToken cancellation);
}

/// <summary>
/// What a run produced, on the working scale: the initial positions (index <c>a·issues + k</c>), the rounds, and per
/// issue, actor and slot (own, inner+, inner−, outer+, outer−; index <c>(k·actors + a)·5 + slot</c>) the
/// externalities summed over all rounds.
/// </summary>
internal sealed record ExchangeRun(double[] Initial, IReadOnlyList<RoundOutput> Rounds, double[] Externality);

/// <summary>
/// One round: the outcomes on the preferences before it and on the votes after it, the executed exchanges in order,
/// the preferences after it (index <c>a·issues + k</c>) and how many tied choices were drawn at random.
/// </summary>
internal sealed record RoundOutput(int Round, double[] PreferenceOutcome, double[] VotingOutcome,
    IReadOnlyList<TradeRecord> Trades, double[] PreferencesAfter, int Ties);

/// <summary>An executed exchange on the working scale: i moves its vote on SupplyI from → to, j on SupplyJ.</summary>
internal readonly record struct TradeRecord(int Order, int ActorI, int SupplyI, double FromI, double ToI,
    int ActorJ, int SupplyJ, double FromJ, double ToJ, double Gain);

/// <summary>The externality slots of <see cref="ExchangeRun.Externality"/>.</summary>
internal static class ExternalitySlot
{
    public const int Own = 0, InnerPositive = 1, InnerNegative = 2, OuterPositive = 3, OuterNegative = 4, Count = 5;

    public static int Of(bool own, bool inner, bool positive) =>
        own ? Own : inner ? (positive ? InnerPositive : InnerNegative) : (positive ? OuterPositive : OuterNegative);
}
