using System.CommandLine;
using Parley.Application.Scenarios;
using Parley.Formats;

namespace Parley.Cli.Commands;

/// <summary>`parley validate FILE...`: reports every problem in each file; exit 0 when all are valid, 2 otherwise.</summary>
public static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("files") { Description = "Scenario files to check.", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string?>("--format") { Description = "Input format, overriding the file extension." };
        var shared = new ScenarioInput();
        var salienceScale = shared.SalienceScale;
        var issueScale = shared.Scale;
        var command = new Command("validate", "Check scenario files and report every problem with its file, line, column and field.")
        {
            files, format, issueScale, salienceScale,
        };
        command.SetAction(parse =>
        {
            var loader = new ScenarioLoader();
            int exit = ExitCodes.Ok;
            var scale = parse.GetValue(salienceScale);
            if (scale is not (null or 1 or 100))
                throw new UsageException($"--salience-scale: {scale} is not a salience scale (1 for 0–1, or 100 for 0–100)");
            var tableScale = ScenarioInput.ParseScale(parse.GetValue(issueScale));
            foreach (var file in parse.GetValue(files) ?? [])
            {
                var result = loader.Validate(file, parse.GetValue(format), scale, tableScale);
                console.Notes(result.Notes);
                if (result.Ok)
                {
                    var s = result.Scenario!;
                    var ideal = s.IdealAdjustments.Count == 0 ? ""
                        : $", {s.IdealAdjustments.Count} ideal_adjustment entr{(s.IdealAdjustments.Count == 1 ? "y" : "ies")} (used by smp only)";
                    var settings = s.ModelDefaults.Count == 0 ? ""
                        : $", model_settings for {string.Join(", ", s.ModelDefaults.Select(d => d.Model))}";
                    console.RawOut.WriteLine($"{file}: ok ({s.Actors.Count} actors, {s.Issues.Count} issues, {s.Stances.Count} positions{ideal}{settings})");
                    foreach (var line in ScenarioLoader.VetoSummary(s)) console.RawOut.WriteLine($"{file}: {line}");
                }
                else
                {
                    foreach (var line in Diagnostic.Lines(result.Errors)) console.Error.WriteLine(line);
                    console.Error.WriteLine($"{file}: {result.Errors.Count} error{(result.Errors.Count == 1 ? "" : "s")}");
                    exit = ExitCodes.InvalidInput;
                }
            }
            return exit;
        });
        return command;
    }
}
