using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Analysis.Benchmarking;

/// <summary>A performance target (docs/performance.md) and what was measured against it.</summary>
public sealed record TargetCheck(string Target, string Measured, bool Met);

/// <summary>The figures `parley bench` prints.</summary>
public sealed record BenchReport(IReadOnlyList<ThroughputFigure> Figures, IReadOnlyList<TargetCheck> Targets, IReadOnlyList<string> Notes)
{
    /// <summary>The SMP table (the SMP speed targets), empty unless SMP cases were passed.</summary>
    public IReadOnlyList<SmpBenchFigure> SmpFigures { get; init; } = [];

    /// <summary>The exchange model's table (its two speed targets), empty unless exchange cases were passed.</summary>
    public IReadOnlyList<ExchangeBenchFigure> ExchangeFigures { get; init; } = [];
}

/// <summary>
/// The benchmark behind `parley bench`: each model's Monte Carlo throughput (model runs per second, each draw one full
/// forecast) on synthetic one-issue scenarios of 10, 32, 100 and 1,000 actors, on one thread and on every core, and the
/// issue's targets. Models that declare a "rounds" setting run 10 rounds. The SMP's Monte Carlo throughput is measured
/// only up to <see cref="SmpThroughputMaxActors"/> actors (one 1,000-actor SMP run takes minutes of CPU); its speed
/// targets are timed once per case in the SMP table (<see cref="SmpBench"/>).
/// </summary>
public static class BenchSuite
{
    public static readonly int[] DefaultActors = [10, 32, 100, 1000];

    /// <summary>The largest actor count at which the SMP's Monte Carlo throughput is measured.</summary>
    public const int SmpThroughputMaxActors = 100;

    public static ModelSettings SettingsFor(IModel model) =>
        model.Info.Parameters.Any(p => string.Equals(p.Name, "rounds", StringComparison.OrdinalIgnoreCase))
            ? ModelSettings.Default.With("rounds", "10")
            : ModelSettings.Default;

    /// <param name="hague">The 32-actor Hague scenario for the EUM target, or null when it cannot be read.</param>
    /// <param name="onFigure">Called as each figure is measured (for live output).</param>
    /// <param name="smpCases">The SMP table's cases (<see cref="SmpBench.TargetCases"/>), timed when the models include smp.</param>
    /// <param name="onSmpFigure">Called as each SMP case is timed.</param>
    /// <param name="exchangeCases">The exchange table's cases (<see cref="ExchangeBench.Cases"/>), timed when the models include exchange.</param>
    /// <param name="onExchangeFigure">Called as each exchange case is timed.</param>
    public static BenchReport Run(IReadOnlyList<IModel> models, IReadOnlyList<int> actors, TimeSpan budget, Scenario? hague,
        Action<ThroughputFigure>? onFigure = null, IReadOnlyList<SmpBenchCase>? smpCases = null, Action<SmpBenchFigure>? onSmpFigure = null,
        IReadOnlyList<ExchangeBenchCase>? exchangeCases = null, Action<ExchangeBenchFigure>? onExchangeFigure = null)
    {
        var figures = new List<ThroughputFigure>();
        var notes = new List<string>();
        var threadCounts = Environment.ProcessorCount > 1 ? new[] { 1, Environment.ProcessorCount } : [1];
        foreach (var model in models)
            foreach (var n in actors)
            {
                if (model.Info.Name == "smp" && n > SmpThroughputMaxActors)
                {
                    notes.Add($"smp: no Monte Carlo throughput at {n} actors (only up to {SmpThroughputMaxActors}: one SMP run of " +
                              "1,000 actors takes tens of seconds or more); its speed targets are in the SMP table");
                    continue;
                }
                var scenario = SyntheticScenario.Create(n);
                foreach (var t in threadCounts)
                {
                    var f = Throughput.Measure(model, scenario, t, budget, SettingsFor(model));
                    figures.Add(f);
                    onFigure?.Invoke(f);
                }
            }
        var targets = new List<TargetCheck>();
        foreach (var name in new[] { "compromise", "median" })
        foreach (var n in new[] { 10, 32 })
        {
            var best = figures.Where(f => f.Model == name && f.Actors == n && f.Error is null).MaxBy(f => f.RunsPerSecond);
            if (best is not null)
                targets.Add(new TargetCheck($"{name}: > 1,000,000 draws/s ({n} actors, every input uncertain)",
                    $"{best.RunsPerSecond:N0} draws/s wall on {best.Threads} thread(s); {best.RunsPerCpuSecond:N0} per CPU-second",
                    best.RunsPerSecond > 1_000_000));
        }
        if (models.FirstOrDefault(m => m.Info.Name == "eum") is { } eum)
        {
            var settings = SettingsFor(eum);
            if (hague is null) notes.Add("the Hague scenario could not be read: the 10,000-draw EUM target was not measured");
            else
            {
                var issue = hague.Issues.MaxBy(i => hague.StancesOn(i.Id).Count)!;
                var one = settings with { Issues = [issue.Id] };
                // warm-up, then the fastest of three batches (the least disturbed by other work on the machine)
                Throughput.Time(eum, hague, one, 1_000, 0);
                var elapsed = TimeSpan.MaxValue;
                var cpu = TimeSpan.Zero;
                for (int rep = 0; rep < 3; rep++)
                {
                    var cpu0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                    var batch = Throughput.Time(eum, hague, one, 10_000, 0);
                    var batchCpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu0;
                    if (batch < elapsed) (elapsed, cpu) = (batch, batchCpu);
                }
                targets.Add(new TargetCheck($"eum: 10,000 MC draws of the Hague issue '{issue.Id}' ({hague.StancesOn(issue.Id).Count} actors, 10 rounds) < 1 s",
                    $"{elapsed.TotalSeconds:0.000} s wall on {Environment.ProcessorCount} cores ({cpu.TotalSeconds:0.000} s CPU; fastest of 3 batches)",
                    elapsed.TotalSeconds < 1));
            }
            var big = SyntheticScenario.Create(1000);
            var cpu1 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var run = Throughput.TimeRuns(eum, big, settings, 1);
            var runCpu = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu1) / 2; // TimeRuns runs twice (warm-up + 1)
            targets.Add(new TargetCheck("eum: one run, 1,000 actors × 10 rounds < 2 s",
                $"{run.TotalSeconds:0.000} s wall (≈ {runCpu.TotalSeconds:0.000} s CPU)", run.TotalSeconds < 2));
            targets.Add(EumMemoryBench.Check(eum));
        }
        var smp = smpCases is { Count: > 0 } && models.Any(m => m.Info.Name == "smp")
            ? SmpBench.Run(smpCases, budget, onFigure: onSmpFigure)
            : [];
        var exchange = exchangeCases is { Count: > 0 } && models.Any(m => m.Info.Name == "exchange")
            ? ExchangeBench.Run(exchangeCases, budget, onExchangeFigure)
            : [];
        return new BenchReport(figures, targets, notes) { SmpFigures = smp, ExchangeFigures = exchange };
    }
}
