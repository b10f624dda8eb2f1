using Parley.Core.Modelling;

namespace Parley.Core.Models.ExpectedUtility;

/// <summary>How T (whether j's uncoerced move toward the median helps i) is decided; used only when Q &lt; 1.</summary>
public enum TRule
{
    /// <summary>T = 1 iff |x_i − μ| &lt; |x_i − x_j| (the compact operationalisation of the `schelling` repository).</summary>
    Closer,

    /// <summary>T = 1 iff x_i lies on the same side of x_j as μ, i.e. j moving toward μ moves toward i (Scholz Figs 1–4).</summary>
    Direction,

    /// <summary>T = 1 always (i always expects to gain from j's uncoerced move).</summary>
    Always,

    /// <summary>T = 0 always.</summary>
    Never,
}

/// <summary>When the rounds stop.</summary>
public enum StopRule
{
    /// <summary>After exactly <c>rounds</c> rounds (Scholz).</summary>
    Fixed,

    /// <summary>When the median moved less than ε·R for k consecutive rounds, at most <c>rounds</c> rounds (Bueno de Mesquita 2002).</summary>
    MedianStable,
}

/// <summary>Which summary of the final positions is the forecast.</summary>
public enum OutcomeRule
{
    /// <summary>The c·s-weighted median (the Condorcet winner with linear votes).</summary>
    Median,

    /// <summary>The c·s-weighted mean (Scholz argue it is more informative than the coarse median).</summary>
    Mean,
}

/// <summary>The parsed settings of one EUM run.</summary>
public sealed record EumOptions(
    EumVariant Variant,
    double Q = 1.0,
    TRule TRule = TRule.Closer,
    bool Risk = true,
    int Rounds = 10,
    StopRule Stop = StopRule.Fixed,
    double Epsilon = 0.001,
    int K = 2,
    OutcomeRule Outcome = OutcomeRule.Median)
{
    public static EumOptions Default { get; } = new(EumVariant.Reference);

    public static IReadOnlyList<ModelParameter> Parameters { get; } =
    [
        new("variant", "reference (the code that reproduces Scholz's tables) or paper (the published equations)", "reference"),
        new("q", "Q, probability that the status quo persists absent a challenge, 0–1", "1"),
        new("t-rule", "T when Q < 1: closer, direction, always, never", "closer"),
        new("risk", "risk attitudes from security levels (on) or r = 1 for everyone (off)", "on"),
        new("rounds", "number of bargaining rounds (the maximum with stop=median-stable)", "10"),
        new("stop", "fixed (run all rounds) or median-stable (stop when the median moved < epsilon·R for k rounds)", "fixed"),
        new("epsilon", "median-stable threshold as a fraction of the initial range of positions", "0.001"),
        new("k", "median-stable: consecutive quiet rounds needed", "2"),
        new("outcome", "forecast = final weighted median or weighted mean", "median"),
    ];

    public static EumOptions From(ModelSettings settings)
    {
        double q = settings.GetDouble("q", 1.0);
        if (q < 0 || q > 1) throw new ModelSettingException($"{settings.Label("q")}: {q} is not in 0..1");
        double eps = settings.GetDouble("epsilon", 0.001);
        if (eps < 0) throw new ModelSettingException($"{settings.Label("epsilon")}: {eps} must be >= 0");
        return new EumOptions(
            EumVariant.Of(settings.GetEnum("variant", EumVariantName.Reference)),
            q,
            settings.GetEnum("t-rule", TRule.Closer),
            settings.GetBool("risk", true),
            settings.GetInt("rounds", 10, 0, 10_000),
            settings.GetEnum("stop", StopRule.Fixed),
            eps,
            settings.GetInt("k", 2, 1, 10_000),
            settings.GetEnum("outcome", OutcomeRule.Median));
    }
}
