using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Parley.Application.Analysing;
using Parley.Core.Domain;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary>
/// `parley bench`'s analyze row: what `parley analyze` does on the bundled scenario with its defaults (every model, 2,000
/// draws, tornado, headline), timed once in process, against the 30 s target on the 2-core machine. Not timed in a
/// Debug build (minutes, and meaningless).
/// </summary>
public static class AnalyzeBench
{
    public static readonly TimeSpan Target = TimeSpan.FromSeconds(30);

    /// <summary>True when this build's code runs without the JIT's optimisations (a Debug build): timings mean nothing.</summary>
    public static bool IsDebugBuild => !BuildInfo.Optimized;

    internal static void Write(CliConsole console, Scenario? hague)
    {
        var service = new AnalysisService();
        int models = service.DefaultModels.Count;
        string name = $"analyze, all {models} models, default draws, bundled scenario";
        console.Out.MarkupLine($"[bold]{TerminalText.Markup(name)}[/] [grey](`parley analyze` in process: draws, tornado and headline; every core)[/]");
        if (IsDebugBuild)
        {
            console.Out.MarkupLine("[yellow]note[/] not timed: this is a Debug build (build with -c Release to measure)");
            return;
        }
        if (hague is null)
        {
            console.Out.MarkupLine("[yellow]note[/] not timed: the bundled scenario could not be read");
            return;
        }
        var request = new AnalysisRequest();
        var (_, runs) = service.Planned(hague, request);
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        service.Run(hague, request, null, console.Cancellation);
        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        double ratio = clock.Elapsed / Target;
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var c in new[] { "case", "model runs", "wall", "CPU", "target", "wall/target", "verdict" }) table.AddColumn(c);
        table.AddRow(TerminalText.Markup(name), runs.ToString("N0", CultureInfo.InvariantCulture), BenchCommand.Duration(clock.Elapsed),
            BenchCommand.Duration(cpu), "< " + BenchCommand.Duration(Target), ratio.ToString("0.00", CultureInfo.InvariantCulture),
            ratio < 1 ? "[green]met[/]" : "[red]missed[/]");
        console.Out.Write(table);
        console.Out.MarkupLine("[yellow]note[/] " + TerminalText.Markup(
            $"one run, in process (no process start-up), on {Environment.ProcessorCount} cores; the target is the wall time on the 2-core " +
            "machine, so other work on the machine counts against it (CPU shows what the analysis itself used)."));
    }
}
