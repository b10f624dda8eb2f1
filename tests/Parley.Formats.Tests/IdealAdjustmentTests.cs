using Parley.Core.Domain;
using Parley.Formats.Writing;
using static Parley.Formats.Tests.TestRead;

namespace Parley.Formats.Tests;

/// <summary>The top-level <c>ideal_adjustment</c> list (the SMP's ideal-accommodation matrix): reading, errors, writing.</summary>
public class IdealAdjustmentTests
{
    private static readonly ActorId Usa = new("usa");
    private static readonly ActorId France = new("france");

    // TestRead.Minimal has 16 lines: "ideal_adjustment:" is line 17, the entries start on line 18.
    private static string WithEntries(params string[] entries) =>
        Minimal + "\nideal_adjustment:\n" + string.Concat(entries.Select(e => "  - " + e + "\n"));

    private static int Column(string yaml, int line, string text) => yaml.Split('\n')[line - 1].IndexOf(text, StringComparison.Ordinal) + 1;

    [Fact]
    public void Entries_are_read_in_the_order_given()
    {
        var s = Valid(FromYaml(WithEntries("{actor: usa, follows: usa, weight: 0.9}", "{actor: usa, follows: france, weight: 0.1}")));
        Assert.Equal([new IdealAdjustment(Usa, Usa, 0.9), new IdealAdjustment(Usa, France, 0.1)], s.IdealAdjustments);
        Assert.Empty(Valid(FromYaml(Minimal)).IdealAdjustments);
    }

    [Fact]
    public void Block_style_and_json_read_the_same()
    {
        var block = Minimal + "\nideal_adjustment:\n  - actor: usa\n    follows: usa\n    weight: 0.5\n  - actor: france\n    follows: france\n    weight: 1\n";
        var s = Valid(FromYaml(block));
        Assert.Equal([new IdealAdjustment(Usa, Usa, 0.5), new IdealAdjustment(France, France, 1)], s.IdealAdjustments);
        var json = ScenarioJsonWriter.Write(s);
        Assert.Contains("\"ideal_adjustment\"", json);
        Assert.Equal(s.IdealAdjustments, Valid(FromJson(json)).IdealAdjustments);
    }

    [Fact]
    public void Weights_are_not_scaled_by_salience_scale_100()
    {
        var yaml = WithEntries("{actor: usa, follows: usa, weight: 0.25}").Replace("scenario:", "salience_scale: 100\nscenario:")
            .Replace("salience: 0.9", "salience: 90").Replace("salience: 0.5", "salience: 50");
        Assert.Equal(0.25, Valid(FromYaml(yaml)).IdealAdjustments[0].Weight);
    }

    [Theory]
    [InlineData("1.5", "weight 1.5 lies outside 0..1")]
    [InlineData("-0.1", "weight -0.1 lies outside 0..1")]
    [InlineData(".nan", "'.nan' is not a finite number")]
    [InlineData("half", "expected a number, got 'half'")]
    [InlineData("\"0.5\"", "(a quoted string)")]
    public void A_weight_must_be_a_number_in_0_to_1(string weight, string message)
    {
        var yaml = WithEntries("{actor: usa, follows: usa, weight: 0}", "{actor: usa, follows: france, weight: " + weight + "}");
        var e = SingleError(FromYaml(yaml));
        Assert.Equal("ideal_adjustment[1].weight", e.Field);
        Assert.Equal(19, e.Line);
        Assert.Equal(Column(yaml, 19, weight), e.Column);
        Assert.Contains(message, e.Message);
        Assert.Contains("0..1", e.Allowed);
    }

    [Fact]
    public void An_unknown_actor_is_located_with_a_suggestion()
    {
        var yaml = WithEntries("{actor: usa, follows: usa, weight: 0.9}", "{actor: usa, follows: frence, weight: 0.1}");
        var e = SingleError(FromYaml(yaml));
        Assert.Equal(("ideal_adjustment[1].follows", 19, Column(yaml, 19, "frence")), (e.Field, e.Line, e.Column));
        Assert.Equal("unknown actor 'frence'", e.Message);
        Assert.Contains("did you mean 'france'?", e.Allowed);

        var both = FromYaml(WithEntries("{actor: uas, follows: uas, weight: 0.9}"));
        Assert.Equal(["ideal_adjustment[0].actor", "ideal_adjustment[0].follows"], both.Errors.Select(d => d.Field));
        Assert.All(both.Errors, d => Assert.Equal("unknown actor 'uas'", d.Message));
    }

    [Fact]
    public void A_pair_given_twice_is_an_error_naming_the_first_line()
    {
        var e = SingleError(FromYaml(WithEntries("{actor: usa, follows: usa, weight: 0.5}", "{actor: usa, follows: usa, weight: 0.4}")));
        Assert.Equal(("ideal_adjustment[1].follows", 19), (e.Field, e.Line));
        Assert.Equal("duplicate ideal adjustment of 'usa' toward 'usa' (first given on line 18)", e.Message);
    }

    [Fact]
    public void Following_another_actor_needs_a_lower_own_weight()
    {
        // KTAB: the matrix starts as the identity, so usa's own weight is 1 unless given; the row would sum to 1.1.
        var e = SingleError(FromYaml(WithEntries("{actor: usa, follows: france, weight: 0.1}")));
        Assert.Equal(("ideal_adjustment[0].weight", 18), (e.Field, e.Line));
        Assert.Equal("the ideal-adjustment weights of 'usa' sum to 1.1 (its own weight counts 1 unless given)", e.Message);
        Assert.Contains("add {actor: usa, follows: usa, weight: 0.9} or less", e.Allowed);
    }

    [Fact]
    public void A_row_above_1_is_reported_at_the_entry_that_completes_it()
    {
        var e = SingleError(FromYaml(WithEntries(
            "{actor: usa, follows: usa, weight: 0.95}", "{actor: france, follows: france, weight: 0.2}", "{actor: usa, follows: france, weight: 0.1}")));
        Assert.Equal(("ideal_adjustment[2].weight", 20), (e.Field, e.Line));
        Assert.Equal("the ideal-adjustment weights of 'usa' sum to 1.05", e.Message);
        Assert.Equal("at most 1 per actor, its own weight included", e.Allowed);
        // Exactly 1 is allowed, and so is less (the rest keeps the previous ideal).
        Valid(FromYaml(WithEntries("{actor: usa, follows: usa, weight: 0.7}", "{actor: usa, follows: france, weight: 0.3}")));
        Valid(FromYaml(WithEntries("{actor: usa, follows: usa, weight: 0.2}")));
    }

    [Fact]
    public void Missing_and_misspelt_fields_are_located()
    {
        var missing = SingleError(FromYaml(WithEntries("{actor: usa, weight: 0.1}")));
        Assert.Equal(("ideal_adjustment[0].follows", 18), (missing.Field, missing.Line));
        Assert.Equal("missing required field 'follows'", missing.Message);

        // A misspelt field is reported once, with a suggestion, and not also as missing.
        var misspelt = SingleError(FromYaml(WithEntries("{actor: usa, folows: usa, weight: 0.1}")));
        Assert.Equal("ideal_adjustment[0].folows", misspelt.Field);
        Assert.Contains("did you mean 'follows'?", misspelt.Allowed);

        var notAList = SingleError(FromYaml(Minimal + "\nideal_adjustment: {actor: usa}\n"));
        Assert.Equal(("ideal_adjustment", 17), (notAList.Field, notAList.Line));
        Assert.StartsWith("expected a list", notAList.Message);

        var notAMap = SingleError(FromYaml(WithEntries("usa")));
        Assert.Equal(("ideal_adjustment[0]", 18), (notAMap.Field, notAMap.Line));

        var topLevel = SingleError(FromYaml(Minimal + "\nideal_adjustments: []\n"));
        Assert.Contains("did you mean 'ideal_adjustment'?", topLevel.Allowed);
    }

    [Fact]
    public void Json_errors_are_located_too()
    {
        var json = "{\"scenario\": {\"id\": \"x\", \"title\": \"X\"},\n \"issues\": [{\"id\": \"a\", \"title\": \"A\", \"scale\": {\"min\": 0, \"max\": 1}}],\n"
                   + " \"actors\": [{\"id\": \"p\", \"capability\": 1, \"positions\": {\"a\": {\"position\": 0, \"salience\": 1}}},\n"
                   + "             {\"id\": \"q\", \"capability\": 2, \"positions\": {\"a\": {\"position\": 1, \"salience\": 1}}}],\n"
                   + " \"ideal_adjustment\": [{\"actor\": \"p\", \"follows\": \"q\", \"weight\": 2}]}";
        var e = SingleError(FromJson(json));
        Assert.Equal(("ideal_adjustment[0].weight", 5), (e.Field, e.Line));
        Assert.Equal("weight 2 lies outside 0..1", e.Message);
    }

    [Fact]
    public void The_writer_puts_it_after_the_actors_and_it_reads_back_the_same()
    {
        var original = Valid(FromYaml(WithEntries(
            "{actor: usa, follows: usa, weight: 0.87}", "{actor: usa, follows: france, weight: 0.07}", "{actor: france, follows: france, weight: 0}")));
        var yaml = ScenarioYamlWriter.Write(original);
        Assert.Contains("\nideal_adjustment:\n  - {actor: usa, follows: usa, weight: 0.87}\n  - {actor: usa, follows: france, weight: 0.07}\n"
                        + "  - {actor: france, follows: france, weight: 0}\n", yaml);
        Assert.True(yaml.IndexOf("\nactors:", StringComparison.Ordinal) < yaml.IndexOf("\nideal_adjustment:", StringComparison.Ordinal));
        var again = Valid(FromYaml(yaml, "written.yaml"));
        ScenarioEquivalence.AssertEquivalent(original, again);
        Assert.Equal(yaml, ScenarioYamlWriter.Write(again));
        ScenarioEquivalence.AssertEquivalent(original, Valid(FromJson(ScenarioJsonWriter.Write(original), "written.json")));
        Assert.DoesNotContain("ideal_adjustment", ScenarioYamlWriter.Write(Valid(FromYaml(Minimal))));
    }
}
