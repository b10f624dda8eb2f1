using Parley.Core.Domain;
using Parley.Core.Modelling;
using Spectre.Console;

namespace Parley.Cli.Rendering;

/// <summary>The forecast table of `parley run`: per issue, one row per model with the forecast and the nearest anchor.</summary>
public static class ForecastTable
{
    public static void Render(IAnsiConsole console, Scenario scenario, IReadOnlyList<ScenarioResult> results)
    {
        console.Write(new Rule($"[bold]{Markup.Escape(scenario.Metadata.Title)}[/]").LeftJustified());
        foreach (var issue in scenario.Issues)
        {
            var rows = results.Select(r => (r.Model, Result: r.For(issue.Id))).Where(x => x.Result is not null).ToList();
            if (rows.Count == 0) continue;
            var unit = string.IsNullOrEmpty(issue.Scale.Unit) ? "" : " " + issue.Scale.Unit;
            var header = $"[bold]{Markup.Escape(issue.Title)}[/] [grey]({Markup.Escape(issue.Id.Value)}; " +
                         $"{Numbers.OnScale(issue.Scale.Min, issue.Scale)}–{Numbers.OnScale(issue.Scale.Max, issue.Scale)}{Markup.Escape(unit)}" +
                         (issue.StatusQuo is { } q ? $"; status quo {Numbers.OnScale(q, issue.Scale)}" : "") + ")[/]";
            var table = new Table().Border(TableBorder.Rounded).Title(header);
            table.AddColumn("model");
            table.AddColumn(new TableColumn("forecast").RightAligned());
            table.AddColumn("nearest anchor");
            table.AddColumn("on the scale");
            var notes = new List<string>();
            foreach (var (model, result) in rows)
            {
                var anchor = issue.NearestAnchor(result!.Forecast);
                table.AddRow(
                    Markup.Escape(model),
                    Numbers.OnScale(result.Forecast, issue.Scale),
                    anchor is null ? "" : "≈ " + Markup.Escape(anchor.Label),
                    ScaleGauge.Draw(result.Forecast, issue));
                foreach (var note in result.Notes ?? []) notes.Add($"{model}: {note}");
            }
            console.Write(table);
            foreach (var note in notes) console.MarkupLine($"  [yellow]note[/] {Markup.Escape(note)}");
        }
    }

    public static void RenderDetails(IAnsiConsole console, Scenario scenario, IReadOnlyList<ScenarioResult> results)
    {
        foreach (var issue in scenario.Issues)
            foreach (var result in results)
                if (result.For(issue.Id) is { } r && Renderers.All.FirstOrDefault(x => x.CanRender(r)) is { } renderer)
                    renderer.Render(console, scenario, issue, result.Model, r);
    }
}
