using System.CommandLine;
using Parley.Cli.Commands;
using Parley.Core.Modelling;
using Parley.Formats;

namespace Parley.Cli;

/// <summary>The `parley` command line: builds the command tree, parses, runs, and maps failures to exit codes.</summary>
public static class ParleyCli
{
    /// <summary>Every command `parley` offers. Add a command here (one line) to expose it.</summary>
    private static IEnumerable<Command> Commands(CliConsole console) =>
    [
        RunCommand.Create(console),
        ValidateCommand.Create(console),
        ModelsCommand.Create(console),
        ConvertCommand.Create(console),
        ExplainCommand.Create(console),
        AnalyzeCommand.Create(console),
        ReportCommand.Create(console),
        BenchCommand.Create(console),
        BacktestCommand.Create(console),
    ];

    public static int Run(string[] args, CliConsole console)
    {
        var root = new RootCommand("Parley: forecasts the outcome of negotiated group decisions (bargaining models of who gets what).");
        foreach (var command in Commands(console)) root.Subcommands.Add(command);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) console.Error.WriteLine($"parley: {error.Message}");
            console.Error.WriteLine("Try 'parley --help'.");
            return ExitCodes.InvalidInput;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = console.RawOut,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (InputException e)
        {
            foreach (var line in Diagnostic.Lines(e.Diagnostics)) console.Error.WriteLine(line);
            return ExitCodes.InvalidInput;
        }
        catch (Exception e) when (e is UsageException or ModelSettingException)
        {
            console.Error.WriteLine($"parley: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (Exception e)
        {
            console.Error.WriteLine($"parley: internal error: {e.GetType().Name}: {e.Message}");
            console.Error.WriteLine("This is a bug in Parley; please report it with the input that caused it.");
            return ExitCodes.Failure;
        }
    }
}
