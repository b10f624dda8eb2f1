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
    /// <summary>The largest number of draws a request may ask for without raising <see cref="MaxDraws"/>.</summary>
    public const int DefaultMaxDraws = 1_000_000;

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

    /// <summary>The cap on <see cref="Draws"/> and Sobol rows (a guard against requests that cannot finish or fit in memory).</summary>
    public int MaxDraws { get; init; } = DefaultMaxDraws;
}

/// <summary>How far an analysis has got: <see cref="Done"/> of <see cref="Total"/> steps (model runs or draws × issues).</summary>
public sealed record AnalysisProgress(long Done, long Total, string Stage)
{
    public double Fraction => Total <= 0 ? 1 : Math.Min(1, (double)Done / Total);
}
