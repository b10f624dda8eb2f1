using System.CommandLine;
using Parley.Cli.Commands;
using Parley.Application;
using Parley.Core;
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
        ServeCommand.Create(console),
        WorkerCommand.Create(console),
    ];

    public static int Run(string[] args, CliConsole console)
    {
        var root = new RootCommand("Parley: forecasts the outcome of negotiated group decisions (bargaining models of who gets what).");
        foreach (var command in Commands(console)) root.Subcommands.Add(command);

        var parse = root.Parse(args);
        if (UsageErrors.Messages(parse, root) is { Count: > 0 } usage)
        {
            foreach (var message in usage) console.Error.WriteLine($"parley: {message}");
            return ExitCodes.InvalidInput;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = console.RawOut,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null, // Ctrl-C is CliConsole.Cancellation's (Program.cs)
            });
        }
        catch (Exception e)
        {
            return Report(ParleyError.From(e), e, console);
        }
    }

    /// <summary>Prints a failure the way the command line reports it and returns its exit code.</summary>
    private static int Report(ParleyError error, Exception e, CliConsole console)
    {
        if (e is InputException input)
        {
            foreach (var notice in input.Notices) console.Error.WriteLine($"parley: note: {notice}");
            foreach (var line in Diagnostic.Lines(input.Diagnostics)) console.Error.WriteLine(line);
            return ExitCodes.InvalidInput;
        }
        if (error.Cancelled)
        {
            console.Error.WriteLine("parley: cancelled (Ctrl-C); nothing was written");
            return ExitCodes.Cancelled;
        }
        if (error.Internal)
        {
            console.Error.WriteLine($"parley: internal error: {e.GetType().Name}: {e.Message}");
            console.Error.WriteLine("This is a bug in Parley; please report it with the input that caused it.");
            return ExitCodes.Failure;
        }
        if (e is ModelRefusedException refused)
        {
            console.Error.WriteLine($"parley: error: {refused.Location}: {refused.Message}");
            return ExitCodes.InvalidInput;
        }
        // an invalid request names its field: on the command line, that is the option of the same name
        var message = e is InvalidRequestException request ? $"--{request.Field}: {request.Message}" : error.Message;
        console.Error.WriteLine($"parley: {message}");
        return ExitCodes.InvalidInput;
    }
}
