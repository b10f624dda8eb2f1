using System.Diagnostics;
using Orleans.Runtime;
using Parley.Analysis.Batching;
using Parley.Cluster.Jobs;

namespace Parley.Cluster.Grains;

/// <summary>
/// Runs one batch on this worker: rebuilds the job (cached), computes the indices on every core off the grain
/// scheduler, and returns the columns with the time it took. A model's failure comes back as data, not as an exception.
/// </summary>
[OnNamedSiloPlacement]
internal sealed class BatchGrain(JobCache jobs, ILocalSiloDetails silo) : Grain, IBatchGrain
{
    public Task<BatchResult> Run(BatchRequest request, CancellationToken cancellation) =>
        Task.Run(() => Compute(request, cancellation), cancellation);

    private BatchResult Compute(BatchRequest request, CancellationToken cancellation)
    {
        var worker = silo.SiloAddress.ToString();
        var clock = Stopwatch.StartNew();
        try
        {
            var job = jobs.Get(request.Job);
            var work = job.Work(request.Model, (WorkKind)request.Kind);
            if (request.First < 0 || request.End > work.Count || request.First >= request.End)
                return new BatchResult(null, $"batch [{request.First}, {request.End}) is outside [0, {work.Count})", true, worker, 0);
            var options = job.Options.MonteCarlo with { Threads = 0, Progress = null, Cancellation = cancellation };
            var computed = work.Compute(request.First, request.End, options);
            return new BatchResult(computed.Columns, null, false, worker, clock.Elapsed.TotalSeconds, Environment.ProcessorCount,
                computed.Outcomes?.Select(IndexOutcomeData.From).ToArray());
        }
        catch (JobRejectedException e)
        {
            return new BatchResult(null, e.Message, true, worker, clock.Elapsed.TotalSeconds);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // as on one machine, where the analysis reports any failure of a model's work as that model's error
            return new BatchResult(null, e.Message, false, worker, clock.Elapsed.TotalSeconds);
        }
    }
}
