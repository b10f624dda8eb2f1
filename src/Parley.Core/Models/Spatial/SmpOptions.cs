using Parley.Core.Models;

namespace Parley.Core.Models.Spatial;

// The nine model options of KTAB's SMP, with KTAB's names and index order (docs/specs/smp.md §7): the numeric values equal
// KTAB's enum indices, so results can be cross-referenced with KTAB's `modelParams[9]` and its database.

/// <summary>How coalition strengths become a pairwise victory probability (KTAB <c>VPModel</c>).</summary>
public enum VictoryProbModel { Linear = 0, Square = 1, Quartic = 2, Octic = 3, Binary = 4 }

/// <summary>How pairwise victory probabilities become an outcome distribution (KTAB <c>PCEModel</c>).</summary>
public enum PceModel { Conditional = 0, MarkovIncentive = 1, MarkovUniform = 2 }

/// <summary>How an actor picks a bargain from its queue (KTAB <c>StateTransMode</c>).</summary>
public enum StateTransitions { Deterministic = 0, Stochastic = 1 }

/// <summary>The influence an actor exerts for one option over another (KTAB <c>VotingRule</c>).</summary>
public enum VotingRule { Binary = 0, PropBin = 1, Prop = 2, PropCbc = 3, Cubic = 4, ASymProsp = 5 }

/// <summary>How an actor estimates another's risk attitude (KTAB <c>BigRAdjust</c>).</summary>
public enum BigRAdjust { None = 0, OneThird = 1, Half = 2, TwoThirds = 3, Full = 4 }

/// <summary>The range risk attitudes are mapped to (KTAB <c>BigRRange</c>).</summary>
public enum BigRRange { Min = 0, Mid = 1, Max = 2 }

/// <summary>How far a third party commits to the side it joins (KTAB <c>ThirdPartyCommit</c>).</summary>
public enum ThirdPartyCommit { NoCommit = 0, SemiCommit = 1, FullCommit = 2 }

/// <summary>How a bargain's compromise point is interpolated (KTAB <c>InterVecBrgn</c>).</summary>
public enum InterVecBargain { S1P1 = 0, S2P2 = 1, S2PMax = 2 }

/// <summary>Whose view(s) form the proposed bargain (KTAB <c>SMPBargnModel</c>).</summary>
public enum BargainModel { InitOnly = 0, InitRcvr = 1, PWComp = 2 }

/// <summary>
/// The options of one SMP run. Defaults are KTAB's. <see cref="KtabCompat"/> replicates KTAB's source bugs in the
/// non-default bargain models (docs/specs/smp.md §8.5); by default Parley fixes them (docs/decisions.md, SMP section).
/// </summary>
public sealed record SmpOptions
{
    public VictoryProbModel VictoryProb { get; init; } = VictoryProbModel.Linear;
    public PceModel Pce { get; init; } = PceModel.Conditional;
    public StateTransitions Transitions { get; init; } = StateTransitions.Deterministic;
    public VotingRule Voting { get; init; } = VotingRule.Prop;
    public BigRAdjust BigRAdjust { get; init; } = BigRAdjust.OneThird;
    public BigRRange BigRRange { get; init; } = BigRRange.Mid;
    public ThirdPartyCommit ThirdParty { get; init; } = ThirdPartyCommit.SemiCommit;
    public InterVecBargain Interpolation { get; init; } = InterVecBargain.S2P2;
    public BargainModel Bargain { get; init; } = BargainModel.InitOnly;

    /// <summary>Replicate KTAB's behaviour where it is a bug (docs/specs/smp.md §8.5, §8.6).</summary>
    public bool KtabCompat { get; init; }

    /// <summary>Seed of KTAB's generator (mt19937_64 + qTrans) for stochastic transitions.</summary>
    public ulong Seed { get; init; } = KtabRandom.DefaultSeed;

    /// <summary>Hard cap on rounds (KTAB: 100).</summary>
    public int MaxRounds { get; init; } = 100;

    /// <summary>Worker threads (0 = all cores). The result does not depend on it.</summary>
    public int Threads { get; init; }

    /// <summary>Record every own-view challenge evaluation per round (tests and diagnostics; O(N²) memory per round).</summary>
    public bool RecordChallenges { get; init; }

    /// <summary>KTAB's defaults: each written once, in the properties above; the settings' declarations take theirs from here.</summary>
    public static readonly SmpOptions Default = new();

    private static readonly ChoiceParameter<VictoryProbModel> VpmSetting = new("vpm",
        "victory probability model: linear, square, quartic, octic, binary (KTAB VictoryProbModel)", Default.VictoryProb);
    private static readonly ChoiceParameter<PceModel> PcemSetting = new("pcem",
        "outcome distribution: conditional, markov-incentive, markov-uniform (KTAB PCEModel)", Default.Pce);
    private static readonly ChoiceParameter<StateTransitions> StmSetting = new("stm",
        "state transitions: deterministic, stochastic (seeded; KTAB StateTransitions)", Default.Transitions);
    private static readonly ChoiceParameter<VotingRule> VotingSetting = new("voting",
        "voting rule: binary, prop-bin, prop, prop-cbc, cubic, asym-prosp (KTAB VotingRule)", Default.Voting);
    private static readonly ChoiceParameter<BigRAdjust> BigRAdjustSetting = new("bigr-adjust",
        "estimate of others' risk attitude: none, one-third, half, two-thirds, full (KTAB BigRAdjust)", Default.BigRAdjust);
    private static readonly ChoiceParameter<BigRRange> BigRRangeSetting = new("bigr-range",
        "range of risk attitudes: min, mid, max (KTAB BigRRange)", Default.BigRRange);
    private static readonly ChoiceParameter<ThirdPartyCommit> ThirdPartySetting = new("third-party",
        "third-party commitment: no-commit, semi-commit, full-commit (KTAB ThirdPartyCommit)", Default.ThirdParty);
    private static readonly ChoiceParameter<InterVecBargain> InterpSetting = new("interp",
        "bargain interpolation: s1p1, s2p2, s2pmax (KTAB InterVecBrgn)", Default.Interpolation, Written: "s2p2");
    private static readonly BargainParameter BargainSetting = new("bargain",
        "bargain model: init-only, init-rcvr, pw-comp (KTAB BargnModel)", Default.Bargain);
    private static readonly BoolParameter KtabCompatSetting = new("ktab-compat",
        "replicate KTAB's bugs in non-default modes (docs/specs/smp.md §8.5/8.6)", Default.KtabCompat, Written: "false");
    private static readonly IntParameter MaxRoundsSetting = new("max-rounds", "maximum number of rounds", Default.MaxRounds, 1, 100_000);
    private static readonly IntParameter ThreadsSetting = new("threads",
        "worker threads (0 = all cores; results do not depend on it)", Default.Threads, 0, 1024);

    /// <summary>The settings the model accepts, with KTAB's names.</summary>
    public static IReadOnlyList<ModelParameter> Parameters { get; } =
    [
        VpmSetting, PcemSetting, StmSetting, VotingSetting, BigRAdjustSetting, BigRRangeSetting, ThirdPartySetting,
        InterpSetting, BargainSetting, KtabCompatSetting, MaxRoundsSetting, ThreadsSetting,
    ];

    /// <summary>Reads the options from model settings (names as in <see cref="Parameters"/>; the seed is the run's seed).</summary>
    public static SmpOptions From(ModelSettings settings) => new()
    {
        VictoryProb = VpmSetting.Read(settings),
        Pce = PcemSetting.Read(settings),
        Transitions = StmSetting.Read(settings),
        Voting = VotingSetting.Read(settings),
        BigRAdjust = BigRAdjustSetting.Read(settings),
        BigRRange = BigRRangeSetting.Read(settings),
        ThirdParty = ThirdPartySetting.Read(settings),
        Interpolation = InterpSetting.Read(settings),
        Bargain = BargainSetting.Read(settings),
        KtabCompat = KtabCompatSetting.Read(settings),
        MaxRounds = MaxRoundsSetting.Read(settings),
        Threads = ThreadsSetting.Read(settings),
        Seed = settings.Seed,
    };

    /// <summary>The bargain model, which also accepts KTAB's spellings (InitOnlyInterp, InitRcvrInterp, PWCompInterp).</summary>
    private sealed record BargainParameter(string Name, string Description, BargainModel Value)
        : ModelParameter(Name, Description, ModelSettings.Spelling(Value))
    {
        public BargainModel Read(ModelSettings settings)
        {
            if (!settings.Has(Name)) return Value;
            var given = settings.GetString(Name, "");
            var v = given.Replace("-", "").Replace("_", "").ToLowerInvariant();
            if (v.EndsWith("interp", StringComparison.Ordinal)) v = v[..^"interp".Length];
            return v switch
            {
                "initonly" => BargainModel.InitOnly,
                "initrcvr" => BargainModel.InitRcvr,
                "pwcomp" => BargainModel.PWComp,
                _ => throw new ModelSettingException($"{settings.Label(Name)}: '{given}' is not one of init-only, init-rcvr, pw-comp"),
            };
        }

        public override void Check(ModelSettings settings) => Read(settings);
    }
}
