using System.CommandLine;
using Parley.Reports.Html;

namespace Parley.Cli.Commands;

/// <summary>`parley report [SCENARIO] -o report.html`: the self-contained HTML report (charts, distributions, evidence).</summary>
public static class ReportCommand
{
    public static Command Create(CliConsole console)
    {
        var input = new ScenarioInput();
        var analysis = new AnalysisInput();
        var selection = new ModelSelection(analysis.Service.DefaultModels, shortOptionAlias: false); // -o is the report's output
        var output = new Option<string>("--output", "-o")
        {
            Description = "The HTML file to write (default: report.html; an existing file is replaced once the new one is complete).",
            DefaultValueFactory = _ => "report.html",
        };
        var command = new Command("report", "Write a self-contained HTML report: forecasts, distributions, sensitivity, actors and evidence.");
        input.AddTo(command);
        selection.AddTo(command);
        analysis.AddTo(command);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var path = OutputFiles.CheckFile(parse.GetValue(output), "--output"); // before the analysis, not after
            var scenario = input.Load(parse, console);
            var result = analysis.Run(parse, scenario, selection, console, quiet: false);
            OutputFiles.Write(path, w => HtmlReport.Write(w, result,
                new ReportOptions { GeneratedAt = DateTimeOffset.UtcNow, Generator = "Parley (parley report)" }), "--output");
            console.Error.WriteLine($"parley: wrote {path} ({new FileInfo(path).Length / 1024.0:0} KB)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
