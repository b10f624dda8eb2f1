using Parley.Backtest.Headline;
using Spectre.Console;

namespace Parley.Cli.Rendering;

/// <summary>What `backtest --fit-headline` prints: held-out scores per data set, the paired comparisons, the choice per fold, the model to ship.</summary>
public static class HeadlineFitTable
{
    public static void Render(IAnsiConsole console, HeadlineEvaluation evaluation)
    {
        var report = evaluation.Report;
        console.Write(new Rule($"[bold]Headline fit: {TerminalText.Markup(report.Dataset)}[/]").LeftJustified());
        console.MarkupLine($"[grey]{report.Cases} cases, {report.Skipped} skipped; headline: held-out forecasts of {report.Folds}-fold nested " +
                           $"cross-validation by group, dealt per data set (seed {report.Seed}); points of a 0–100 scale[/]");
        foreach (var stratum in evaluation.Strata.Select(s => s.Stratum).Distinct())
        {
            var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{TerminalText.Markup(stratum)}[/]");
            table.AddColumn(new TableColumn("predictor").NoWrap());
            foreach (var h in new[] { "n", "MAE", "median AE", "≤ 10", "80% coverage", "mean width" })
                table.AddColumn(new TableColumn(h).RightAligned());
            foreach (var s in evaluation.Strata.Where(s => s.Stratum == stratum))
            {
                var e = s.Errors;
                table.AddRow(TerminalText.Markup(s.Model), e.N.ToString(), e.N == 0 ? "–" : Numbers.Plain(e.Mae),
                    e.N == 0 ? "–" : Numbers.Plain(e.MedianAe), e.N == 0 ? "–" : Numbers.Plain(e.Within10, 3),
                    s.Intervals is { } i ? Numbers.Plain(i.Coverage, 3) : "", s.Intervals is { } w ? Numbers.Plain(w.MeanWidth) : "");
            }
            console.Write(table);
            var paired = new Table().Border(TableBorder.Simple).Title("headline vs each benchmark, on the cases the benchmark forecasts");
            foreach (var h in new[] { "benchmark", "n", "MAE headline", "MAE benchmark", "≤ 10 headline", "≤ 10 benchmark" }) paired.AddColumn(h);
            foreach (var p in evaluation.Paired.Where(p => p.Stratum == stratum))
                paired.AddRow(TerminalText.Markup(p.Benchmark), p.N.ToString(), Numbers.Plain(p.HeadlineMae), Numbers.Plain(p.BenchmarkMae),
                    Numbers.Plain(p.HeadlineWithin10, 3), Numbers.Plain(p.BenchmarkWithin10, 3));
            console.Write(paired);
        }
        console.MarkupLine("[bold]Choice per outer fold[/]:");
        foreach (var f in evaluation.OuterFits) console.MarkupLine("  " + TerminalText.Markup(f.Spec.Choice));
        console.MarkupLine("[bold]Selection on all cases[/] (inner cross-validated, data-set-balanced MAE), per rule group:");
        foreach (var g in evaluation.Final.Groups)
        {
            console.MarkupLine($"  [bold]{g.Group.ToString().ToLowerInvariant()}[/] ({g.Cases} cases)");
            foreach (var (name, mae) in g.CandidateScores) console.MarkupLine($"    {TerminalText.Markup(name),-28} {Numbers.Plain(mae)}");
            foreach (var (scaling, score) in g.IntervalScores)
                console.MarkupLine($"    interval {scaling.ToString().ToLowerInvariant(),-19} score {Numbers.Plain(score)}");
            console.MarkupLine($"    model: {TerminalText.Markup(g.Model.Describe())}");
        }
        console.MarkupLine("[grey]Frozen in src/Parley.Application/Headline/ShippedHeadline.cs as:[/]");
        console.WriteLine(HeadlineSource.CSharp(evaluation.Final.Spec));
    }
}
