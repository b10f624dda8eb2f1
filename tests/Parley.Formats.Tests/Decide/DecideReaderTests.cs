using Parley.Core.Domain;
using Parley.Formats.Decide;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Formats.Tests.Decide;

public class DecideReaderTests
{
    private static readonly DecideReader Reader = new();

    private static LoadResult<Scenario> Read(string content, string path = "case.txt") =>
        Reader.Read(path, content, ReadOptions.Default);

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    private const string Header =
        "'#A'\t'A'\t'Actor A'\t''\n'#A'\t'B'\t'Actor B'\t''\n'#P'\t'p'\t'Issue p'\t''\n'#M'\t'p'\t0\t'low'\n'#M'\t'p'\t10\t'high'\n";

    [Fact]
    public void Reads_the_tiny_case_with_scales_anchors_and_capabilities()
    {
        var r = ScenarioFiles.Load(Fixtures.Path("exchange", "tiny-2x2.decide.txt"));
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        var s = r.Value!;
        Assert.Equal(["Actor-1", "Actor-2"], s.Actors.Select(a => a.Id.Value));
        Assert.Equal("First actor", s.Actors[0].Name);
        Assert.Equal(["Issue-1", "Issue-2"], s.Issues.Select(i => i.Id.Value));
        Assert.Equal((0.0, 100.0), (s.Issues[0].Scale.Min, s.Issues[0].Scale.Max));
        Assert.Equal(["nothing", "everything"], s.Issues[0].Anchors.Select(a => a.Label));
        var st = s.StanceOf(new ActorId("Actor-2"), new IssueId("Issue-1"))!;
        Assert.Equal((100.0, 0.6), (st.Position, st.Salience));
        Assert.Null(st.Capability);
        Assert.All(s.Actors, a => Assert.Equal(1.0, a.Capability));
    }

    [Fact]
    public void Scale_comes_from_the_M_points_and_defaults_to_0_100()
    {
        var s = Read(Header + Lines("'#P'\t'q'\t'Issue q'\t''", "'#D'\t'A'\t'p'\t2.5\t0.5\t0.4", "'#D'\t'A'\t'q'\t70\t0.5\t0.4")).ValueOrThrow();
        Assert.Equal((0.0, 10.0), (s.Issue(new IssueId("p")).Scale.Min, s.Issue(new IssueId("p")).Scale.Max));
        Assert.Equal((0.0, 100.0), (s.Issue(new IssueId("q")).Scale.Min, s.Issue(new IssueId("q")).Scale.Max));
        Assert.Equal(0.4, s.Actor(new ActorId("A")).Capability);
    }

    [Fact]
    public void Power_that_differs_between_issues_is_kept_per_stance_with_a_notice()
    {
        var r = Read(Header + Lines("'#P'\t'q'\t'Issue q'\t''", "'#D'\t'A'\t'p'\t2\t0.5\t0.4", "'#D'\t'A'\t'q'\t70\t0.5\t0.8"));
        var s = r.ValueOrThrow();
        Assert.Equal(0.8, s.Actor(new ActorId("A")).Capability);
        Assert.Equal(0.4, s.StanceOf(new ActorId("A"), new IssueId("p"))!.Capability);
        Assert.Null(s.StanceOf(new ActorId("A"), new IssueId("q"))!.Capability);
        Assert.Contains(r.Notices, n => n.Contains("power differs", StringComparison.Ordinal) && n.Contains('A'));
    }

    [Fact]
    public void Unquoted_fields_and_decimal_commas_are_read()
    {
        var s = Read("#A\tA\tActor A\n#P\tp\tIssue p\n#D\tA\tp\t12,5\t0,7\t1\n").ValueOrThrow();
        Assert.Equal((12.5, 0.7), (s.Stances[0].Position, s.Stances[0].Salience));
    }

    [Fact]
    public void Malformed_rows_are_reported_with_line_column_and_field()
    {
        var r = Read(Header + Lines(
            "'#D'\t'A'\t'p'\t11\t0.5\t1",       // line 6: outside 0..10
            "'#D'\t'B'\t'p'\t5\t1.5\t1",        // line 7: salience out of range
            "'#D'\t'C'\t'p'\t5\t0.5\t1",        // line 8: unknown actor
            "'#D'\t'B'\t'x'\t5\t0.5\tabc",      // line 9: unknown issue, power not a number
            "'#0'\t'a comment'"));             // line 10: unknown tag
        Assert.False(r.Ok);
        var text = r.Errors.Select(e => e.ToString()).ToArray();
        Assert.Contains("case.txt:6:14: error: position: 11 lies outside the scale of 'p' (0 to 10, from its #M points)", text);
        Assert.Contains(r.Errors, e => e is { Line: 7, Field: "salience", Column: 16 } && e.Allowed == "0, or 1e-9 to 1");
        Assert.Contains(r.Errors, e => e is { Line: 8, Field: "actor", Column: 6 } && e.Message.Contains("unknown actor 'C'"));
        Assert.Contains(r.Errors, e => e is { Line: 9, Field: "issue", Column: 10 });
        Assert.Contains(r.Errors, e => e is { Line: 9, Field: "power" } && e.Message.Contains("'abc' is not a number"));
        Assert.Contains(r.Errors, e => e is { Line: 10, Column: 1, Field: "tag" } && e.Message.Contains("'#0'"));
        Assert.Equal(6, r.Errors.Count);
    }

    [Fact]
    public void Duplicates_and_missing_fields_are_errors()
    {
        var r = Read(Header + Lines("'#A'\t'A'\t'Again'\t''", "'#D'\t'A'\t'p'\t5\t0.5", "'#P'\t'solo'\t''\t''", "'#M'\t'solo'\t3\t''"));
        Assert.Contains(r.Errors, e => e is { Line: 6, Field: "actor" } && e.Message.Contains("declared twice"));
        Assert.Contains(r.Errors, e => e is { Line: 7, Field: "power" } && e.Message == "missing");
        Assert.Contains(r.Errors, e => e is { Line: 8, Field: "#M" } && e.Message.Contains("single scale point"));
    }

    [Fact]
    public void Recognises_decide_content_only()
    {
        Assert.True(Reader.Recognises(Header));
        Assert.True(Reader.Recognises("#A;x;y\n#P;p;q\n"));
        Assert.False(Reader.Recognises("actor,position,salience\nA,1,0.5\n"));
        Assert.False(Reader.Recognises("scenario:\n  id: x\n"));
        Assert.False(Reader.Recognises(""));
    }

    [Fact]
    public void A_decide_file_named_csv_is_read_as_decide()
    {
        var r = ScenarioFiles.Parse("case.csv", Header + Lines("'#D'\t'A'\t'p'\t5\t0.5\t1"));
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        Assert.Equal("case", r.Value!.Id);
    }

    [Theory]
    [InlineData("copenhagen.csv", 11, 7)]
    [InlineData("cop21.csv", 15, 13)]
    [InlineData("sample_data.txt", 10, 6)]
    public void Reads_the_bundled_decide_data_sets(string file, int actors, int issues)
    {
        var r = ScenarioFiles.Load(SharedAnchors.RequireFile("exchange/" + file));
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        Assert.Equal(actors, r.Value!.Actors.Count);
        Assert.Equal(issues, r.Value.Issues.Count);
    }
}
