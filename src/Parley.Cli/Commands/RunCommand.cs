using System.CommandLine;
using Parley.Application.Forecasting;
using Parley.Cli.Rendering;
using Parley.Application.Documents;

namespace Parley.Cli.Commands;

/// <summary>`parley run [SCENARIO] [--model NAME]... [--json]`: the forecast of each model on each issue.</summary>
public static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var service = new ForecastService();
        var input = new ScenarioInput();
        var selection = new ModelSelection(service.DefaultModels);
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
            var request = selection.Request(parse);
            console.Warnings(service.Estimate(scenario, request).Warnings());
            var forecast = service.Run(scenario, request, console.Cancellation);
            console.Notes(forecast.Notes);
            if (parse.GetValue(json))
            {
                console.RawOut.WriteLine(RunDocuments.Forecast(forecast));
                return ExitCodes.Ok;
            }
            ForecastTable.Render(console.Out, scenario, forecast.Results, forecast.Headlines);
            bool anyDynamic = forecast.Runs.Any(r => r.Model.Info.IsDynamic);
            if (parse.GetValue(details) || (anyDynamic && selection.Named(parse)))
                ForecastTable.RenderDetails(console.Out, scenario, forecast.Results);
            return ExitCodes.Ok;
        });
        return command;
    }
}
