using Spectre.Console;

namespace Parley.Cli;

/// <summary>
/// Where a command writes: <see cref="Out"/> for tables and rich text, <see cref="RawOut"/> for machine output
/// (JSON), <see cref="Error"/> for diagnostics and notices. Tests pass string writers.
/// </summary>
public sealed record CliConsole(IAnsiConsole Out, TextWriter RawOut, TextWriter Error, bool Interactive)
{
    public static CliConsole System()
    {
        var interactive = !Console.IsOutputRedirected && !Console.IsErrorRedirected;
        return new CliConsole(AnsiConsole.Console, Console.Out, Console.Error, interactive);
    }

    /// <summary>A plain-text console (no colours, fixed width) writing to <paramref name="output"/>.</summary>
    public static CliConsole ForWriters(TextWriter output, TextWriter error, int width = 120)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = width;
        return new CliConsole(console, output, error, false);
    }
}
