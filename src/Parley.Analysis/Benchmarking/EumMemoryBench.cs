using System.Diagnostics;
using Parley.Analysis.Random;
using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Analysis.Benchmarking;

/// <summary>What one EUM run on many actors held at its peak: managed heap bytes above the heap before the run.</summary>
public sealed record MemoryFigure(int Actors, int Rounds, long PeakBytes, long TargetBytes, TimeSpan Wall)
{
    /// <summary>Peak over target (below 1 meets it).</summary>
    public double Ratio => (double)PeakBytes / TargetBytes;

    public bool Met => PeakBytes < TargetBytes;
}

/// <summary>
/// The EUM's memory target: one full run (with its round-by-round trace, as `parley run` builds it) of 10,000 actors
/// at 10,000 distinct positions on one issue, the case whose per-round pair tables once needed 5.8 GB. Measured with
/// the GC's own count, in this process: the managed heap (<see cref="GC.GetTotalMemory(bool)"/>, live objects plus
/// garbage not yet collected) is sampled every 2 ms while the run lasts, and the peak minus the heap after a full
/// collection before the run is reported. Memory the process already held (pooled workspaces, other benchmarks) is
/// not counted, nor is the runtime's own native memory. Two rounds: every buffer is in place after the first, and
/// later rounds reuse them.
/// </summary>
public static class EumMemoryBench
{
    public const int Actors = 10_000;
    public const int Rounds = 2;
    public const long TargetBytes = 1L << 30;

    /// <summary>10,000 (or <paramref name="actors"/>) actors at distinct positions in 0..100, saliences 0.2..1, capabilities 1..10.</summary>
    public static Scenario Create(int actors = Actors, ulong seed = 1)
    {
        var rng = new Xoshiro256StarStar(seed);
        var issue = new Issue(new IssueId("issue"), "Issue", new Scale(0, 100, "points"));
        var list = new List<Actor>(actors);
        var stances = new List<Stance>(actors);
        for (int i = 0; i < actors; i++)
        {
            var id = new ActorId($"a{i + 1:D5}");
            list.Add(new Actor(id, id.Value, 1 + 9 * rng.NextDouble()));
            stances.Add(new Stance(id, issue.Id, 100 * rng.NextDouble(), 0.2 + 0.8 * rng.NextDouble()));
        }
        return new Scenario(new ScenarioMetadata($"distinct-{actors}", $"{actors} actors at distinct positions"), list, [issue], stances,
            new DecisionRule.Majority());
    }

    /// <summary>One run of <paramref name="eum"/> on <see cref="Create"/>'s scenario, its peak heap growth sampled.</summary>
    public static MemoryFigure Measure(IModel eum, int actors = Actors, int rounds = Rounds)
    {
        var scenario = Create(actors);
        var settings = ModelSettings.Default.With("rounds", rounds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        long peak = before;
        using var done = new ManualResetEventSlim();
        var sampler = new Thread(() =>
        {
            do peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
            while (!done.Wait(2));
        }) { IsBackground = true, Name = "eum memory sampler" };
        var watch = Stopwatch.StartNew();
        sampler.Start();
        ScenarioResult result;
        long last;
        try
        {
            result = eum.Run(scenario, settings);
            last = GC.GetTotalMemory(forceFullCollection: false); // the trace is still alive here
        }
        finally
        {
            done.Set();
            sampler.Join(); // after which the sampler's peak is visible to this thread
        }
        GC.KeepAlive(result);
        peak = Math.Max(peak, last);
        return new MemoryFigure(actors, rounds, Math.Max(peak - before, 0), TargetBytes, watch.Elapsed);
    }

    /// <summary>The bench row: "EUM, 10,000 actors × 1 issue: peak memory" against 1 GB, with the ratio.</summary>
    public static TargetCheck Check(IModel eum)
    {
        var f = Measure(eum);
        return new TargetCheck($"EUM, {f.Actors:N0} actors × 1 issue: peak memory < 1 GB",
            $"{f.PeakBytes / (1024.0 * 1024.0):N0} MB ({f.Ratio:0.00} of the target; managed heap above the heap before the run, " +
            $"GC.GetTotalMemory sampled every 2 ms; {f.Rounds} rounds at distinct positions, {f.Wall.TotalSeconds:0.0} s)",
            f.Met);
    }
}
