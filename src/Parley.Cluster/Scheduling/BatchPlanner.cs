namespace Parley.Cluster.Scheduling;

/// <summary>
/// Cuts [0, count) into batches from the front. With a fixed size, every batch has it. Otherwise the first batches
/// are small probes; once the cost of an index is measured, a batch holds at least <see cref="ClusterRunOptions.MinBatchSeconds"/>
/// of work (so the per-batch overhead stays small), at most <see cref="ClusterRunOptions.MaxBatchSeconds"/> (so a lost
/// worker loses little), and shrinks towards the end (guided self-scheduling: remaining / (2 × workers)) so the
/// workers finish together. No batch's result exceeds <see cref="ClusterRunOptions.MaxBatchBytes"/>. The cut never
/// changes a value: each index's values depend on the index alone.
/// </summary>
internal sealed class BatchPlanner(int count, int columns, ClusterRunOptions options)
{
    private const int ProbeLimit = 16;
    private int _next;
    private double? _secondsPerIndex;

    public bool Exhausted => _next >= count;

    /// <summary>The next range, or null when every index has been handed out.</summary>
    public (int First, int End)? Next(int workers, int workerThreads)
    {
        int remaining = count - _next;
        if (remaining <= 0) return null;
        int largest = (int)Math.Clamp(options.MaxBatchBytes / (8L * Math.Max(1, columns)), 1, int.MaxValue);
        int size = Math.Min(largest, Size(remaining, Math.Max(1, workers), Math.Max(1, workerThreads)));
        var range = (_next, _next + Math.Min(size, remaining));
        _next = range.Item2;
        return range;
    }

    /// <summary>Learns the cost of an index from a finished batch (its time on the worker).</summary>
    public void Observe(int indices, double seconds)
    {
        if (indices <= 0 || seconds <= 0) return;
        double cost = seconds / indices;
        _secondsPerIndex = _secondsPerIndex is { } s ? 0.5 * s + 0.5 * cost : cost;
    }

    private int Size(int remaining, int workers, int workerThreads)
    {
        if (options.BatchSize is { } fixedSize) return fixedSize;
        int guided = (int)Math.Ceiling(remaining / (2.0 * workers));
        if (_secondsPerIndex is not { } cost)
            return Math.Clamp((int)Math.Ceiling(remaining / (8.0 * workers)), 1, ProbeLimit);
        int least = Math.Max(workerThreads, Indices(options.MinBatchSeconds, cost));
        int most = Math.Max(least, Indices(options.MaxBatchSeconds, cost));
        return Math.Clamp(guided, least, most);
    }

    private static int Indices(double seconds, double cost) => (int)Math.Min(int.MaxValue, Math.Ceiling(seconds / cost));
}
