using System.CommandLine;
using Parley.Cli.Rendering;
using Parley.Contracts.V1;

namespace Parley.Cli.Commands;

/// <summary>`parley run [SCENARIO] [--model NAME]... [--json]`: the forecast of each model on each issue.</summary>
public static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var input = new ScenarioInput();
        var selection = new ModelSelection();
        var json = new Option<bool>("--json") { Description = "Print one JSON document instead of tables (see README)." };
        var details = new Option<bool>("--details") { Description = "Also print each model's reasoning (rounds, moves) where it has one." };
        var command = new Command("run", "Forecast the outcome of each issue with each model (default: the bundled Hague 2025 scenario).");
        input.AddTo(command);
        selection.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(details);
        command.SetAction(parse =>
        {
            var scenario = input.Load(parse, console);
            var results = selection.RunAll(parse, scenario, console, out var models);
            if (parse.GetValue(json))
            {
                console.RawOut.WriteLine(ContractJson.Write(RunMapper.Map(scenario, results)));
                return ExitCodes.Ok;
            }
            ForecastTable.Render(console.Out, scenario, results);
            bool anyDynamic = models.Any(m => m.Info.IsDynamic);
            if (parse.GetValue(details) || (anyDynamic && parse.GetValue(selection.Models) is { Length: > 0 }))
                ForecastTable.RenderDetails(console.Out, scenario, results);
            return ExitCodes.Ok;
        });
        return command;
    }
}
