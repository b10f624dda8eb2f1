using Parley.Core.Models;

namespace Parley.Core.Models.Spatial;

/// <summary>
/// The SMP's result on one issue (the run itself covers every selected issue at once). <see cref="IssueResult.Forecast"/>
/// is the final state's capability-weighted mean position on this issue's own scale.
/// </summary>
public sealed record SmpIssueResult : IssueResult, IHasTrajectory
{
    /// <summary>The outcome class with the highest probability in the final state.</summary>
    public required SmpModalClass ModalClass { get; init; }

    /// <summary>Every state (0 = the inputs): positions on every issue (own scales, issue order) and class probabilities.</summary>
    public required IReadOnlyList<SmpStateRecord> States { get; init; }

    /// <summary>The bargains of each round: who proposed what to whom, and whether each side chose it.</summary>
    public required IReadOnlyList<SmpRoundBargains> Bargains { get; init; }

    /// <summary>The issues the run covered, in the order of each position array.</summary>
    public required IReadOnlyList<string> Issues { get; init; }

    /// <summary>This issue's positions per state (for reports), with the capability-weighted mean as the outcome.</summary>
    public IReadOnlyList<TrajectoryPoint> Trajectory { get; init; } = [];
}

/// <summary>The most likely outcome class: its position on this issue, its probability, and the actors holding it.</summary>
public sealed record SmpModalClass(double Position, double Probability, IReadOnlyList<string> Actors);

/// <summary>
/// One state: per actor, its position on every issue (own scales), and the probability of the outcome class that
/// holds its position (KTAB's printed "prob"; actors sharing a class share the probability).
/// </summary>
public sealed record SmpStateRecord(int State, IReadOnlyDictionary<string, IReadOnlyList<double>> Positions,
    IReadOnlyDictionary<string, double> Probabilities);

/// <summary>The bargains proposed in one round (round r leads from state r−1 to state r).</summary>
public sealed record SmpRoundBargains(int Round, IReadOnlyList<SmpBargainRecord> Proposals);

/// <summary>
/// A proposal: the initiator offers to move to <see cref="InitiatorPosition"/> if the receiver moves to
/// <see cref="ReceiverPosition"/> (own scales, issue order); each side's queue probability and choice.
/// </summary>
public sealed record SmpBargainRecord(string Initiator, string Receiver, IReadOnlyList<double> InitiatorPosition,
    IReadOnlyList<double> ReceiverPosition, double Gain, double InitiatorQueueProbability, bool ChosenByInitiator,
    double ReceiverQueueProbability, bool ChosenByReceiver);
