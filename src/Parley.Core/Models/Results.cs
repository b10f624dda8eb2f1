using Parley.Core.Domain;

namespace Parley.Core.Models;

/// <summary>
/// A model's result on one issue. <see cref="Forecast"/> is on the issue's own scale. Models derive from this
/// record to add their own fields (rounds, distributions, pivotal actor...). What `--json` writes of a result is decided
/// by its mapper in Parley.Contracts, not by these records.
/// </summary>
public record IssueResult
{
    public required IssueId Issue { get; init; }

    /// <summary>The forecast outcome on the issue's own scale.</summary>
    public required double Forecast { get; init; }

    /// <summary>
    /// How a round-based (or procedural) model ended: converged, cycled, stopped at its round cap, gridlocked; null for
    /// models that have no such notion. A forecast from a run that did not converge is not a settled point.
    /// </summary>
    public Convergence? Convergence { get; init; }

    /// <summary>Things the analyst must know about this result (fallbacks, degenerate inputs).</summary>
    public IReadOnlyList<string>? Notes { get; init; }
}

/// <summary>How a model's run ended (see <see cref="Convergence"/>).</summary>
public enum ConvergenceStatus
{
    /// <summary>The positions (or the outcome) stopped changing: the forecast is a resting point.</summary>
    Converged,

    /// <summary>The run revisits earlier states: the forecast depends on where the rounds stop.</summary>
    Cycled,

    /// <summary>The run was still moving when it reached its round cap.</summary>
    RoundCap,

    /// <summary>No change from the status quo can pass the decision rule.</summary>
    Gridlock,
}

/// <summary>
/// How a run ended: its <see cref="Status"/>, the rounds it ran, and for a cycle the outcomes of the repeating rounds
/// (<see cref="Cycle"/>, in round order) so that a report can show them instead of one arbitrary round's.
/// </summary>
public sealed record Convergence(ConvergenceStatus Status, int Rounds, IReadOnlyList<double>? Cycle = null)
{
    /// <summary>
    /// True when the forecast is a settled point: converged; gridlock (settled at the status quo); or a cycle of the
    /// positions whose outcome is the same in every round of it (where the rounds stop does not change the forecast).
    /// </summary>
    public bool Settled => Status is ConvergenceStatus.Converged or ConvergenceStatus.Gridlock
        || (Status is ConvergenceStatus.Cycled && Cycle is { Count: > 0 } c && c.All(v => v == c[0]));
}

/// <summary>One state of a dynamic model: every actor's position after a round (round 0 = the inputs).</summary>
public sealed record TrajectoryPoint(int Round, IReadOnlyDictionary<string, double> Positions, double Outcome);

/// <summary>Implemented by results of round-based models, so reports can draw positions over rounds.</summary>
public interface IHasTrajectory
{
    IReadOnlyList<TrajectoryPoint> Trajectory { get; }
}

/// <summary>A model's result on a scenario: one entry per issue run, in scenario order.</summary>
public sealed record ScenarioResult(string Model, IReadOnlyList<IssueResult> Issues)
{
    public IssueResult? For(IssueId issue) => Issues.FirstOrDefault(r => r.Issue == issue);
}
