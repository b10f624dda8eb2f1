using Parley.Cli;
using Parley.Tests.Shared;

namespace Parley.Contracts.Tests;

/// <summary>
/// Runs `parley ... --json` in-process, from the test's output folder (so the commands' relative input paths resolve),
/// and keeps each command line's output: the bundled scenario's run is needed by several tests and takes seconds.
/// </summary>
internal static class CliJson
{
    private static readonly Dictionary<string, Lazy<string>> Outputs = new();
    private static readonly Lock Gate = new();

    /// <summary>The baseline commands (Fixtures/baseline/commands.txt): name → arguments.</summary>
    internal static IReadOnlyDictionary<string, string[]> Commands { get; } = File.ReadLines(Fixtures.Path("baseline", "commands.txt"))
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .ToDictionary(p => p[0], p => p[1..]);

    internal static string Output(string name) => Run(Commands[name]);

    internal static string Run(params string[] args)
    {
        Lazy<string> output;
        lock (Gate)
        {
            var key = string.Join('\u001f', args);
            if (!Outputs.TryGetValue(key, out output!)) Outputs[key] = output = new Lazy<string>(() => Execute(args));
        }
        return output.Value;
    }

    private static string Execute(string[] args)
    {
        // After the command name, "inputs/FILE" and "backtest" (the folder of cases) are fixtures.
        var resolved = args.Select((a, i) => i > 0 && (a.StartsWith("inputs/") || a == "backtest") ? Fixtures.Path(a.Split('/')) : a).ToArray();
        var output = new StringWriter();
        var error = new StringWriter();
        int code = ParleyCli.Run(resolved, CliConsole.ForWriters(output, error, width: 160));
        if (code != 0) throw new InvalidOperationException($"parley {string.Join(' ', args)} exited with {code}: {error}");
        return output.ToString();
    }
}
