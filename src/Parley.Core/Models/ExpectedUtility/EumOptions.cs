using Parley.Core.Models;

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

/// <summary>
/// The parsed settings of one EUM run. Each default is written once, in the constructor; the settings' declarations
/// (what `parley models` shows, and what reads and checks a given value) take theirs from <see cref="Default"/>.
/// </summary>
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
    private static readonly ChoiceParameter<EumVariantName> VariantSetting = new("variant",
        "reference (the code that reproduces Scholz's tables) or paper (the published equations)", EumVariantName.Reference);

    public static EumOptions Default { get; } = new(EumVariant.Of(VariantSetting.Value));

    private static readonly DoubleParameter QSetting = new("q",
        "Q, probability that the status quo persists absent a challenge, 0–1", Default.Q, 0, 1);
    private static readonly ChoiceParameter<TRule> TRuleSetting = new("t-rule",
        "T when Q < 1: closer, direction, always, never", Default.TRule);
    private static readonly BoolParameter RiskSetting = new("risk",
        "risk attitudes from security levels (on) or r = 1 for everyone (off)", Default.Risk);
    private static readonly IntParameter RoundsSetting = new("rounds",
        "number of bargaining rounds (the maximum with stop=median-stable)", Default.Rounds, 0, 10_000);
    private static readonly ChoiceParameter<StopRule> StopSetting = new("stop",
        "fixed (run all rounds) or median-stable (stop when the median moved < epsilon·R for k rounds)", Default.Stop);
    private static readonly DoubleParameter EpsilonSetting = new("epsilon",
        "median-stable threshold as a fraction of the initial range of positions", Default.Epsilon, Min: 0);
    private static readonly IntParameter KSetting = new("k", "median-stable: consecutive quiet rounds needed", Default.K, 1, 10_000);
    private static readonly ChoiceParameter<OutcomeRule> OutcomeSetting = new("outcome",
        "forecast = final weighted median or weighted mean", Default.Outcome);

    public static IReadOnlyList<ModelParameter> Parameters { get; } =
        [VariantSetting, QSetting, TRuleSetting, RiskSetting, RoundsSetting, StopSetting, EpsilonSetting, KSetting, OutcomeSetting];

    public static EumOptions From(ModelSettings settings) => new(
        EumVariant.Of(VariantSetting.Read(settings)),
        QSetting.Read(settings),
        TRuleSetting.Read(settings),
        RiskSetting.Read(settings),
        RoundsSetting.Read(settings),
        StopSetting.Read(settings),
        EpsilonSetting.Read(settings),
        KSetting.Read(settings),
        OutcomeSetting.Read(settings));
}
