using Parley.Core.Domain;

namespace Parley.Core.Modelling;

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

    /// <summary>Things the analyst must know about this result (fallbacks, degenerate inputs).</summary>
    public IReadOnlyList<string>? Notes { get; init; }
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
