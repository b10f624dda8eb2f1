using Parley.Application.Backtesting;
using Parley.Cluster.Jobs;
using Parley.Cluster.Scheduling;

namespace Parley.Cluster;

/// <summary>A backtest run on the cluster, with the totals of its batches.</summary>
public sealed record ClusterBacktestOutcome(BacktestOutcome Outcome, ClusterStats Stats);

/// <summary>
/// Runs the `backtest` use case with the models' forecasts of the cases on the cluster's workers (the scoring, folds
/// and tuning here, from those forecasts). The outcome equals <see cref="BacktestService.Run"/>'s for the same request.
/// </summary>
public sealed class ClusterBacktestRunner(IClusterClient client, ClusterRunOptions? options = null)
{
    public Task<ClusterBacktestOutcome> RunAsync(BacktestRequest request, Action<BatchEvent>? batches = null, CancellationToken cancellation = default) =>
        Task.Run(() => Run(request, batches, cancellation), CancellationToken.None);

    public ClusterBacktestOutcome Run(BacktestRequest request, Action<BatchEvent>? batches = null, CancellationToken cancellation = default)
    {
        var executor = new ClusterExecutor(client, BacktestJob.Create(request), options, batches, cancellation);
        var outcome = executor.Within(e => new BacktestService().Run(request, cancellation, e), cancellation);
        return new ClusterBacktestOutcome(outcome, executor.Stats);
    }
}
