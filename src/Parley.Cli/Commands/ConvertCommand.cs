using System.CommandLine;
using Parley.Application.Scenarios;

namespace Parley.Cli.Commands;

/// <summary>
/// `parley convert [SCENARIO] [--to yaml|json] [--output FILE]`: reads any supported input (YAML, JSON, a CSV table,
/// other registered formats) and writes it in Parley's scenario schema (docs/scenario-format.md).
/// </summary>
public static class ConvertCommand
{
    public static Command Create(CliConsole console)
    {
        var input = new ScenarioInput();
        var to = new Option<string>("--to") { Description = "Output format: yaml (default) or json.", DefaultValueFactory = _ => "yaml" };
        to.AcceptOnlyFromAmong("yaml", "json");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output (an existing file is replaced once the new one is complete)." };
        var command = new Command("convert", "Convert a scenario (YAML, JSON, CSV table, ...) to Parley's YAML or JSON scenario format.");
        input.AddTo(command);
        command.Options.Add(to);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(output);
            if (path is not null) OutputFiles.CheckFile(path, "--output");
            var scenario = input.Load(parse, console);
            var text = ScenarioLoader.Write(scenario, parse.GetValue(to)!);
            if (path is not null) OutputFiles.Write(path, text, "--output");
            else console.RawOut.Write(text);
            return ExitCodes.Ok;
        });
        return command;
    }
}
