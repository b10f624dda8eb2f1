namespace Parley.Cluster.Scheduling;

/// <summary>How the client cuts and hands out batches. None of it changes a result, only how fast and how robustly it comes.</summary>
public sealed record ClusterRunOptions
{
    /// <summary>Indices per batch; null = sized from the measured cost (see <see cref="BatchPlanner"/>).</summary>
    public int? BatchSize { get; init; }

    /// <summary>The least work a batch should hold once the cost is known: the per-batch overhead is paid once per batch.</summary>
    public double MinBatchSeconds { get; init; } = 1.0;

    /// <summary>The most work a batch should hold: what a worker that dies takes with it.</summary>
    public double MaxBatchSeconds { get; init; } = 10.0;

    /// <summary>The largest result a batch may send back (8 bytes per index and column), well under Orleans' message limit.</summary>
    public long MaxBatchBytes { get; init; } = 16 << 20;

    /// <summary>Batches a worker runs at once (each uses every core of the worker).</summary>
    public int SlotsPerWorker { get; init; } = 1;

    /// <summary>A batch that failed this many times on workers fails the job.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>How long to wait for a first worker before giving up.</summary>
    public TimeSpan WorkerTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the list of live workers is read.</summary>
    public TimeSpan WorkerPoll { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// When no batch is left to hand out, an idle worker re-runs a batch that has been out this many times longer than a
    /// typical batch (at least one second): a worker that died or stalls then costs one batch's time, not a timeout.
    /// </summary>
    public double DuplicateAfter { get; init; } = 1.5;
}
