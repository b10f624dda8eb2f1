using System.CommandLine;
using Parley.Cli.Rendering;
using Parley.Application.Documents;

namespace Parley.Cli.Commands;

/// <summary>
/// `parley analyze [SCENARIO] [--model NAME]... [--draws N] [--seed S] [--threads T] [--json] [--without ACTOR]...
/// [--set K=V]... [--shock ID]...`: per issue and model, the Monte Carlo distribution of the forecast over the
/// scenario's input ranges, the probability of each labelled anchor, the inputs that matter most, and the shocks.
/// </summary>
public static class AnalyzeCommand
{
    public static Command Create(CliConsole console)
    {
        var input = new ScenarioInput();
        var analysis = new AnalysisInput();
        var selection = new ModelSelection(analysis.Service.DefaultModels);
        var json = new Option<bool>("--json") { Description = "Print one JSON document: run's shape plus distribution, tornado and shocks per model." };
        var command = new Command("analyze", "Uncertainty and sensitivity: the distribution of each model's forecast over the scenario's input ranges.");
        input.AddTo(command);
        selection.AddTo(command);
        analysis.AddTo(command);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var scenario = input.Load(parse, console);
            bool asJson = parse.GetValue(json);
            var result = analysis.Run(parse, scenario, selection, console, quiet: asJson);
            if (asJson)
            {
                console.RawOut.WriteLine(RunDocuments.Analysis(result));
                return ExitCodes.Ok;
            }
            AnalysisTable.Render(console.Out, result);
            return result.Models.All(m => m.Error is not null) ? ExitCodes.Failure : ExitCodes.Ok;
        });
        return command;
    }
}
