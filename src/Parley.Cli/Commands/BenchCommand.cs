using System.CommandLine;
using System.Globalization;
using Parley.Analysis.Benchmarking;
using Parley.Core.Domain;
using Parley.Core.Modelling;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary>
/// `parley bench [--model NAME]... [--actors N]... [--budget-ms MS]`: each model's throughput (runs per second, time
/// per run) at 10, 32, 100 and 1,000 actors, on one thread and on every core, and the performance targets.
/// </summary>
public static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var models = new Option<string[]>("--model", "-m") { Description = "Model to measure (repeatable). Default: every model." };
        var actors = new Option<int[]>("--actors") { Description = "Actor counts (repeatable). Default: 10, 32, 100, 1000." };
        var budget = new Option<int>("--budget-ms")
        {
            Description = "Time to spend on each measurement, in milliseconds (default 400).",
            DefaultValueFactory = _ => 400,
        };
        var command = new Command("bench", "Measure model throughput (Monte Carlo runs per second) and check the performance targets.");
        command.Options.Add(models);
        command.Options.Add(actors);
        command.Options.Add(budget);
        command.SetAction(parse =>
        {
            var chosen = Choose(parse.GetValue(models));
            var counts = parse.GetValue(actors) is { Length: > 0 } a ? a : BenchSuite.DefaultActors;
            if (counts.Any(n => n < 1)) throw new UsageException("--actors: every count must be at least 1");
            int ms = parse.GetValue(budget);
            if (ms < 1) throw new UsageException($"--budget-ms: {ms} must be at least 1");
            console.Out.MarkupLine($"[bold]parley bench[/] [grey]{Environment.ProcessorCount} cores, .NET {Environment.Version}, {ms} ms per figure[/]");
            console.Out.MarkupLine("[grey]runs/s and per run are wall clock; CPU/run and runs/CPU-s count only this process's CPU time (what a run costs on an idle core).[/]");
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn("model");
            table.AddColumn(new TableColumn("actors").RightAligned());
            table.AddColumn(new TableColumn("threads").RightAligned());
            table.AddColumn(new TableColumn("runs/s").RightAligned());
            table.AddColumn(new TableColumn("per run").RightAligned());
            table.AddColumn(new TableColumn("CPU/run").RightAligned());
            table.AddColumn(new TableColumn("runs/CPU-s").RightAligned());
            if (console.Out.Profile.Width < 100) console.Out.Profile.Width = 100; // keep the table on one line per row
            var report = BenchSuite.Run(chosen, counts, TimeSpan.FromMilliseconds(ms), TryHague(console), f =>
            {
                if (!console.Interactive) return;
                console.Error.WriteLine($"  {f.Model} {f.Actors} actors, {f.Threads} thread(s): {Rate(f)}");
            });
            foreach (var f in report.Figures)
                table.AddRow(Markup.Escape(f.Model), f.Actors.ToString(CultureInfo.InvariantCulture), f.Threads.ToString(CultureInfo.InvariantCulture),
                    f.Error is null ? Rate(f) : $"[red]{Markup.Escape(f.Error)}[/]", f.Error is null ? Duration(f.PerRun) : "",
                    f.Error is null ? Duration(f.CpuPerRun) : "", f.Error is null ? f.RunsPerCpuSecond.ToString("N0", CultureInfo.InvariantCulture) : "");
            console.Out.Write(table);
            foreach (var t in report.Targets)
                console.Out.MarkupLine($"{(t.Met ? "[green]met[/]    " : "[red]missed[/] ")} {Markup.Escape(t.Target)}: {Markup.Escape(t.Measured)}");
            foreach (var n in report.Notes) console.Out.MarkupLine($"[yellow]note[/] {Markup.Escape(n)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static IReadOnlyList<IModel> Choose(string[]? names)
    {
        if (names is not { Length: > 0 }) return ModelCatalog.All;
        return names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(n => ModelCatalog.Find(n) ?? throw new UsageException(
                $"unknown model '{n}' (one of: {string.Join(", ", ModelCatalog.All.Select(m => m.Info.Name))})"))
            .Distinct().ToArray();
    }

    private static Scenario? TryHague(CliConsole console)
    {
        try
        {
            return ScenarioInput.Load(null, null, null, CliConsole.ForWriters(TextWriter.Null, TextWriter.Null));
        }
        catch (Exception e) when (e is Formats.InputException or InvalidOperationException or UsageException)
        {
            _ = console;
            return null;
        }
    }

    private static string Rate(ThroughputFigure f) => f.RunsPerSecond.ToString("N0", CultureInfo.InvariantCulture);

    internal static string Duration(TimeSpan t) => t.TotalMilliseconds switch
    {
        >= 1000 => $"{t.TotalSeconds:0.00} s",
        >= 1 => $"{t.TotalMilliseconds:0.00} ms",
        _ => $"{t.TotalMicroseconds:0.00} µs",
    };
}
