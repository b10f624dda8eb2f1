using Parley.Analysis.MonteCarlo;

namespace Parley.Analysis.Batching;

/// <summary>The parts of a model's analysis that are cut into batches of indices.</summary>
public enum WorkKind
{
    /// <summary>Index = Monte Carlo draw; one column per issue.</summary>
    MonteCarlo,

    /// <summary>Index = row of Saltelli's matrices; per issue, columns f(A), f(B), f(A_B^i).</summary>
    Sobol,

    /// <summary>Index = uncertain input (multi-issue models; a one-dimensional model's tornado is cheap and has none); per issue, low and high.</summary>
    Tornado,

    /// <summary>Index = shock the scenario declares (one model run each); per issue of the scenario, the forecast with the shock; a status per shock.</summary>
    Shocks,

    /// <summary>Index = (model predictor, case) of a backtest; one column, the forecast; a status per index (see the backtest's work).</summary>
    Backtest,
}

/// <summary>One batchable part of an analysis: the model's position in the analysis's model list and the kind of work.</summary>
public readonly record struct WorkId(int Model, WorkKind Kind)
{
    public override string ToString() => $"{Kind} of model #{Model}";
}

/// <summary>
/// Work that is a function of an index alone: index i gives one value per column, from the inputs and i only (never
/// from which batch, thread or machine computes it). So the columns of [0, Count) put together from any batches are
/// bit-identical to those computed in one go.
/// </summary>
public interface IIndexedWork
{
    int Count { get; }

    /// <summary>Values per index.</summary>
    int Columns { get; }

    /// <summary>True when every index also gets an <see cref="IndexOutcome"/> (status, error, notes).</summary>
    bool HasOutcomes => false;

    /// <summary>Model runs per index (what progress counts): one per column unless the work says otherwise.</summary>
    int RunsPerIndex => Columns;

    /// <summary>Every model run the work takes: its indices' and any its summary makes (e.g. the tornado's centre run).</summary>
    long Runs => (long)Count * RunsPerIndex;

    /// <summary>The model runs its summary makes beyond its indices' (reported as progress once it is summarised).</summary>
    long SummaryRuns => Runs - (long)Count * RunsPerIndex;

    /// <summary>The values (and outcomes) for indices [first, end), each indexed by i − first; threads, progress and cancellation from <paramref name="options"/>.</summary>
    IndexedColumns Compute(int first, int end, MonteCarloOptions options);
}

/// <summary>Indexed work with the summary computed from all of its columns (in index order).</summary>
public interface IIndexedWork<out TResult> : IIndexedWork
{
    TResult Summarise(IndexedColumns columns);
}

/// <summary>
/// Runs indexed work: in this process (<see cref="LocalExecutor"/>) or cut into batches for other machines. Whatever runs
/// it, the result must be the columns of [0, Count) as <see cref="IIndexedWork.Compute"/> gives them in one call.
/// </summary>
public interface IWorkExecutor
{
    /// <param name="id">Identifies the work within the analysis, so a remote worker can rebuild it from the same request.</param>
    IndexedColumns Run(WorkId id, IIndexedWork work, MonteCarloOptions options);
}

/// <summary>Runs the work in this process, on the threads <see cref="MonteCarloOptions.Threads"/> asks for.</summary>
public sealed class LocalExecutor : IWorkExecutor
{
    public static readonly LocalExecutor Instance = new();

    public IndexedColumns Run(WorkId id, IIndexedWork work, MonteCarloOptions options) =>
        work.Count == 0 ? IndexedColumns.Empty(work) : work.Compute(0, work.Count, options);
}

public static class WorkExecutorExtensions
{
    /// <summary>Runs the work and summarises its columns.</summary>
    public static TResult Summarise<TResult>(this IWorkExecutor executor, WorkId id, IIndexedWork<TResult> work, MonteCarloOptions options) =>
        work.Summarise(executor.Run(id, work, options));
}
