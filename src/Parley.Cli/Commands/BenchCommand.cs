using System.CommandLine;
using System.Globalization;
using Parley.Analysis.Benchmarking;
using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.Spatial;
using Parley.Formats.Ktab;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary>
/// `parley bench [--model NAME]... [--actors N]... [--budget-ms MS] [--analyze]`: each model's throughput (runs per second, time
/// per run) at 10, 32, 100 and 1,000 actors, on one thread and on every core, and the performance targets. When the
/// models include smp, an SMP table times the SMP speed targets: KTAB's dummyData-a040/a080/a160 (the field's
/// reference data when present, or generated stand-ins) and, with `-m smp --actors 1000`, 1,000 actors × 3 issues.
/// Without --model (or with --analyze), the analyze row: `parley analyze` with every model against its 30 s target.
/// </summary>
public static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var models = new Option<string[]>("--model", "-m") { Description = "Model to measure (repeatable). Default: every model." };
        var actors = new Option<int[]>("--actors") { Description = "Actor counts (repeatable). Default: 10, 32, 100, 1000. With -m smp, 1000 also times the SMP's 1,000 × 3 target (tens of seconds or more)." };
        var budget = new Option<int>("--budget-ms")
        {
            Description = "Time to spend on each measurement, in milliseconds (default 400).",
            DefaultValueFactory = _ => 400,
        };
        var ktabDir = new Option<string?>("--ktab-dir")
        {
            Description = "Folder holding KTAB's sample files dummyData-a040/a080/a160.csv for the SMP table (default: $PARLEY_KTAB_DIR). Without it, generated problems of the same size stand in.",
        };
        var analyze = new Option<bool>("--analyze") { Description = "Also time `analyze` with every model on the bundled scenario (always when no --model is given; about 30 s)." };
        var command = new Command("bench", "Measure model throughput (Monte Carlo runs per second) and check the performance targets (with smp: the SMP speed targets of docs/performance.md). Measure a Release build.");
        command.Options.Add(models);
        command.Options.Add(actors);
        command.Options.Add(budget);
        command.Options.Add(analyze);
        command.Options.Add(ktabDir);
        command.SetAction(parse =>
        {
            var named = parse.GetValue(models);
            var chosen = Choose(named);
            var askedActors = parse.GetValue(actors) is { Length: > 0 } a ? a : null;
            var counts = askedActors ?? BenchSuite.DefaultActors;
            if (counts.Any(n => n < 1)) throw new UsageException("--actors: every count must be at least 1");
            int ms = parse.GetValue(budget);
            if (ms < 1) throw new UsageException($"--budget-ms: {ms} must be at least 1");
            if (!BuildInfo.Optimized)
            {
                // A Debug build (e.g. plain `dotnet run`) runs several times slower: its figures say nothing of Parley's speed.
                const string warning = "warning: this is a Debug build (not optimised): the figures below are not Parley's speed; "
                                       + "measure a Release build: dotnet run -c Release --project src/Parley.Cli -- bench";
                console.Error.WriteLine($"parley: {warning}");
                console.Out.MarkupLine($"[bold red]{TerminalText.Markup(warning)}[/]");
            }
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
            var smpNotes = new List<string>();
            IReadOnlyList<SmpBenchCase>? smpCases = null;
            if (chosen.Any(m => m.Info.Name == "smp"))
            {
                // The 1,000 × 3 case runs for tens of seconds or more: only when asked for by name and size.
                bool large = named is { Length: > 0 } && askedActors is not null && askedActors.Contains(1000);
                var folder = KtabFolder(parse.GetValue(ktabDir));
                smpCases = SmpBench.TargetCases(file => ReadKtab(folder, file), large, smpNotes);
                if (!large) smpNotes.Add("the 1,000 actors × 3 issues target is timed only with `parley bench -m smp --actors 1000` (one run: tens of seconds or more)");
            }
            var hague = TryHague(console);
            var exchangeNotes = new List<string>();
            var exchangeCases = chosen.Any(m => m.Info.Name == "exchange") ? ExchangeBench.Cases(hague, exchangeNotes) : null;
            var report = BenchSuite.Run(chosen, counts, TimeSpan.FromMilliseconds(ms), hague, f =>
            {
                if (!console.Interactive) return;
                console.Error.WriteLine($"  {f.Model} {f.Actors} actors, {f.Threads} thread(s): {Rate(f)}");
            }, smpCases, f =>
            {
                if (!console.Interactive) return;
                console.Error.WriteLine($"  smp {f.Case.Name}: {Duration(f.Wall)} wall, {f.States} states");
            }, exchangeCases, f =>
            {
                if (!console.Interactive) return;
                console.Error.WriteLine($"  exchange {f.Case.Name}: {Duration(f.Wall)} wall, {f.Exchanges} exchanges");
            });
            foreach (var f in report.Figures)
                table.AddRow(TerminalText.Markup(f.Model), f.Actors.ToString(CultureInfo.InvariantCulture), f.Threads.ToString(CultureInfo.InvariantCulture),
                    f.Error is null ? Rate(f) : $"[red]{TerminalText.Markup(f.Error)}[/]", f.Error is null ? Duration(f.PerRun) : "",
                    f.Error is null ? Duration(f.CpuPerRun) : "", f.Error is null ? f.RunsPerCpuSecond.ToString("N0", CultureInfo.InvariantCulture) : "");
            if (report.Figures.Count > 0) console.Out.Write(table);
            foreach (var t in report.Targets)
                console.Out.MarkupLine($"{(t.Met ? "[green]met[/]    " : "[red]missed[/] ")} {TerminalText.Markup(t.Target)}: {TerminalText.Markup(t.Measured)}");
            foreach (var n in report.Notes) console.Out.MarkupLine($"[yellow]note[/] {TerminalText.Markup(n)}");
            if (smpCases is not null) WriteSmp(console, report.SmpFigures, smpNotes);
            if (exchangeCases is not null) ExchangeBenchTable.Write(console, report.ExchangeFigures, exchangeNotes);
            if (named is not { Length: > 0 } || parse.GetValue(analyze)) AnalyzeBench.Write(console, hague);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The SMP table: one row per case of the SMP speed targets, with the notes on what the times mean.</summary>
    private static void WriteSmp(CliConsole console, IReadOnlyList<SmpBenchFigure> figures, IReadOnlyList<string> notes)
    {
        var startup = SmpBench.PublishedStartup;
        console.Out.MarkupLine("[bold]SMP: speed targets[/] [grey](one SmpEngine run per case, KTAB's default options, all cores)[/]");
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("case");
        table.AddColumn(new TableColumn("actors × dims").RightAligned());
        table.AddColumn(new TableColumn("states").RightAligned());
        table.AddColumn(new TableColumn("wall").RightAligned());
        table.AddColumn(new TableColumn("CPU").RightAligned());
        table.AddColumn(new TableColumn("target").RightAligned());
        table.AddColumn(new TableColumn("KTAB -O2").RightAligned());
        table.AddColumn("verdict");
        foreach (var f in figures)
        {
            var c = f.Case;
            string size = $"{c.Problem.ActorCount} × {c.Problem.DimensionCount}";
            string target = c.Target is { } t ? $"< {Seconds(t.Target)}" : "—";
            string ktab = c.Target?.KtabTime ?? "—";
            if (f.Error is not null)
            {
                table.AddRow(TerminalText.Markup(c.Name), size, "", $"[red]{TerminalText.Markup(f.Error)}[/]", "", target, TerminalText.Markup(ktab), "");
                continue;
            }
            string verdict = f.Met(startup) switch { true => "[green]met[/]", false => "[red]missed[/]", null => "—" };
            table.AddRow(TerminalText.Markup(c.Name), size, f.States.ToString(CultureInfo.InvariantCulture), Duration(f.Wall), Duration(f.Cpu),
                target, TerminalText.Markup(ktab), verdict);
        }
        console.Out.Write(table);
        console.Out.MarkupLine("[yellow]note[/] " + TerminalText.Markup(
            $"wall and CPU (Process.TotalProcessorTime, all threads) are the fastest of the runs that fit in --budget-ms (at least one), " +
            $"after a warm-up run; they are in-process and exclude process start-up (≈ {Seconds(startup)} for the published CLI). " +
            $"The SMP targets are whole-process wall times on a 2-core machine, so a case counts as met when wall + {Seconds(startup)} is under " +
            "its target. The whole-process commands (published CLI, `parley run FILE --model smp`) are in docs/performance.md."));
        foreach (var n in notes) console.Out.MarkupLine($"[yellow]note[/] {TerminalText.Markup(n)}");
    }

    /// <summary>Reads a KTAB sample file from the folder given as an SMP problem, or null when there is no folder or file.</summary>
    private static SmpProblem? ReadKtab(string? folder, string file)
    {
        if (folder is null) return null;
        var path = Path.Combine(folder, file);
        if (!File.Exists(path)) return null;
        var read = KtabReader.ReadFull(path, File.ReadAllText(path));
        if (!read.Ok) return null;
        var scenario = read.Value!.Scenario;
        try
        {
            // as `parley run FILE --model smp` maps it (the scenario's ideal_adjustment included)
            return SmpScenarioMapping.Map(scenario, scenario.Issues).Problem;
        }
        catch (Exception e) when (e is ArgumentException or ModelSettingException or Parley.Core.ModelRefusedException)
        {
            return null;
        }
    }

    /// <summary>
    /// The folder of KTAB's sample files: --ktab-dir, else $PARLEY_KTAB_DIR, else none. The CLI never searches the disk for
    /// reference data: what a benchmark measures is what the user pointed it at. A folder that does not exist is a usage error.
    /// </summary>
    private static string? KtabFolder(string? option)
    {
        var folder = !string.IsNullOrEmpty(option) ? option : Environment.GetEnvironmentVariable("PARLEY_KTAB_DIR");
        if (string.IsNullOrEmpty(folder)) return null;
        if (!Directory.Exists(folder))
            throw new UsageException($"--ktab-dir: {folder} is not a folder" + (string.IsNullOrEmpty(option) ? " (from $PARLEY_KTAB_DIR)" : ""));
        return folder;
    }

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";

    private static IReadOnlyList<IModel> Choose(string[]? names)
    {
        if (names is not { Length: > 0 }) return ModelRegistry.BuiltIn.All;
        return names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(ModelRegistry.BuiltIn.Get)
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
