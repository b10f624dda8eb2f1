using Parley.Analysis.MonteCarlo;
using Parley.Application.Models;

namespace Parley.Application.Analysing;

/// <summary>
/// What `analyze` and `report` compute: the models (<see cref="Models"/>; every model by default), Monte Carlo draws over the
/// input ranges, the tornado (or none, or only its largest bars), Sobol indices (rows, 0 = none), and what-ifs applied before anything runs: actors left out
/// (<see cref="Without"/>), inputs set (<see cref="Set"/>: <c>ACTOR.ISSUE.position=V</c>, <c>ACTOR.ISSUE.salience=V</c>,
/// <c>ACTOR.capability=V</c>, optionally <c>@ROUND</c>) and the scenario's shocks by id (<see cref="Shocks"/>).
/// </summary>
public sealed record AnalysisRequest
{
    /// <summary>
    /// The largest number of draws a request may ask for without raising <see cref="MaxDraws"/>: at a million draws the
    /// Monte Carlo error of a probability is at most 0.0005, far below what any reading of it needs, and the outcomes
    /// take 8 MB per issue and model; beyond it, time grows with nothing to show for it (docs/cli.md, "Limits").
    /// </summary>
    public const int DefaultMaxDraws = 1_000_000;

    /// <summary>
    /// The largest number of Sobol rows without raising <see cref="MaxSobolRows"/>: each row is k + 2 model runs and keeps
    /// k + 2 outcomes per issue, so the bundled scenario (293 inputs, 4 issues) takes 0.3–0.9 GB per model at 100,000
    /// rows (and 3–9 GB at a million), while the indices' sampling error at 100,000 rows is about 0.003.
    /// </summary>
    public const int DefaultMaxSobolRows = 100_000;

    public ModelRequest Models { get; init; } = new();
    public int Draws { get; init; } = MonteCarloOptions.DefaultDraws;

    /// <summary>Worker threads (0 = every core); results do not depend on it.</summary>
    public int Threads { get; init; }

    public int SobolSamples { get; init; }
    public bool Tornado { get; init; } = true;

    /// <summary>Keep only the K bars of largest swing per issue in each tornado (at least 1); null = every bar.</summary>
    public int? TornadoTop { get; init; }
    public IReadOnlyList<string> Without { get; init; } = [];
    public IReadOnlyList<string> Set { get; init; } = [];
    public IReadOnlyList<string> Shocks { get; init; } = [];

    /// <summary>The cap on <see cref="Draws"/> (a guard against requests that cannot finish or fit in memory); Sobol rows are held to it too.</summary>
    public int MaxDraws { get; init; } = DefaultMaxDraws;

    /// <summary>The cap on <see cref="SobolSamples"/> (the lower of it and <see cref="MaxDraws"/> applies).</summary>
    public int MaxSobolRows { get; init; } = DefaultMaxSobolRows;
}

/// <summary>How far an analysis has got: <see cref="Done"/> of <see cref="Total"/> steps (model runs or draws × issues).</summary>
public sealed record AnalysisProgress(long Done, long Total, string Stage)
{
    public double Fraction => Total <= 0 ? 1 : Math.Min(1, (double)Done / Total);
}
