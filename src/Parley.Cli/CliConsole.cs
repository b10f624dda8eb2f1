using Spectre.Console;

namespace Parley.Cli;

/// <summary>
/// Where a command writes: <see cref="Out"/> for tables and rich text, <see cref="RawOut"/> for machine output
/// (JSON), <see cref="Error"/> for diagnostics and notices. Tests pass string writers. Every writer escapes control
/// characters and non-characters from the inputs (<see cref="TerminalText"/>); rich text escapes them cell by cell.
/// </summary>
public sealed record CliConsole(IAnsiConsole Out, TextWriter RawOut, TextWriter Error, bool Interactive)
{
    /// <summary>Fires on Ctrl-C (the process's console) or when a test cancels: long commands stop promptly.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>How often long commands print a progress line on stderr when there is no progress bar (piped or redirected output).</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Writes the notes of a use case on stderr ("parley: note: ...").</summary>
    public void Notes(IEnumerable<Application.Note> notes)
    {
        foreach (var n in notes) Error.WriteLine($"parley: note: {n.Text}");
    }

    /// <summary>Writes warnings on stderr ("parley: warning: ..."): things to know before a long command starts, not errors.</summary>
    public void Warnings(IEnumerable<Application.Note> warnings)
    {
        foreach (var n in warnings) Error.WriteLine($"parley: warning: {n.Text}");
    }

    public static CliConsole System()
    {
        var interactive = !Console.IsOutputRedirected && !Console.IsErrorRedirected;
        var rawOut = new SafeTextWriter(Console.Out);
        var error = new SafeTextWriter(Console.Error);
        if (!Console.IsOutputRedirected) return new CliConsole(AnsiConsole.Console, rawOut, error, interactive);
        // Piped or redirected: plain text (no colour codes), at a width that keeps the tables readable.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(rawOut),
        });
        console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var w) && w >= 40 ? w : 100;
        return new CliConsole(console, rawOut, error, false);
    }

    /// <summary>A plain-text console (no colours, fixed width) writing to <paramref name="output"/>.</summary>
    public static CliConsole ForWriters(TextWriter output, TextWriter error, int width = 120)
    {
        output = new SafeTextWriter(output);
        error = new SafeTextWriter(error);
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
