using System.Diagnostics;
using Parley.Core.Models.Spatial;

namespace Parley.Analysis.Benchmarking;

/// <summary>
/// One of the SMP speed targets (docs/performance.md): the input (a KTAB sample file by name, or a generated problem), its size, the
/// whole-process wall time to beat on the 2-core machine, and KTAB's own time (C++, -O2) as the issue gives it.
/// </summary>
/// <param name="KtabFile">The KTAB sample file (read from the folder given to `parley bench --ktab-dir`) or null for a generated problem.</param>
public sealed record SmpSpeedTarget(string Name, int Actors, int Dimensions, TimeSpan Target, string KtabTime, string? KtabFile);

/// <summary>One case of the SMP table: what runs, and the target it is checked against (null = none).</summary>
/// <param name="StandIn">Set when a generated problem stands in for a KTAB file that could not be read (why).</param>
public sealed record SmpBenchCase(string Name, SmpProblem Problem, SmpSpeedTarget? Target, string? StandIn = null);

/// <summary>
/// One timed case: the number of states of the run, the wall and CPU time of the fastest run
/// (<see cref="Runs"/> runs were made), and the verdict against the target.
/// </summary>
public sealed record SmpBenchFigure(SmpBenchCase Case, int States, int Runs, TimeSpan Wall, TimeSpan Cpu, string? Error = null)
{
    /// <summary>
    /// The target is a whole-process time; the in-process <see cref="Wall"/> excludes process start-up, so a case is
    /// met when <see cref="Wall"/> + <paramref name="startup"/> is under it. Null without a target or on error.
    /// </summary>
    public bool? Met(TimeSpan startup) => Case.Target is { } t && Error is null ? Wall + startup < t.Target : null;
}

/// <summary>
/// The SMP section of `parley bench`: the SMP speed targets (KTAB's dummyData-a040/a080/a160 and 1,000 actors × 3
/// issues), each timed as one <c>new SmpEngine(problem, SmpOptions.Default).Run()</c> (KTAB's default options, all
/// cores) after a warm-up on a small problem.
/// </summary>
public static class SmpBench
{
    /// <summary>Process start-up of the published (ReadyToRun) CLI, added to in-process times before the verdict (docs/performance.md).</summary>
    public static readonly TimeSpan PublishedStartup = TimeSpan.FromSeconds(0.1);

    public static SmpSpeedTarget DummyA040 { get; } = new("dummyData-a040", 40, 1, TimeSpan.FromSeconds(0.27), "8.1 s", "dummyData-a040.csv");
    public static SmpSpeedTarget DummyA080 { get; } = new("dummyData-a080", 80, 1, TimeSpan.FromSeconds(0.76), "76 s", "dummyData-a080.csv");
    public static SmpSpeedTarget DummyA160 { get; } = new("dummyData-a160", 160, 1, TimeSpan.FromSeconds(3), "> 300 s", "dummyData-a160.csv");
    public static SmpSpeedTarget Random1000x3 { get; } = new(SmpBenchScenario.Name(1000, 3), 1000, 3, TimeSpan.FromSeconds(60), "—", null);

    /// <summary>The SMP speed targets, in order (the 1,000 × 3 case last).</summary>
    public static IReadOnlyList<SmpSpeedTarget> SpeedTargetTargets { get; } = [DummyA040, DummyA080, DummyA160, Random1000x3];

    /// <summary>
    /// The cases of the SMP speed targets: the KTAB files through <paramref name="readKtab"/> (file name → problem, or null
    /// when it cannot be read: a generated problem of the same size with seed 42 stands in, and a note says so), and the
    /// 1,000 × 3 case only when <paramref name="includeLarge"/> (it runs for tens of seconds or more).
    /// </summary>
    public static IReadOnlyList<SmpBenchCase> TargetCases(Func<string, SmpProblem?> readKtab, bool includeLarge, ICollection<string> notes)
    {
        var cases = new List<SmpBenchCase>();
        var missing = new List<string>();
        foreach (var t in SpeedTargetTargets)
        {
            if (t.KtabFile is null)
            {
                if (includeLarge) cases.Add(new SmpBenchCase(t.Name, SmpBenchScenario.Create(t.Actors, t.Dimensions), t));
                continue;
            }
            if (readKtab(t.KtabFile) is { } problem) cases.Add(new SmpBenchCase(t.Name, problem, t));
            else
            {
                missing.Add(t.KtabFile);
                // short enough to keep the table within 100 columns, e.g. "a040 (random)"
                cases.Add(new SmpBenchCase($"{t.Name.Replace("dummyData-", "", StringComparison.Ordinal)} (random)",
                    SmpBenchScenario.Create(t.Actors, t.Dimensions), t, $"{t.KtabFile} not found or unreadable"));
            }
        }
        if (missing.Count > 0)
            notes.Add($"KTAB's sample files were not found or could not be read ({string.Join(", ", missing)}; point --ktab-dir or " +
                      "$PARLEY_KTAB_DIR at the folder holding them): generated problems of the same size (random N × 1, seed 42) stand in, " +
                      "named \"a040 (random)\" etc., so their states and times are not those of KTAB's files");
        return cases;
    }

    /// <summary>
    /// Times each case: a warm-up run on a small problem (JIT), then runs of the case while another would still fit in
    /// <paramref name="budget"/> (at least one, at most <paramref name="maxRuns"/>); the fastest run's wall and CPU
    /// time (<see cref="Process.TotalProcessorTime"/> delta, every thread of the process) are kept.
    /// </summary>
    public static IReadOnlyList<SmpBenchFigure> Run(IReadOnlyList<SmpBenchCase> cases, TimeSpan budget, SmpOptions? options = null,
        Action<SmpBenchFigure>? onFigure = null, int maxRuns = 10)
    {
        options ??= SmpOptions.Default;
        var figures = new List<SmpBenchFigure>(cases.Count);
        if (cases.Count == 0) return figures;
        try
        {
            new SmpEngine(SmpBenchScenario.Create(12, 2, 1), options).Run();
        }
        catch (ArgumentException)
        {
            // the warm-up only primes the JIT; a failure shows in the cases themselves
        }
        foreach (var c in cases)
        {
            var f = Measure(c, budget, options, maxRuns);
            figures.Add(f);
            onFigure?.Invoke(f);
        }
        return figures;
    }

    /// <summary>Times one case (see <see cref="Run"/>).</summary>
    public static SmpBenchFigure Measure(SmpBenchCase c, TimeSpan budget, SmpOptions options, int maxRuns = 10)
    {
        try
        {
            var best = BestOfRuns.Measure(() => new SmpEngine(c.Problem, options).Run().States.Count, budget, maxRuns);
            return new SmpBenchFigure(c, best.Count, best.Runs, best.Wall, best.Cpu);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or Core.Models.ModelSettingException or Parley.Core.ModelRefusedException)
        {
            return new SmpBenchFigure(c, 0, 0, TimeSpan.Zero, TimeSpan.Zero, e.Message);
        }
    }
}
