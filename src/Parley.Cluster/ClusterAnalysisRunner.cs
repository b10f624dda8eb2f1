using Parley.Application.Analysing;
using Parley.Cluster.Jobs;
using Parley.Cluster.Scheduling;
using Parley.Core.Domain;

namespace Parley.Cluster;

/// <summary>An analysis run on the cluster, with the totals of its batches.</summary>
public sealed record ClusterAnalysisOutcome(AnalysisOutcome Outcome, ClusterStats Stats);

/// <summary>
/// Runs the `analyze` use case with its draws, tornado inputs, shocks and Sobol rows on the cluster's workers (the point
/// forecasts and the summaries here). Reusable by any edge (the CLI, a web job runner): give it a connected
/// <see cref="IClusterClient"/>. The outcome equals <see cref="AnalysisService.Run"/>'s for the same scenario and request,
/// bit for bit.
/// </summary>
public sealed class ClusterAnalysisRunner(IClusterClient client, ClusterRunOptions? options = null)
{
    public Task<ClusterAnalysisOutcome> RunAsync(Scenario scenario, AnalysisRequest request, IProgress<AnalysisProgress>? progress = null,
        Action<BatchEvent>? batches = null, CancellationToken cancellation = default) =>
        Task.Run(() => Run(scenario, request, progress, batches, cancellation), CancellationToken.None);

    public ClusterAnalysisOutcome Run(Scenario scenario, AnalysisRequest request, IProgress<AnalysisProgress>? progress = null,
        Action<BatchEvent>? batches = null, CancellationToken cancellation = default)
    {
        // the client analyses the scenario as the workers read it: from the same canonical JSON
        var job = ClusterJob.Create(scenario, request);
        var executor = new ClusterExecutor(client, job.Spec, options, batches, cancellation);
        var outcome = executor.Within(e => new AnalysisService().Run(job.Scenario, request, progress, cancellation, e), cancellation);
        return new ClusterAnalysisOutcome(outcome, executor.Stats);
    }
}
