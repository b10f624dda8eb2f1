namespace Parley.Analysis.MonteCarlo;

/// <summary>
/// How to run a Monte Carlo analysis. <see cref="Threads"/> changes only the speed: every draw's inputs come from
/// (<see cref="Seed"/>, draw index), so the result is bit-identical for any thread count.
/// </summary>
public sealed record MonteCarloOptions
{
    public const int DefaultDraws = 2000;
    public const ulong DefaultSeed = Core.Models.ModelSettings.DefaultSeed;

    public int Draws { get; init; } = DefaultDraws;
    public ulong Seed { get; init; } = DefaultSeed;

    /// <summary>Worker threads; 0 or less = every core.</summary>
    public int Threads { get; init; }

    public int HistogramBins { get; init; } = 40;

    /// <summary>
    /// Called (from any thread) with a number of completed forecasts: a whole-scenario run of a multi-issue model is one, a
    /// one-dimensional model's forecast of one issue is one (so N draws over I issues are N × I). The analysis shows them
    /// as runs of the scenario (<see cref="Batching.RunCounter"/>).
    /// </summary>
    public Action<long>? Progress { get; init; }

    /// <summary>Stops the draws (between chunks, and inside long model runs) with <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken Cancellation { get; init; }

    public int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;
}
