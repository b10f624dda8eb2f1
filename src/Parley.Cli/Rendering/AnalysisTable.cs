using System.Globalization;
using Parley.Analysis;
using Spectre.Console;

namespace Parley.Cli.Rendering;

/// <summary>The tables of `parley analyze`: per issue the distribution of each model's forecast, then the top inputs and shocks.</summary>
public static class AnalysisTable
{
    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    public static void Render(IAnsiConsole console, AnalysisResult result, int topInputs = 5)
    {
        var scenario = result.Scenario;
        var mc = result.Options.MonteCarlo;
        console.Write(new Rule($"[bold]{TerminalText.Markup(scenario.Metadata.Title)}[/] [grey]({mc.Draws.ToString("N0", CultureInfo.InvariantCulture)} draws, seed {mc.Seed})[/]").LeftJustified());
        if (result.WhatIfs.Count > 0)
            console.MarkupLine($"[yellow]what-if[/] {TerminalText.Markup(string.Join("; ", result.WhatIfs.Select(w => w.ToString())))}");
        if (result.Headlines.Count > 0 && result.Headlines.All(h => h.Draws == 0))
            console.MarkupLine($"[yellow]warning[/] {TerminalText.Markup(Application.Headline.HeadlineService.NoRangesNote)}");
        foreach (var issue in scenario.Issues)
        {
            // issues no model ran on (--issue) are left out
            if (!result.Models.Any(m => m.Error is not null || m.Point?.For(issue.Id) is not null)) continue;
            var header = $"[bold]{TerminalText.Markup(issue.Title)}[/] [grey]({TerminalText.Markup(issue.Id.Value)}; " +
                         $"{Numbers.OnScale(issue.Scale.Min, issue.Scale)}–{Numbers.OnScale(issue.Scale.Max, issue.Scale)}" +
                         (string.IsNullOrEmpty(issue.Scale.Unit) ? "" : " " + TerminalText.Markup(issue.Scale.Unit)) + ")[/]";
            var table = new Table().Border(TableBorder.Rounded).Title(header);
            table.AddColumn("model");
            table.AddColumn(new TableColumn("forecast").RightAligned());
            table.AddColumn(new TableColumn("mean").RightAligned());
            table.AddColumn(new TableColumn("median").RightAligned());
            table.AddColumn(new TableColumn("10%–90%").RightAligned());
            table.AddColumn("P(nearest anchor)");
            var notes = new List<string>();
            if (result.Headlines.FirstOrDefault(h => h.Issue == issue.Id) is { } headline)
            {
                var anchor = issue.NearestAnchor(headline.Forecast);
                table.AddRow("[bold]Parley forecast[/]", $"[bold]{Numbers.OnScale(headline.Forecast, issue.Scale)}[/]", "", "",
                    $"[bold]{Numbers.OnScale(headline.P10, issue.Scale)}–{Numbers.OnScale(headline.P90, issue.Scale)}[/]",
                    anchor is null ? "" : "≈ " + TerminalText.Markup(Clip(anchor.Label, 40)));
                foreach (var n in headline.Notes) notes.Add($"Parley forecast: {n}");
            }
            foreach (var m in result.Models)
            {
                if (m.Error is not null)
                {
                    table.AddRow(TerminalText.Markup(m.Name), "", "", "", "", $"[red]{TerminalText.Markup(m.Error)}[/]");
                    continue;
                }
                var point = m.Point!.For(issue.Id);
                var d = m.Distribution?.For(issue.Id);
                if (point is null || d is null) continue;
                // the three likeliest anchors, most likely first (the JSON has them all)
                var probabilities = string.Join("\n", d.Anchors.Where(a => a.Probability > 0).OrderByDescending(a => a.Probability).Take(3)
                    .Select(a => $"{a.Probability.ToString("0.00", CultureInfo.InvariantCulture)} ≈ {TerminalText.Markup(Clip(a.Anchor.Label, 32))}"));
                bool outside = d.Draws - d.Invalid >= 2 && (point.Forecast < d.P10 - 1e-9 || point.Forecast > d.P90 + 1e-9);
                if (outside) notes.Add("! = the model's point forecast lies outside its own 10–90% band over the input ranges");
                if (ConvergenceMarker.Legend(point) is { } legend) notes.Add(legend);
                table.AddRow(TerminalText.Markup(m.Name), Numbers.OnScale(point.Forecast, issue.Scale) + (outside ? " [yellow]![/]" : "") + ConvergenceMarker.For(point), Numbers.OnScale(d.Mean, issue.Scale),
                    Numbers.OnScale(d.Median, issue.Scale), $"{Numbers.OnScale(d.P10, issue.Scale)}–{Numbers.OnScale(d.P90, issue.Scale)}",
                    probabilities);
                foreach (var n in (point.Notes ?? []).Concat(m.Notes)) notes.Add($"{m.Name}: {n}");
                if (d.Invalid > 0) notes.Add($"{m.Name}: {d.Invalid} draws gave no forecast and are left out");
            }
            console.Write(table);
            foreach (var m in result.Models.Where(m => m.Error is null))
                if (m.TornadoFor(issue.Id) is { } t && t.Bars.Any(b => b.Swing > 0))
                {
                    var top = t.Bars.Where(b => b.Swing > 0).Take(topInputs)
                        .Select(b => $"{TerminalText.Markup(b.Label)} {Numbers.OnScale(b.AtLow, issue.Scale)}→{Numbers.OnScale(b.AtHigh, issue.Scale)}");
                    console.MarkupLine($"  [grey]{TerminalText.Markup(m.Name)} moves most with:[/] {string.Join("; ", top)}");
                }
            foreach (var m in result.Models.Where(m => m.Error is null))
                if (m.SobolFor(issue.Id) is { } sobol && sobol.Indices.Count > 0)
                {
                    var top = sobol.Indices.Take(topInputs).Select(x =>
                        $"{TerminalText.Markup(x.Label)} {x.First.ToString("0.00", CultureInfo.InvariantCulture)}/{x.Total.ToString("0.00", CultureInfo.InvariantCulture)}");
                    console.MarkupLine($"  [grey]{TerminalText.Markup(m.Name)} Sobol first/total:[/] {string.Join("; ", top)}");
                }
            foreach (var note in notes.Distinct()) console.MarkupLine($"  [yellow]note[/] {TerminalText.Markup(note)}");
        }
        var shocks = result.Models.Where(m => m.Error is null).SelectMany(m => m.Shocks).ToArray();
        if (shocks.Length > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("[bold]Shocks and what-ifs[/] [grey](point inputs; without = as read)[/]");
            table.AddColumn("shock");
            table.AddColumn("model");
            table.AddColumn("issue");
            table.AddColumn(new TableColumn("without").RightAligned());
            table.AddColumn(new TableColumn("with").RightAligned());
            foreach (var s in shocks)
            {
                if (s.Error is not null)
                {
                    table.AddRow(TerminalText.Markup(s.Shock.Id), TerminalText.Markup(s.Model), "", "", $"[red]{TerminalText.Markup(s.Error)}[/]");
                    continue;
                }
                foreach (var e in s.Effects)
                {
                    var issue = scenario.Issue(e.Issue);
                    table.AddRow(TerminalText.Markup(s.Shock.Id), TerminalText.Markup(s.Model), TerminalText.Markup(issue.Id.Value),
                        Numbers.OnScale(e.Without, issue.Scale), Numbers.OnScale(e.With, issue.Scale));
                }
            }
            console.Write(table);
        }
    }
}
