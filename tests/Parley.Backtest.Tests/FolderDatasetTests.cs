using Parley.Backtest;
using Parley.Core.Domain;
using Parley.Formats;
using Xunit;

namespace Parley.Backtest.Tests;

/// <summary>
/// A folder of scenario files as a data set. The scenarios come from a stub reader (extension .btstub) so the test
/// does not depend on the YAML reader; the folder loader only relies on <see cref="ScenarioFiles.Load"/>.
/// </summary>
public sealed class FolderDatasetTests
{
    private sealed class StubReader : IScenarioReader
    {
        public string Format => "backtest-test-stub";
        public IReadOnlyList<string> Extensions => [".btstub"];

        public LoadResult<Scenario> Read(string displayPath, string content, ReadOptions options)
        {
            if (content.StartsWith("bad")) return LoadResult<Scenario>.Fail([new Diagnostic(displayPath, 1, 1, "x", "stub error")]);
            var parts = content.Trim().Split(';'); // id;outcome-of-issue-a (or -);capability scale
            var actors = new[] { ("a", 10.0), ("b", 30.0), ("c", 80.0) }
                .Select((t, i) => new Actor(new ActorId(t.Item1), "", (i + 1) * double.Parse(parts[2]))).ToArray();
            double? outcome = parts[1] == "-" ? null : double.Parse(parts[1]);
            var issues = new[]
            {
                new Issue(new IssueId("x"), "x", new Scale(0, 200), outcome: outcome),
                new Issue(new IssueId("y"), "y", new Scale(0, 100), outcome: 50),
            };
            var stances = actors.SelectMany(a => new[]
            {
                new Stance(a.Id, new IssueId("x"), 2 * (a.Id.Value == "a" ? 10 : a.Id.Value == "b" ? 30 : 80), 1),
            }).Append(new Stance(new ActorId("a"), new IssueId("y"), 40, 1)).ToArray();
            return LoadResult<Scenario>.Success(new Scenario(new ScenarioMetadata(parts[0], parts[0]), actors, issues, stances));
        }
    }

    private static string Folder(params (string Name, string Content)[] files)
    {
        ScenarioFiles.Register(new StubReader());
        var dir = Path.Combine(Path.GetTempPath(), "parley-btf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        foreach (var (name, content) in files) File.WriteAllText(Path.Combine(dir, name), content);
        return dir;
    }

    [Fact]
    public void Issues_with_outcomes_are_cases_grouped_by_file_on_the_percent_scale()
    {
        var dir = Folder(("one.btstub", "s1;120;1"), ("two.btstub", "s2;-;1"), ("notes.txt", "ignored"));
        try
        {
            var loaded = BacktestDataset.Load(dir);
            var d = loaded.ValueOrThrow();
            Assert.Contains(loaded.Notices, n => n.Contains("notes.txt: passed over"));
            Assert.Equal(["s1/x"], d.Cases.Select(c => c.Id));
            Assert.Equal("s1", d.Cases[0].Group);
            Assert.Equal([("s1/y", "fewer than 3 positioned actors (1)"), ("s2/x", "no outcome"), ("s2/y", "fewer than 3 positioned actors (1)")],
                d.Skipped.Select(s => (s.Id, s.Reason)));
            // default capability = as given: weights 1, 2, 3 on positions 20, 60, 160 of 0–200 → 113.33 = 56.67 %;
            // outcome 120 of 0–200 = 60 %
            var r = Backtester.Run(d, [Backtester.Find("compromise")!], d.DefaultCapability);
            Assert.Equal("scenario", r.Capability);
            var e = r.Errors.Single();
            Assert.Equal(60, e.Outcome, 9);
            Assert.Equal((20 + 2 * 60 + 3 * 160) / 6.0 / 2, e.Forecast, 9);
            var equal = Backtester.Run(d, [Backtester.Find("compromise")!], CapabilityConvention.Equal).Errors.Single();
            Assert.Equal((20 + 60 + 160) / 3.0 / 2, equal.Forecast, 9);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void A_bad_file_fails_the_folder_with_its_diagnostics_and_an_empty_folder_is_an_error()
    {
        var dir = Folder(("one.btstub", "s1;120;1"), ("two.btstub", "bad"));
        var empty = Folder();
        try
        {
            var r = BacktestDataset.Load(dir);
            Assert.False(r.Ok);
            Assert.Contains(r.Errors, e => e.File.EndsWith("two.btstub") && e.Message == "stub error");
            var none = BacktestDataset.Load(empty);
            Assert.Contains("holds no scenario files", none.Errors.Single().Message);
        }
        finally
        {
            Directory.Delete(dir, true);
            Directory.Delete(empty, true);
        }
    }
}
