namespace Parley.Core.Models.Spatial;

/// <summary>
/// One state of the SMP (docs/specs/smp.md §6): every actor's position and ideal point on the 0–1 scale, row-major
/// (<c>[i·M + k]</c>). State 0 holds the inputs (ideals = positions).
/// </summary>
internal sealed record SmpState(double[] Positions, double[] Ideals)
{
    public static SmpState Initial(SmpProblem problem) =>
        new((double[])problem.Positions.Clone(), (double[])problem.Positions.Clone());
}

/// <summary>
/// What KTAB derives from a state before a round (<c>SMPState::setAllAUtil</c>, <c>setUENdx</c>, <c>pDist(-1)</c>):
/// the salience-weighted distances, the risk attitudes, each actor's own utility matrix row, and the outcome
/// classes with their probabilities.
/// </summary>
internal sealed class SmpAnalysis
{
    internal SmpAnalysis(SmpState state, int n, double[] distance, double[] distanceT, double[] risk,
        double[] positionProbabilities, double[] ownUtility)
    {
        State = state;
        ActorCount = n;
        Distance = distance;
        DistanceT = distanceT;
        Risk = risk;
        PositionProbabilities = positionProbabilities;
        OwnUtility = ownUtility;
    }

    public SmpState State { get; }
    public int ActorCount { get; }

    /// <summary>d_ij = salience-weighted normalised distance from i's ideal to j's position, <c>[i·N + j]</c>.</summary>
    public double[] Distance { get; }

    /// <summary>The transpose of <see cref="Distance"/>: <c>[j·N + i]</c> = d_ij.</summary>
    internal double[] DistanceT { get; }

    /// <summary>R_i, each actor's risk attitude in this state.</summary>
    public double[] Risk { get; }

    /// <summary>π over all N positions (duplicates kept), capability-weighted, from which the risk attitudes come.</summary>
    public double[] PositionProbabilities { get; }

    /// <summary>U^a_an: a's own estimate of its utility of n's position, <c>[a·N + n]</c>.</summary>
    public double[] OwnUtility { get; }

    /// <summary>Indices of the class representatives (unique positions within 1e−3), in index order.</summary>
    public int[] ClassRepresentatives { get; internal set; } = [];

    /// <summary>Probability of each outcome class (same order as <see cref="ClassRepresentatives"/>).</summary>
    public double[] ClassProbabilities { get; internal set; } = [];

    /// <summary>Per actor: the class its position belongs to (the last matching representative, as KTAB reports).</summary>
    public int[] ActorClass { get; internal set; } = [];

    /// <summary>Per actor: the probability of the outcome class holding its position (KTAB's printed "prob").</summary>
    public double[] ActorProbabilities { get; internal set; } = [];
}

/// <summary>One actor's own view of challenging another (docs/specs/smp.md §6.5 with h = k = i).</summary>
internal readonly record struct ChallengeView(double Probability, double EuStatusQuo, double EuVictory, double EuContest,
    double EuChallenge)
{
    public double Gain => EuChallenge - EuStatusQuo;
}

/// <summary>
/// A proposed bargain: the initiator asks the receiver to move to <see cref="ReceiverPosition"/> and offers to move
/// to <see cref="InitiatorPosition"/> (0–1 scale, one entry per dimension). Each side resolves its own queue.
/// </summary>
internal sealed record SmpBargain(int Initiator, int Receiver, double[] InitiatorPosition, double[] ReceiverPosition,
    double Gain)
{
    public double InitiatorQueueProbability { get; internal set; }
    public bool ChosenByInitiator { get; internal set; }
    public double ReceiverQueueProbability { get; internal set; }
    public bool ChosenByReceiver { get; internal set; }
}

/// <summary>What happened in one round: targets, bargains, queue results (and, on request, every own-view challenge).</summary>
internal sealed class SmpRound
{
    internal SmpRound(int n) 
    {
        Targets = new int[n];
        StatusQuoProbability = new double[n];
        StatusQuoChosen = new bool[n];
    }

    /// <summary>The state index the round starts from (KTAB's "turn").</summary>
    public int Turn { get; internal init; }

    /// <summary>Per actor: the target it challenges, or −1.</summary>
    public int[] Targets { get; }

    public List<SmpBargain> Bargains { get; } = [];

    /// <summary>Per actor: the probability of the status quo in its own queue.</summary>
    public double[] StatusQuoProbability { get; }

    public bool[] StatusQuoChosen { get; }

    /// <summary>Own-view challenge values <c>[i·N + j]</c> (only with <see cref="SmpOptions.RecordChallenges"/>).</summary>
    public ChallengeView[]? Challenges { get; internal set; }
}

/// <summary>A whole SMP run: the states (0 = inputs) with their analyses, and the rounds between them.</summary>
internal sealed record SmpRun(SmpProblem Problem, SmpOptions Options, IReadOnlyList<SmpAnalysis> States, IReadOnlyList<SmpRound> Rounds)
{
    /// <summary>True when the run stopped because the state came to rest (KTAB's quiet rule), false when it hit the round cap.</summary>
    public bool Settled { get; init; }
}
