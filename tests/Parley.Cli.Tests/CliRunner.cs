using Parley.Cli;

namespace Parley.Cli.Tests;

/// <summary>Runs `parley` in-process with captured output.</summary>
internal static class CliRunner
{
    internal sealed record Outcome(int ExitCode, string Out, string Err);

    internal static Outcome Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = ParleyCli.Run(args, CliConsole.ForWriters(output, error, width: 160));
        return new Outcome(code, output.ToString(), error.ToString());
    }
}
