using Parley.Core.Domain;
using Parley.Core.Modelling;
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
            var table = new Table().Border(TableBorder.Rounded).Title(header);
            table.AddColumn("model");
            table.AddColumn(new TableColumn("forecast").RightAligned());
            var headline = headlines?.FirstOrDefault(h => h.Issue == issue.Id);
            if (headline is not null) table.AddColumn(new TableColumn("80% interval").RightAligned());
            table.AddColumn("nearest anchor");
            table.AddColumn("on the scale");
            var notes = new List<string>();
            if (headline is not null)
            {
                var anchor = issue.NearestAnchor(headline.Forecast);
                table.AddRow("[bold]Parley forecast[/]", $"[bold]{Numbers.OnScale(headline.Forecast, issue.Scale)}[/]",
                    $"{Numbers.OnScale(headline.P10, issue.Scale)}–{Numbers.OnScale(headline.P90, issue.Scale)}",
                    anchor is null ? "" : "[bold]≈ " + TerminalText.Markup(anchor.Label) + "[/]",
                    ScaleGauge.Draw(headline.Forecast, headline.P10, headline.P90, issue));
                table.AddRow("[grey]models (evidence):[/]", "", "", "", "");
                foreach (var note in headline.Notes) notes.Add($"Parley forecast: {note}");
            }
            foreach (var (model, result) in rows)
            {
                var anchor = issue.NearestAnchor(result!.Forecast);
                var cells = new List<string> { TerminalText.Markup(model), Numbers.OnScale(result.Forecast, issue.Scale) + ConvergenceMarker.For(result) };
                if (headline is not null) cells.Add("");
                cells.Add(anchor is null ? "" : "≈ " + TerminalText.Markup(anchor.Label));
                cells.Add(ScaleGauge.Draw(result.Forecast, issue));
                table.AddRow(cells.ToArray());
                foreach (var note in result.Notes ?? []) notes.Add($"{model}: {note}");
                if (ConvergenceMarker.Legend(result) is { } legend) notes.Add(legend);
            }
            console.Write(table);
            foreach (var note in notes.Where(printed.Add)) console.MarkupLine($"  [yellow]note[/] {TerminalText.Markup(note)}");
        }
        foreach (var method in (headlines ?? []).Select(h => h.Method).Distinct())
            console.MarkupLine($"[grey]{TerminalText.Markup(method)}[/]");
    }

    public static void RenderDetails(IAnsiConsole console, Scenario scenario, IReadOnlyList<ScenarioResult> results)
    {
        foreach (var issue in scenario.Issues)
            foreach (var result in results)
                if (result.For(issue.Id) is { } r && Renderers.All.FirstOrDefault(x => x.CanRender(r)) is { } renderer)
                    renderer.Render(console, scenario, issue, result.Model, r);
    }
}
