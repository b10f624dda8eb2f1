namespace Parley.Core.Models.Exchange;

/// <summary>
/// A decision of the fast kernel that rounding could turn either way: a value within a few units of double rounding
/// of the threshold it is compared with, where the decimal reference, computing the same expression to 28 digits,
/// may decide differently (docs/decisions.md, "Exchange model: double and decimal").
/// </summary>
internal enum AmbiguityKind
{
    /// <summary>A position within rounding of its issue's outcome (left or right of it?).</summary>
    Side,

    /// <summary>A vote or move near, but not exactly on, a bound (0 or 100, a move of 100, a move sum of 100, the partner's position).</summary>
    Bound,

    /// <summary>A move or gain within rounding of the negligible threshold 1e-10.</summary>
    Negligible,

    /// <summary>An outcome within rounding of the demanding partner's position (cap or no cap?).</summary>
    Landing,

    /// <summary>The best two gains within rounding of each other (which exchange is executed first?).</summary>
    GainOrder,
}

/// <summary>A test's stand-in for the decimal reference's choice among tied best gains.</summary>
internal interface IExchangeGuide
{
    /// <summary>
    /// Which of the tied candidates (i's actor and supply, j's actor and supply; best first) the reference executed as
    /// exchange <paramref name="order"/> of round <paramref name="round"/>, or −1 when none of them.
    /// </summary>
    int Choose(int round, int order, IReadOnlyList<(int ActorI, int SupplyI, int ActorJ, int SupplyJ)> tied);

    /// <summary>
    /// Whether the reference capped the supplier's move in its latest evaluation of this candidate, with
    /// <paramref name="executed"/> exchanges of the round executed, where the outcome was on the demander's position
    /// (null: not known).
    /// </summary>
    bool? Capped(int round, int executed, int supplier, int supply, int demander, int demanderSupply);
}

/// <summary>
/// Where the fast kernel met ambiguous decisions: the round, how many exchanges of the round had been executed
/// before the decision, and its kind. Only tests pass one (the kernel checks nothing when it is null).
/// </summary>
internal sealed class ExchangeAmbiguityLog
{
    public List<(int Round, int Executed, AmbiguityKind Kind)> Entries { get; } = [];

    /// <summary>Whether a decision before the <paramref name="order"/>-th exchange of round <paramref name="round"/> was ambiguous.</summary>
    public bool AnyBefore(int round, int order) =>
        Entries.Any(e => e.Round < round || (e.Round == round && e.Executed < order));

    public void Add(int round, int executed, AmbiguityKind kind)
    {
        // consecutive duplicates say nothing new and can be many (every candidate of a crowded issue)
        if (Entries.Count > 0 && Entries[^1] == (round, executed, kind)) return;
        Entries.Add((round, executed, kind));
    }
}
