using Parley.Core.Models;

namespace Parley.Core.Models.ExpectedUtility;

/// <summary>
/// The expected utility model's result on one issue: the forecast (final weighted median or mean, per the
/// <c>outcome</c> setting), the variant, and every round (round 0 = the inputs).
/// </summary>
public sealed record EumResult : IssueResult, IHasTrajectory
{
    /// <summary>reference or paper.</summary>
    public required string Variant { get; init; }

    /// <summary>Which summary of the final positions is the forecast: the weighted median or mean.</summary>
    public required OutcomeRule Outcome { get; init; }

    public required IReadOnlyList<EumRound> Rounds { get; init; }

    public IReadOnlyList<TrajectoryPoint> Trajectory =>
        Rounds.Select(r => new TrajectoryPoint(r.Round, r.Positions, Outcome == OutcomeRule.Mean ? r.Mean : r.Median)).ToArray();
}

/// <summary>
/// One round: every (remaining) actor's position after the round's moves, their c·s-weighted median and mean,
/// the risk exponent each actor bargained with in this round, and the moves. Round 0 holds the inputs, with no
/// risk exponents and no moves.
/// </summary>
public sealed record EumRound(
    int Round,
    IReadOnlyDictionary<string, double> Positions,
    double Median,
    double Mean,
    IReadOnlyDictionary<string, double> Risk,
    IReadOnlyList<EumMove> Moves);

/// <summary>
/// One move: <see cref="Actor"/> accepted <see cref="With"/>'s offer and moved from <see cref="From"/> to <see cref="To"/>.
/// <see cref="Kind"/> is compromise, confrontation (lost it) or capitulation.
/// </summary>
public sealed record EumMove(string Actor, string Kind, string With, double From, double To, string Text);
