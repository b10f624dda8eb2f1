using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.ExpectedUtility;
using Spectre.Console;

namespace Parley.Cli.Rendering;

/// <summary>The expected utility model's rounds: median and mean per round and every move with its cause.</summary>
public sealed class EumRenderer : IResultRenderer
{
    public bool CanRender(IssueResult result) => result is EumResult;

    public void Render(IAnsiConsole console, Scenario scenario, Issue issue, string model, IssueResult result)
    {
        var eum = (EumResult)result;
        var title = $"[bold]{TerminalText.Markup(issue.Title)}[/] [grey]— {TerminalText.Markup(model)} ({TerminalText.Markup(eum.Variant)} variant), " +
                    $"forecast = final weighted {(eum.Outcome == OutcomeRule.Mean ? "mean" : "median")} {Numbers.OnScale(eum.Forecast, issue.Scale)}[/]";
        var table = new Table().Border(TableBorder.Rounded).Title(title);
        table.AddColumn(new TableColumn("round").RightAligned());
        table.AddColumn(new TableColumn("median").RightAligned());
        table.AddColumn(new TableColumn("mean").RightAligned());
        table.AddColumn("moves");
        foreach (var round in eum.Rounds)
        {
            string moves = round.Round == 0
                ? "[grey]inputs[/]"
                : round.Moves.Count == 0 ? "[grey]nobody moves[/]" : string.Join("\n", round.Moves.Select(m => TerminalText.Markup(m.Text)));
            table.AddRow(round.Round.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Numbers.OnScale(round.Median, issue.Scale), Numbers.OnScale(round.Mean, issue.Scale), moves);
        }
        console.Write(table);
    }
}
