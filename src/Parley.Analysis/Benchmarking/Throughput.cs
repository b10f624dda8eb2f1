using System.Diagnostics;
using Parley.Analysis.MonteCarlo;
using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Analysis.Benchmarking;

/// <summary>One throughput measurement: a model's Monte Carlo draws (each one full model run) on a scenario.</summary>
/// <remarks>
/// <see cref="Elapsed"/> is wall time; <see cref="Cpu"/> the process's CPU time over the same interval. On a shared,
/// loaded machine wall time overstates the cost; CPU time per run is what the code costs on one core.
/// </remarks>
public sealed record ThroughputFigure(string Model, int Actors, int Threads, long Runs, TimeSpan Elapsed, string? Error = null)
{
    public TimeSpan Cpu { get; init; }
    public double RunsPerSecond => Elapsed.TotalSeconds > 0 ? Runs / Elapsed.TotalSeconds : double.NaN;
    public TimeSpan PerRun => Runs > 0 ? Elapsed / Runs : TimeSpan.Zero;

    /// <summary>CPU time per run (all threads' CPU time divided by the runs).</summary>
    public TimeSpan CpuPerRun => Runs > 0 ? Cpu / Runs : TimeSpan.Zero;

    /// <summary>Runs per CPU-second: the throughput of one fully available core.</summary>
    public double RunsPerCpuSecond => Cpu.TotalSeconds > 0 ? Runs / Cpu.TotalSeconds : double.NaN;
}

/// <summary>
/// Measures model throughput through the same Monte Carlo path `parley analyze` uses (so the figures include drawing
/// the inputs), by doubling the number of draws until a batch takes at least the time budget.
/// </summary>
public static class Throughput
{
    public static ThroughputFigure Measure(IModel model, Scenario scenario, int threads, TimeSpan budget, ModelSettings? settings = null)
    {
        settings ??= ModelSettings.Default;
        int actors = scenario.Actors.Count;
        try
        {
            // warm-up: JIT and tiered compilation
            Time(model, scenario, settings, 2, threads);
            int draws = 1;
            while (true)
            {
                var cpu0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                var elapsed = Time(model, scenario, settings, draws, threads);
                var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu0;
                if (elapsed >= budget || draws >= 1 << 26)
                    return new ThroughputFigure(model.Info.Name, actors, threads, draws, elapsed) { Cpu = cpu };
                // aim straight for the budget once a batch is long enough to time
                long next = elapsed.TotalMilliseconds < 5 ? (long)draws * 8
                    : (long)Math.Ceiling(draws * budget.TotalSeconds / elapsed.TotalSeconds * 1.05);
                draws = (int)Math.Min(next, 1 << 26);
            }
        }
        catch (Exception e) when (e is AnalysisException or ArgumentException or InvalidOperationException or ModelSettingException or Parley.Core.ModelRefusedException)
        {
            return new ThroughputFigure(model.Info.Name, actors, threads, 0, TimeSpan.Zero, e.Message);
        }
    }

    /// <summary>Wall time of <paramref name="draws"/> Monte Carlo draws of <paramref name="model"/> on <paramref name="threads"/> threads.</summary>
    public static TimeSpan Time(IModel model, Scenario scenario, ModelSettings settings, int draws, int threads)
    {
        var space = new Inputs.InputSpace(scenario);
        var issues = IssueModel.SelectIssues(scenario, settings).ToArray();
        var options = new MonteCarloOptions { Draws = draws, Threads = threads };
        var watch = Stopwatch.StartNew();
        MonteCarloRunner.Outcomes(space, issues, model, settings, options);
        return watch.Elapsed;
    }

    /// <summary>Wall time of single model runs (point inputs, full results with traces), repeated <paramref name="runs"/> times.</summary>
    public static TimeSpan TimeRuns(IModel model, Scenario scenario, ModelSettings settings, int runs)
    {
        model.Run(scenario, settings);
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < runs; i++) model.Run(scenario, settings);
        return watch.Elapsed / runs;
    }
}
