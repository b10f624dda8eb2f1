using System.CommandLine;
using System.Globalization;
using Parley.Cli.Rendering;
using Parley.Core.Domain;
using Parley.Application.Explaining;
using Parley.Core.Models.ExpectedUtility;
using Parley.Contracts.V1;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary>
/// `parley explain [SCENARIO] --model eum --actor ID [--issue ID] [--round N]`: how one actor sees every other
/// actor in the expected utility model (its expected utility against the other's, the quadrant, the implied offer).
/// </summary>
public static class ExplainCommand
{
    public static Command Create(CliConsole console)
    {
        var service = new ExplainService();
        var input = new ScenarioInput();
        var selection = new ModelSelection([ExplainService.Model], sizeCheck: false); // one EUM run: no size estimate
        var actor = new Option<string>("--actor", "-a") { Description = "The actor whose perceptions to show (its id).", Required = true };
        var round = new Option<int>("--round")
        {
            Description = "Show the perceptions after this many rounds (0 = the inputs, which drive round 1).",
            DefaultValueFactory = _ => 0,
        };
        var json = new Option<bool>("--json") { Description = "Print the perception views as JSON." };
        var command = new Command("explain", "Show how one actor perceives each other actor (expected utility model: parley explain --model eum --actor ID).");
        input.AddTo(command);
        selection.AddTo(command);
        command.Options.Add(actor);
        command.Options.Add(round);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var scenario = input.Load(parse, console);
            var request = new ExplainRequest(parse.GetValue(actor)!) { Models = selection.Request(parse), Round = parse.GetValue(round) };
            var explanation = service.Explain(scenario, request, console.Cancellation);
            console.Notes(explanation.Notes);
            if (parse.GetValue(json))
            {
                console.RawOut.WriteLine(ContractJson.Write(ExplainMapper.Map(scenario.Id, explanation.Model.Info.Name, explanation.Views.Select(v => v.View))));
                return ExitCodes.Ok;
            }
            foreach (var (issue, view) in explanation.Views) Render(console.Out, issue, view);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>One actor's perception table on one issue.</summary>
    public static void Render(IAnsiConsole console, Issue issue, PerceptionView view)
    {
        var scale = issue.Scale;
        string when = view.Round == 0 ? "at the inputs (drives round 1)" : $"after round {view.Round}";
        var title = $"[bold]{TerminalText.Markup(view.ActorName)}[/] on [bold]{TerminalText.Markup(issue.Title)}[/] [grey]— eum ({TerminalText.Markup(view.Variant)}), {when}: " +
                    $"position {Numbers.OnScale(view.Position, scale)}, risk exponent r = {view.Risk.ToString("0.###", CultureInfo.InvariantCulture)}, " +
                    $"median {Numbers.OnScale(view.Median, scale)}[/]";
        var table = new Table().Border(TableBorder.Rounded).Title(title);
        table.AddColumn("other actor");
        table.AddColumn(new TableColumn("position").RightAligned());
        table.AddColumn(new TableColumn("P(win)").RightAligned());
        table.AddColumn(new TableColumn("E(U_ij)").RightAligned());
        table.AddColumn(new TableColumn("E(U_ji)").RightAligned());
        table.AddColumn("quadrant");
        table.AddColumn("implied offer");
        foreach (var row in view.Rows.OrderByDescending(r => r.EuSelf - r.EuOther))
        {
            table.AddRow(
                TerminalText.Markup(row.OtherName),
                Numbers.OnScale(row.OtherPosition, scale),
                row.Quadrant == Quadrant.SamePosition ? "" : Numbers.Plain(row.Probability, 4),
                row.Quadrant == Quadrant.SamePosition ? "" : Numbers.Plain(row.EuSelf, 3),
                row.Quadrant == Quadrant.SamePosition ? "" : Numbers.Plain(row.EuOther, 3),
                QuadrantName(row.Quadrant),
                TerminalText.Markup(row.Text));
        }
        console.Write(table);
        console.MarkupLine($"[grey]  i = {TerminalText.Markup(view.ActorName)}, j = the other actor. E(U_ij): what i expects from challenging j; " +
                           "E(U_ji): what i believes j expects from challenging i (both valued with i's risk exponent).[/]");
    }

    private static string QuadrantName(Quadrant q) => q switch
    {
        Quadrant.SamePosition => "same position",
        Quadrant.ConfrontationWin => "conflict (wins)",
        Quadrant.ConfrontationLose => "conflict (loses)",
        Quadrant.CompromiseWin => "compromise (i leads)",
        Quadrant.CompromiseLose => "compromise (i yields)",
        Quadrant.CompelWin => "compel",
        Quadrant.CompelLose => "capitulate",
        Quadrant.Stalemate => "stalemate",
        _ => "indifferent",
    };
}
