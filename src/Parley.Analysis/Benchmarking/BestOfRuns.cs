using System.Diagnostics;

namespace Parley.Analysis.Benchmarking;

/// <summary>
/// The fastest of repeated whole runs (the least disturbed by other work on the machine): wall clock and this process's
/// CPU time of that run, how many runs were made, and what the last run counted (states, exchanges).
/// </summary>
public readonly record struct BestOfRuns(int Runs, TimeSpan Wall, TimeSpan Cpu, int Count)
{
    /// <summary>
    /// Runs <paramref name="run"/> (which returns what it counted) at least once, and again while fewer than
    /// <paramref name="maxRuns"/> were made and another run of the best time would still end within <paramref name="budget"/>.
    /// </summary>
    public static BestOfRuns Measure(Func<int> run, TimeSpan budget, int maxRuns)
    {
        var total = Stopwatch.StartNew();
        TimeSpan bestWall = TimeSpan.MaxValue, bestCpu = TimeSpan.Zero;
        int runs = 0, count = 0;
        do
        {
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            count = run();
            var wall = watch.Elapsed;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            runs++;
            if (wall < bestWall) (bestWall, bestCpu) = (wall, cpu);
        } while (runs < maxRuns && total.Elapsed + bestWall < budget);
        return new BestOfRuns(runs, bestWall, bestCpu, count);
    }
}
