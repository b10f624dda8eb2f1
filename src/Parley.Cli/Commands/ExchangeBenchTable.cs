using System.Globalization;
using Parley.Analysis.Benchmarking;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary>The exchange section of `parley bench`: one row per speed target with the measured time, the target and their ratio.</summary>
internal static class ExchangeBenchTable
{
    public static void Write(CliConsole console, IReadOnlyList<ExchangeBenchFigure> figures, IReadOnlyList<string> notes)
    {
        console.Out.MarkupLine("[bold]exchange: speed targets[/] [grey](one model run per case: double arithmetic, 10 rounds, full results)[/]");
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("case");
        table.AddColumn(new TableColumn("actors × issues").RightAligned());
        table.AddColumn(new TableColumn("exchanges").RightAligned());
        table.AddColumn(new TableColumn("wall").RightAligned());
        table.AddColumn(new TableColumn("CPU").RightAligned());
        table.AddColumn(new TableColumn("target").RightAligned());
        table.AddColumn(new TableColumn("wall/target").RightAligned());
        table.AddColumn("verdict");
        foreach (var f in figures)
        {
            var c = f.Case;
            string size = $"{c.Actors} × {c.Issues}";
            string target = "< " + BenchCommand.Duration(c.Target);
            if (f.Error is not null)
            {
                table.AddRow(TerminalText.Markup(c.Name), size, "", $"[red]{TerminalText.Markup(f.Error)}[/]", "", target, "", "");
                continue;
            }
            table.AddRow(TerminalText.Markup(c.Name), size, f.Exchanges.ToString("N0", CultureInfo.InvariantCulture), BenchCommand.Duration(f.Wall),
                BenchCommand.Duration(f.Cpu), target, f.Ratio.ToString("0.000", CultureInfo.InvariantCulture),
                f.Met == true ? "[green]met[/]" : "[red]missed[/]");
        }
        console.Out.Write(table);
        console.Out.MarkupLine("[yellow]note[/] " + TerminalText.Markup(
            "wall and CPU (Process.TotalProcessorTime) are the fastest of the runs that fit in --budget-ms (at least one), after warm-up " +
            "runs; in-process, so without process start-up. The targets are wall times on the 2-core machine (docs/performance.md)."));
        if (LoadAverage() is { } load)
            console.Out.MarkupLine("[yellow]note[/] " + TerminalText.Markup(
                $"load average (1 min) after the runs: {load} on {Environment.ProcessorCount} cores; on a shared machine wall times under load are longer than CPU times"));
        foreach (var n in notes) console.Out.MarkupLine($"[yellow]note[/] {TerminalText.Markup(n)}");
    }

    /// <summary>The 1-minute load average where the system reports one (Linux), else null.</summary>
    private static string? LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
