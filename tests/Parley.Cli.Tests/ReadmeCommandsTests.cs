using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Cli.Tests;

/// <summary>
/// The README's commands run as shown: every `parley ...` and `dotnet run --project src/Parley.Cli -- ...` line of
/// its code blocks exits 0 and prints the output shown under it; the JSON example is real output; the what-if
/// example names inputs of the bundled scenario.
/// </summary>
public partial class ReadmeCommandsTests
{
    private static readonly string Readme = File.ReadAllText(RepoPaths.Combine("README.md"));

    /// <summary>Commands shown that do not end by themselves (a server) or need data Parley does not ship.</summary>
    private static readonly string[] NotRun = ["serve"];

    /// <summary>Each command of a code block with the lines shown under it (its expected output), in README order.</summary>
    internal static IReadOnlyList<(string[] Args, string[] Shown)> BlockCommands()
    {
        var found = new List<(string[], string[])>();
        foreach (Match block in CodeBlock().Matches(Readme))
        {
            var lines = block.Groups["body"].Value.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Split(" #")[0].Trim();
                string? command = line.StartsWith("$ parley ") ? line["$ parley ".Length..]
                    : line.StartsWith("dotnet run --project src/Parley.Cli -- ") ? line["dotnet run --project src/Parley.Cli -- ".Length..]
                    : null;
                if (command is null) continue;
                var shown = lines.Skip(i + 1).TakeWhile(l => !l.StartsWith("$ ") && !l.StartsWith("dotnet ")).Where(l => l.Trim().Length > 0);
                found.Add((command.Split(' ', StringSplitOptions.RemoveEmptyEntries), line.StartsWith('$') ? shown.ToArray() : []));
            }
        }
        return found;
    }

    [Fact]
    public void Every_command_in_the_readmes_code_blocks_runs_and_prints_what_is_shown()
    {
        var commands = BlockCommands();
        Assert.True(commands.Count >= 3, $"found only {commands.Count} commands in README.md");
        foreach (var (args, shown) in commands.Where(c => !NotRun.Contains(c.Args[0])))
        {
            // the README's paths are relative to the repository (the working directory is left alone: tests run in parallel)
            var resolved = args.Select(a => File.Exists(RepoPaths.Combine(a)) ? RepoPaths.Combine(a) : a).ToArray();
            var r = CliRunner.Run(resolved);
            Assert.True(r.ExitCode == 0, $"parley {string.Join(' ', args)} exited {r.ExitCode}: {r.Err}");
            foreach (var line in shown) Assert.Contains(line.Trim(), r.Out);
        }
    }

    [Fact]
    public void The_json_example_is_the_programs_output()
    {
        var intro = Regex.Match(Readme, @"Real output of\s*`parley (?<cmd>[^`]+)`:\s*```json\n(?<json>.*?)```", RegexOptions.Singleline);
        Assert.True(intro.Success, "the JSON example was not found in README.md");
        var r = CliRunner.Run(intro.Groups["cmd"].Value.Split(' '));
        Assert.Equal(0, r.ExitCode);
        using var shown = JsonDocument.Parse(intro.Groups["json"].Value);
        using var actual = JsonDocument.Parse(r.Out);
        AssertSubset(shown.RootElement, actual.RootElement, "$");
    }

    [Fact]
    public void The_what_if_example_names_an_actor_and_issue_of_the_bundled_scenario()
    {
        var set = Regex.Match(Readme, @"`--set (?<value>[^`]+)`");
        Assert.True(set.Success);
        var r = CliRunner.Run("analyze", "-m", "compromise", "--draws", "20", "--set", set.Groups["value"].Value);
        Assert.True(r.ExitCode == 0, r.Err);
    }

    [Fact]
    public void The_corpus_errors_quoted_in_the_accuracy_docs_are_the_programs()
    {
        // docs/accuracy.md, "Capability bases on both data sets": the corpus (data/cases/, in the repository) as given
        var doc = File.ReadAllLines(RepoPaths.Combine("docs", "accuracy.md"));
        var r = CliRunner.Run("backtest", RepoPaths.Combine("data", "cases"), "-m", "compromise", "-m", "median", "-m", "eum", "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        using var json = JsonDocument.Parse(r.Out);
        foreach (var model in new[] { "compromise", "median", "eum" })
        {
            var row = doc.Single(l => l.StartsWith($"| {model} | ") && l.Split('|').Length == 10);
            var quoted = double.Parse(row.Split('|')[6].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            var mae = json.RootElement.GetProperty("models").GetProperty(model).GetProperty("mae").GetDouble();
            Assert.True(Math.Round(mae, 2) == quoted, $"docs/accuracy.md quotes {quoted} for {model} on the corpus; the program prints {mae:0.00}");
        }
    }

    /// <summary>Every property and value of <paramref name="shown"/> is in <paramref name="actual"/> (which may have more).</summary>
    private static void AssertSubset(JsonElement shown, JsonElement actual, string path)
    {
        Assert.True(shown.ValueKind == actual.ValueKind, $"{path}: {shown.ValueKind} shown, {actual.ValueKind} printed");
        switch (shown.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in shown.EnumerateObject())
                {
                    Assert.True(actual.TryGetProperty(p.Name, out var a), $"{path}.{p.Name} is not in the output");
                    AssertSubset(p.Value, a, $"{path}.{p.Name}");
                }
                break;
            case JsonValueKind.Array:
                Assert.True(shown.GetArrayLength() == actual.GetArrayLength(), $"{path}: array lengths differ");
                for (int i = 0; i < shown.GetArrayLength(); i++) AssertSubset(shown[i], actual[i], $"{path}[{i}]");
                break;
            case JsonValueKind.Number:
                Assert.True(shown.GetDouble() == actual.GetDouble(), $"{path}: {shown.GetDouble()} shown, {actual.GetDouble()} printed");
                break;
            default:
                Assert.True(shown.ToString() == actual.ToString(), $"{path}: '{shown}' shown, '{actual}' printed");
                break;
        }
    }

    [GeneratedRegex(@"```(bash|text)\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
