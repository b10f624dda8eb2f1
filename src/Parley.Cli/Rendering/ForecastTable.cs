using Parley.Core.Domain;
using Parley.Core.Models;
using Spectre.Console;

namespace Parley.Cli.Rendering;

/// <summary>The forecast table of `parley run`: per issue, one row per model with the forecast and the nearest anchor.</summary>
public static class ForecastTable
{
    /// <param name="headlines">The headline forecasts: each issue's table opens with its row, the models follow as the evidence.</param>
    public static void Render(IAnsiConsole console, Scenario scenario, IReadOnlyList<ScenarioResult> results,
        IReadOnlyList<HeadlineResult>? headlines = null)
    {
        console.Write(new Rule($"[bold]{TerminalText.Markup(scenario.Metadata.Title)}[/]").LeftJustified());
        var printed = new HashSet<string>(); // a note that holds for several issues is printed once
        foreach (var issue in scenario.Issues)
        {
            var rows = results.Select(r => (r.Model, Result: r.For(issue.Id))).Where(x => x.Result is not null).ToList();
            if (rows.Count == 0) continue;
            var unit = string.IsNullOrEmpty(issue.Scale.Unit) ? "" : " " + issue.Scale.Unit;
            var header = $"[bold]{TerminalText.Markup(issue.Title)}[/] [grey]({TerminalText.Markup(issue.Id.Value)}; " +
                         $"{Numbers.OnScale(issue.Scale.Min, issue.Scale)}–{Numbers.OnScale(issue.Scale.Max, issue.Scale)}{TerminalText.Markup(unit)}" +
                         (issue.StatusQuo is { } q ? $"; status quo {Numbers.OnScale(q, issue.Scale)}" : "") + ")[/]";
            var headline = headlines?.FirstOrDefault(h => h.Issue == issue.Id);
            var notes = new List<string>();
            var lines = new List<Line>();
            if (headline is not null)
            {
                lines.Add(new Line("[bold]Parley forecast[/]", $"[bold]{Numbers.OnScale(headline.Forecast, issue.Scale)}[/]",
                    $"{Numbers.OnScale(headline.P10, issue.Scale)}–{Numbers.OnScale(headline.P90, issue.Scale)}",
                    issue.NearestAnchor(headline.Forecast)?.Label, true, w => ScaleGauge.Draw(headline.Forecast, headline.P10, headline.P90, issue, w)));
                lines.Add(new Line("[grey]models (evidence):[/]", "", "", null, false, null));
                foreach (var note in headline.Notes) notes.Add($"Parley forecast: {note}");
            }
            foreach (var (model, result) in rows)
            {
                lines.Add(new Line(TerminalText.Markup(model), Numbers.OnScale(result!.Forecast, issue.Scale) + ConvergenceMarker.For(result),
                    headline is null ? null : "", issue.NearestAnchor(result.Forecast)?.Label, false, w => ScaleGauge.Draw(result.Forecast, issue, w)));
                foreach (var note in result.Notes ?? []) notes.Add($"{model}: {note}");
                if (ConvergenceMarker.Legend(result) is { } legend) notes.Add(legend);
            }
            var table = Build(header, headline is not null, lines, console.Profile.Width);
            console.Write(table);
            foreach (var note in notes.Where(printed.Add)) console.MarkupLine($"  [yellow]note[/] {TerminalText.Markup(note)}");
        }
        foreach (var method in (headlines ?? []).Select(h => h.Method).Distinct())
            console.MarkupLine($"[grey]{TerminalText.Markup(method)}[/]");
    }

    /// <summary>One row of the table as markup; the anchor label as plain text (cut to fit), the gauge drawn to fit.</summary>
    private sealed record Line(string Model, string Forecast, string? Interval, string? Anchor, bool Bold, Func<int, string>? Gauge);

    /// <summary>The table with its last two columns sized (<see cref="ForecastTableLayout"/>) so each row is one line.</summary>
    private static Table Build(string title, bool withInterval, IReadOnlyList<Line> lines, int consoleWidth)
    {
        static int Widest(string header, IEnumerable<string> markup) => markup.Select(m => Markup.Remove(m).Length).Append(header.Length).Max();
        var others = new List<int> { Widest("model", lines.Select(l => l.Model)), Widest("forecast", lines.Select(l => l.Forecast)) };
        if (withInterval) others.Add(Widest("80% interval", lines.Select(l => l.Interval ?? "")));
        int anchorNatural = Widest("nearest anchor", lines.Select(l => l.Anchor is null ? "" : TerminalText.Markup("≈ " + TerminalText.Safe(l.Anchor))));
        var layout = ForecastTableLayout.For(consoleWidth, others, anchorNatural);
        var table = new Table().Border(TableBorder.Rounded).Title(title);
        table.AddColumn("model");
        table.AddColumn(new TableColumn("forecast").RightAligned());
        if (withInterval) table.AddColumn(new TableColumn("80% interval").RightAligned());
        table.AddColumn("nearest anchor");
        if (layout.ShowGauge) table.AddColumn(layout.GaugeHeader);
        foreach (var line in lines)
        {
            var anchor = line.Anchor is null ? "" : TerminalText.Markup(layout.Fit("≈ " + TerminalText.Safe(line.Anchor)));
            var cells = new List<string> { line.Model, line.Forecast };
            if (withInterval) cells.Add(line.Interval ?? "");
            cells.Add(line.Bold && anchor.Length > 0 ? $"[bold]{anchor}[/]" : anchor);
            if (layout.ShowGauge) cells.Add(line.Gauge?.Invoke(layout.GaugeWidth) ?? "");
            table.AddRow(cells.ToArray());
        }
        return table;
    }

    public static void RenderDetails(IAnsiConsole console, Scenario scenario, IReadOnlyList<ScenarioResult> results)
    {
        foreach (var issue in scenario.Issues)
            foreach (var result in results)
                if (result.For(issue.Id) is { } r && Renderers.All.FirstOrDefault(x => x.CanRender(r)) is { } renderer)
                    renderer.Render(console, scenario, issue, result.Model, r);
    }
}
