using Parley.Application.Analysing;

namespace Parley.Web.Jobs;

/// <summary>
/// Runs analyses (stored runs of kind analysis) in the background. The local runner runs them in this process; a
/// cluster runner can take its place behind this interface (the run, its request and its progress are in the database).
/// </summary>
public interface IAnalysisRunner
{
    /// <summary>Throws <see cref="QueueFullException"/> when no job can be queued now (before a run is stored).</summary>
    void EnsureRoom();

    /// <summary>Queues a stored run (status queued).</summary>
    ValueTask Enqueue(long runId, CancellationToken ct = default);

    /// <summary>Stops a queued or running job of this runner; false when it does not hold the job.</summary>
    bool Cancel(long runId);

    /// <summary>The latest progress of a running job (between the throttled writes to the database), if any.</summary>
    AnalysisProgress? Progress(long runId);
}

/// <summary>Too many analyses are waiting; try again later (HTTP 429).</summary>
public sealed class QueueFullException(int capacity)
    : Exception($"too many analyses are waiting ({capacity}); try again when one has finished");
