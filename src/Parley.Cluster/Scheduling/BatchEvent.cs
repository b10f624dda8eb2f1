using Parley.Analysis.Batching;

namespace Parley.Cluster.Scheduling;

/// <summary>What happened to a batch.</summary>
public enum BatchOutcome
{
    /// <summary>It was handed to a worker.</summary>
    Started,

    /// <summary>Its result was merged.</summary>
    Done,

    /// <summary>Its worker failed or left; the batch goes back to the queue.</summary>
    Requeued,

    /// <summary>A second copy was started on an idle worker (the first is slow or its worker is gone).</summary>
    Duplicated,
}

/// <summary>
/// One batch event, for progress: which work, which indices, which worker, the time on the worker
/// (<see cref="Seconds"/>) and seen by the client (<see cref="RoundTrip"/>; the difference is the per-batch overhead),
/// the number of live workers, and how much of the work is done.
/// </summary>
public sealed record BatchEvent(WorkId Work, int Batch, int First, int End, BatchOutcome Outcome, string Worker, double Seconds,
    double RoundTrip, int Workers, int Done, int Count, string? Reason = null)
{
    public override string ToString() => Outcome switch
    {
        BatchOutcome.Done =>
            $"{Work.Kind} #{Work.Model} batch {Batch} [{First}, {End}) on {Worker}: {Seconds:0.000} s (round trip {RoundTrip:0.000} s); " +
            $"{Done}/{Count} done, {Workers} worker{(Workers == 1 ? "" : "s")}",
        BatchOutcome.Started => $"{Work.Kind} #{Work.Model} batch {Batch} [{First}, {End}) started on {Worker}",
        BatchOutcome.Requeued => $"{Work.Kind} #{Work.Model} batch {Batch} [{First}, {End}) lost on {Worker} ({Reason}); requeued, {Workers} worker{(Workers == 1 ? "" : "s")}",
        _ => $"{Work.Kind} #{Work.Model} batch {Batch} [{First}, {End}) also started on {Worker} ({Reason})",
    };
}

/// <summary>Totals of a cluster run: batches merged, copies and retries, time on workers and round trips, workers seen.</summary>
public sealed record ClusterStats(int Batches, int Duplicates, int Requeued, double WorkerSeconds, double RoundTripSeconds, int MaxWorkers,
    double WallSeconds)
{
    /// <summary>The share of the round trips not spent computing: serialisation, network, scheduling.</summary>
    public double Overhead => RoundTripSeconds <= 0 ? 0 : Math.Max(0, 1 - WorkerSeconds / RoundTripSeconds);

    public override string ToString() =>
        $"{Batches} batches ({Duplicates} duplicated, {Requeued} requeued) on up to {MaxWorkers} worker{(MaxWorkers == 1 ? "" : "s")}: " +
        $"{WorkerSeconds:0.00} s on workers, {RoundTripSeconds:0.00} s round trips (overhead {Overhead:P1}), {WallSeconds:0.00} s wall";
}
