namespace Parley.Core.Models.ExpectedUtility;

/// <summary>The named variants of the expected utility model a user can choose (setting <c>variant</c>).</summary>
public enum EumVariantName
{
    /// <summary>The jmckib/dmasad code that reproduces Scholz, Calbert &amp; Smith's (2011) tables.</summary>
    Reference,

    /// <summary>The equations as printed in Scholz, Calbert &amp; Smith (2011) and Bueno de Mesquita (1985, 1997).</summary>
    Paper,
}

/// <summary>How the probability that i prevails over j is normalised.</summary>
public enum ProbabilityRule
{
    /// <summary>Σ_k max(0, v_k(i,j)) / Σ_k Σ_a Σ_b |v_k(a,b)|: the reference code's all-actors × all-pairs denominator.</summary>
    AllPairs,

    /// <summary>Σ_k max(0, v_k(i,j)) / Σ_k |v_k(i,j)| (Scholz eq. 31), so P(i,j) + P(j,i) = 1.</summary>
    PerDyad,
}

/// <summary>How a receiver ranks several compromise offers.</summary>
public enum CompromiseKey
{
    /// <summary>The smallest EU-weighted average (|eu_ij| x_i + |eu_ji| x_j)/(|eu_ij| + |eu_ji|) (reference code).</summary>
    EuWeightedPosition,

    /// <summary>The offer that moves the receiver least (Scholz §6.2, quoting Bueno de Mesquita 1997).</summary>
    LeastMove,
}

/// <summary>Which range R of positions normalises distances.</summary>
public enum RangeRule
{
    /// <summary>The range of the initial positions, kept for the whole run (reference code).</summary>
    Initial,

    /// <summary>The range of the positions at the start of each round.</summary>
    Current,
}

/// <summary>Whose risk exponent values the other side's expected utility in a dyad.</summary>
public enum PerspectiveRule
{
    /// <summary>Both E(U_ij) and E(U_ji) with the receiving actor's r (reference code).</summary>
    Receiver,

    /// <summary>E^i(U_ij) with r_i and E^j(U_ji) with r_j (Bueno de Mesquita 1985, p. 158).</summary>
    Own,
}

/// <summary>What the challenger gives up by challenging (the value of not challenging).</summary>
public enum StatusQuoTerm
{
    /// <summary>Q·U_sq only (reference code; identical to the full term when Q = 1).</summary>
    QOnly,

    /// <summary>Q·U_sq + (1 − Q)[T·U_b + (1 − T)·U_w] (Scholz eq. 25a/b).</summary>
    Full,
}

/// <summary>Which of two equally ranked offers (same class, same key) a receiver accepts.</summary>
public enum OfferTieBreak
{
    /// <summary>The first proposer in the actors' input order (the reference code's <c>min</c>).</summary>
    ActorOrder,

    /// <summary>The more enforceable offer (larger proposer EU), then the lower position: independent of input order.</summary>
    Enforceability,
}

/// <summary>
/// The exact set of choices that distinguishes the variants of the expected utility model (see docs/eum.md and the
/// EUM section of docs/decisions.md). <see cref="Reference"/> and <see cref="Paper"/> are the two a user can pick;
/// other combinations exist for the tests that reproduce one deviation at a time.
/// </summary>
public sealed record EumVariant(
    string Name,
    ProbabilityRule Probability,
    bool VotesUseRisk,
    CompromiseKey Compromise,
    RangeRule Range,
    PerspectiveRule Perspective,
    bool CapitulationReachable,
    StatusQuoTerm StatusQuo,
    OfferTieBreak Ties)
{
    /// <summary>The jmckib/dmasad reference implementation of Scholz's code (docs/specs/eum.md §1.7, deviations 1–5).</summary>
    public static EumVariant Reference { get; } = new("reference", ProbabilityRule.AllPairs, VotesUseRisk: true,
        CompromiseKey.EuWeightedPosition, RangeRule.Initial, PerspectiveRule.Receiver, CapitulationReachable: false,
        StatusQuoTerm.QOnly, OfferTieBreak.ActorOrder);

    /// <summary>The published equations.</summary>
    public static EumVariant Paper { get; } = new("paper", ProbabilityRule.PerDyad, VotesUseRisk: false,
        CompromiseKey.LeastMove, RangeRule.Current, PerspectiveRule.Own, CapitulationReachable: true,
        StatusQuoTerm.Full, OfferTieBreak.Enforceability);

    public static EumVariant Of(EumVariantName name) => name == EumVariantName.Paper ? Paper : Reference;
}
