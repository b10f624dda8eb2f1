using FsCheck;
using FsCheck.Fluent;
using Parley.Formats.Writing;
using Parley.Tests.Shared;

namespace Parley.Formats.Tests;

/// <summary>Bad input never escapes as an exception: every reader returns diagnostics for any mangled file.</summary>
public class RobustnessTests
{
    private static readonly string FullYaml = File.ReadAllText(Fixtures.Path("scenarios", "full.yaml"));
    private static readonly string FullJson = ScenarioJsonWriter.Write(ScenarioFiles.Load(Fixtures.Path("scenarios", "full.yaml")).Value!);
    private static readonly string Table = File.ReadAllText(Fixtures.Path("tables", "ec-emissions.csv"));
    private const string Noise = ":-{}[],\"'&*!|>#%@`\n\r\t 0123456789.eE+-naifNI\\\u00e9";

    private static string Mangle(string text, int seed)
    {
        var random = new Random(seed);
        var chars = text.ToList();
        int edits = random.Next(1, 8);
        for (int k = 0; k < edits && chars.Count > 0; k++)
        {
            int at = random.Next(chars.Count);
            switch (random.Next(3))
            {
                case 0: chars.RemoveAt(at); break;
                case 1: chars.Insert(at, Noise[random.Next(Noise.Length)]); break;
                default: chars[at] = Noise[random.Next(Noise.Length)]; break;
            }
        }
        return new string(chars.ToArray());
    }

    [Fact]
    public void Mangled_files_give_diagnostics_never_exceptions()
    {
        Prop.ForAll<int>(seed =>
        {
            foreach (var (file, text) in new[] { ("m.yaml", FullYaml), ("m.json", FullJson), ("m.csv", Table) })
            {
                var result = ScenarioFiles.Parse(file, Mangle(text, seed));
                Assert.True(result.Ok || result.Errors.Count > 0);
                Assert.All(result.Errors, e => Assert.False(string.IsNullOrEmpty(e.Message)));
                Assert.All(result.Errors, e => Assert.True(e.Line >= 0 && e.Column >= 0));
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void Wrong_types_everywhere_give_diagnostics()
    {
        // Every scalar of the fixture replaced in turn by a list, a mapping and a null.
        var lines = FullYaml.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int colon = lines[i].IndexOf(": ", StringComparison.Ordinal);
            if (colon < 0 || lines[i].TrimStart().StartsWith('#')) continue;
            foreach (var replacement in new[] { "[1, 2]", "{a: 1}", "~", "\"text\"", "-1", ".nan" })
            {
                var copy = (string[])lines.Clone();
                copy[i] = lines[i][..(colon + 2)] + replacement;
                var result = ScenarioFiles.Parse("t.yaml", string.Join('\n', copy));
                Assert.True(result.Ok || result.Errors.Count > 0);
            }
        }
    }
}
