using Parley.Backtest;
using Spectre.Console;

namespace Parley.Cli.Rendering;

/// <summary>The table of `parley backtest`: one row per model with its errors on the cases it forecast.</summary>
public static class BacktestTable
{
    public static void Render(IAnsiConsole console, BacktestReport report)
    {
        console.Write(new Rule($"[bold]Backtest: {TerminalText.Markup(report.Dataset)}[/]").LeftJustified());
        console.MarkupLine($"[grey]{report.Cases} cases scored, {report.Skipped} skipped; capability: {TerminalText.Markup(report.Capability)}; " +
                           $"errors in points of a 0–100 scale; tuned models: held-out error of {report.Folds}-fold cross-validation by proposal (seed {report.Seed})[/]");
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("model").NoWrap());
        table.AddColumn(new TableColumn("kind").NoWrap());
        foreach (var h in new[] { "n", "MAE", "RMSE", "median AE", "≤ 10" }) table.AddColumn(new TableColumn(h).RightAligned());
        table.AddColumn("notes");
        double best = report.Models.Where(m => m.Errors.N > 0).Select(m => m.Errors.Mae).DefaultIfEmpty(double.NaN).Min();
        foreach (var m in report.Models)
        {
            var e = m.Errors;
            string mae = e.N == 0 ? "–" : Numbers.Plain(e.Mae);
            if (e.N > 0 && e.Mae == best) mae = $"[bold green]{mae}[/]";
            var notes = new List<string>();
            if (m.HeldOut) notes.Add("held-out");
            if (m.NotApplicable > 0) notes.Add($"{m.NotApplicable} n/a");
            if (m.Failed > 0) notes.Add($"{m.Failed} failed");
            table.AddRow(TerminalText.Markup(m.Name), m.Kind, e.N.ToString(), mae,
                e.N == 0 ? "–" : Numbers.Plain(e.Rmse), e.N == 0 ? "–" : Numbers.Plain(e.MedianAe),
                e.N == 0 ? "–" : Numbers.Plain(e.Within10, 3), TerminalText.Markup(string.Join("; ", notes)));
        }
        console.Write(table);
    }
}
