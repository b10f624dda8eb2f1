using System.Diagnostics.CodeAnalysis;
using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Core.Models.Exchange;

/// <summary>
/// The exchange model's result on one issue. <see cref="IssueResult.Forecast"/> is the voting outcome after the last
/// round. <see cref="Rounds"/>: round 1 is the first round of exchanges; its preference outcome is computed before the
/// round's exchanges, its voting outcome after them. Positions and outcomes are on the issue's own scale; gains and
/// externalities are utility on decide's 0–100 working scale (salience × distance).
/// </summary>
public sealed record ExchangeIssueResult : IssueResult, IHasTrajectory
{
    /// <summary>Every field at once (the model builds results this way).</summary>
    [SetsRequiredMembers]
    public ExchangeIssueResult(IssueId issue, double forecast, IReadOnlyList<ExchangeRoundResult> rounds,
        IReadOnlyList<ActorExternality> externalities, IReadOnlyList<TrajectoryPoint> trajectory, IReadOnlyList<string>? notes)
    {
        Issue = issue;
        Forecast = forecast;
        Rounds = rounds;
        Externalities = externalities;
        Trajectory = trajectory;
        Notes = notes;
    }

    public IReadOnlyList<ExchangeRoundResult> Rounds { get; init; }

    /// <summary>Who gains or loses on this issue from the exchanges that traded it, summed over all rounds.</summary>
    public IReadOnlyList<ActorExternality> Externalities { get; init; }

    /// <summary>Round 0 = the inputs; round r = the preferences after round r, with round r's voting outcome.</summary>
    public IReadOnlyList<TrajectoryPoint> Trajectory { get; init; }
}

/// <summary>One round on one issue.</summary>
public sealed record ExchangeRoundResult(
    int Round,
    double PreferenceOutcome,
    double VotingOutcome,
    IReadOnlyList<ExchangeRecord> Exchanges);

/// <summary>
/// One executed exchange (listed under both issues it trades): actor i moves its vote on <see cref="ISupplies"/> from
/// <see cref="IFrom"/> to <see cref="ITo"/> toward j, and j moves on <see cref="JSupplies"/> toward i; each position on
/// its own issue's scale. <see cref="Gain"/> is the equal utility gain of both. <see cref="Order"/> is the execution
/// order within the round.
/// </summary>
public sealed record ExchangeRecord(
    int Order,
    string ActorI,
    string ActorJ,
    string ISupplies,
    double IFrom,
    double ITo,
    string JSupplies,
    double JFrom,
    double JTo,
    double Gain);

/// <summary>
/// An actor's utility change on one issue from the exchanges that traded it: <see cref="Own"/> from exchanges it took
/// part in; the rest as a third party, split as decide does into inner (a member of the two groups that exchanged,
/// i.e. on one of the partners' sides of both outcomes) and outer, positive and negative.
/// </summary>
public sealed record ActorExternality(
    string Actor,
    double Own,
    double InnerPositive,
    double InnerNegative,
    double OuterPositive,
    double OuterNegative)
{
    /// <summary>The net effect on the actor of other actors' exchanges.</summary>
    public double Net => InnerPositive + InnerNegative + OuterPositive + OuterNegative;
}
