using Parley.Tests.Shared;
using Xunit;

namespace Parley.Contracts.Tests;

/// <summary>
/// Every field path the `--json` documents had before the explicit contracts (Fixtures/baseline/NAME.paths, captured
/// from the reflection-based writer) is still written, and nothing else, except the one agreed change: the SMP's
/// state history (<c>states</c>, <c>bargains</c>, <c>issues</c> of each issue's smp entry) moved to <c>shared.smp</c>.
/// A field that is added on purpose is added to the .paths file in the same change.
/// </summary>
public class BaselinePathTests
{
    private const string SmpEntry = "issues[].models.smp.";
    private static readonly string[] Moved = ["states", "bargains", "issues"];

    public static TheoryData<string> Names => new(CliJson.Commands.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_baseline_path_is_written_and_only_the_smp_history_moved(string name)
    {
        var baseline = File.ReadLines(Fixtures.Path("baseline", name + ".paths")).ToArray();
        var expected = new SortedSet<string>(baseline.Select(Relocate), StringComparer.Ordinal);
        if (expected.Any(p => p.StartsWith("shared.smp", StringComparison.Ordinal)))
            expected.UnionWith(["shared", "shared.smp"]);

        var actual = JsonPaths.Of(CliJson.Output(name));

        // additions only: a path of the baseline may never go missing, a new field may be recorded (PARLEY_UPDATE_GOLDEN=1)
        Assert.Empty(expected.Except(actual));
        if (Environment.GetEnvironmentVariable("PARLEY_UPDATE_GOLDEN") == "1")
        {
            var added = actual.Except(expected);
            var lines = baseline.Concat(added).Order(StringComparer.Ordinal).ToArray();
            File.WriteAllLines(Path.Combine(Fixtures.RepoRoot, "tests", "Parley.Contracts.Tests", "Fixtures", "baseline", name + ".paths"), lines);
            File.WriteAllLines(Fixtures.Path("baseline", name + ".paths"), lines);
            return;
        }
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_baseline_repeated_the_smp_history_in_every_issue_and_the_documents_no_longer_do()
    {
        var baseline = File.ReadLines(Fixtures.Path("baseline", "run-hague.paths")).ToHashSet();
        Assert.Contains(SmpEntry + "bargains[].proposals[].initiator_position", baseline);
        var actual = JsonPaths.Of(CliJson.Output("run-hague"));
        Assert.Contains("shared.smp.bargains[].proposals[].initiator_position", actual);
        Assert.Contains(SmpEntry + "modal_class.actors", actual);
        Assert.DoesNotContain(actual, p => Moved.Any(m => p.StartsWith(SmpEntry + m, StringComparison.Ordinal)));
    }

    /// <summary>Where a baseline path is written now.</summary>
    private static string Relocate(string path)
    {
        foreach (var field in Moved)
        {
            var prefix = SmpEntry + field;
            if (path == prefix || path.StartsWith(prefix + ".", StringComparison.Ordinal) || path.StartsWith(prefix + "[]", StringComparison.Ordinal))
                return "shared.smp." + path[SmpEntry.Length..];
        }
        return path;
    }
}
