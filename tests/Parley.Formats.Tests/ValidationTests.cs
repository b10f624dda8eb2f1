using Parley.Core.Domain;
using static Parley.Formats.Tests.TestRead;

namespace Parley.Formats.Tests;

/// <summary>Each validation case of issue 2 §3: one mistake in an otherwise valid file gives one located diagnostic.</summary>
public class ValidationTests
{
    // Line numbers below refer to TestRead.Minimal: line 10 is "    capability: 10" (usa), line 12 its stance,
    // line 13 "  - id: france", line 16 france's stance.

    [Fact]
    public void The_minimal_scenario_is_valid()
    {
        var s = Valid(FromYaml(Minimal));
        Assert.Equal(2, s.Actors.Count);
        Assert.Equal(5, s.StanceOf(new ActorId("usa"), new IssueId("spending"))!.Position);
    }

    [Fact]
    public void A_diagnostic_prints_file_line_column_field_message_and_what_is_allowed()
    {
        var e = SingleError(FromYaml(Minimal.Replace("capability: 10", "capability: ten")));
        Assert.Equal("test.yaml:10:17: error: actors[usa].capability: expected a number, got 'ten' (a number from 1e-9 to 1e12)", e.ToString());
    }

    [Fact]
    public void Malformed_yaml_is_located()
    {
        var e = SingleError(FromYaml(Minimal.Replace("scale: {min: 2, max: 5}", "scale: {min: 2, max: 5")));
        Assert.StartsWith("malformed YAML", e.Message);
        Assert.InRange(e.Line, 7, 8);
        Assert.True(e.Column > 0);
    }

    [Fact]
    public void Malformed_json_is_located()
    {
        var json = "{\n  \"scenario\": {\"id\": \"x\", \"title\": \"X\"},\n  \"issues\": [\n    {\"id\": \"a\" \"title\": \"A\"}\n  ]\n}";
        var e = SingleError(FromJson(json));
        Assert.StartsWith("malformed JSON", e.Message);
        Assert.Equal(4, e.Line);
        Assert.Equal(16, e.Column);
    }

    [Fact]
    public void Json_errors_are_located_at_the_value()
    {
        var json = "{\"scenario\": {\"id\": \"x\", \"title\": \"X\"},\n \"issues\": [{\"id\": \"a\", \"title\": \"A\", \"scale\": {\"min\": 0, \"max\": 1}}],\n"
                   + " \"actors\": [{\"id\": \"p\", \"capability\": 1, \"positions\": {\"a\": {\"position\": 0, \"salience\": 1}}},\n"
                   + "             {\"id\": \"q\", \"capability\": -2, \"positions\": {\"a\": {\"position\": 1, \"salience\": 1}}}]}";
        var e = SingleError(FromJson(json));
        Assert.Equal((4, 40), (e.Line, e.Column));
        Assert.Equal("actors[q].capability", e.Field);
    }

    [Fact]
    public void Json_columns_count_characters_not_bytes()
    {
        var json = "{\"scenario\": {\"id\": \"x\", \"title\": \"Ünïcödé\", \"tïtle\": 1}}";
        var errors = FromJson(json).Errors;
        var unknown = Assert.Single(errors, d => d.Message.Contains("unknown field"));
        Assert.Equal(46, unknown.Column); // 50 if bytes were counted
    }

    [Fact]
    public void An_unknown_field_suggests_the_nearest_allowed_name()
    {
        var e = SingleError(FromYaml(Minimal.Replace("capability: 10", "capabilty: 10")));
        Assert.Equal((10, 5), (e.Line, e.Column));
        Assert.Equal("actors[usa].capabilty", e.Field);
        Assert.Equal("unknown field 'capabilty'", e.Message);
        Assert.StartsWith("did you mean 'capability'?", e.Allowed);
    }

    [Fact]
    public void An_unknown_top_level_field_suggests_too()
    {
        var errors = FromYaml(Minimal.Replace("actors:", "actor:")).Errors;
        var e = Assert.Single(errors);
        Assert.StartsWith("did you mean 'actors'?", e.Allowed);
    }

    [Fact]
    public void An_unknown_field_far_from_every_name_gets_no_suggestion()
    {
        var e = SingleError(FromYaml(Minimal.Replace("capability: 10", "capability: 10\n    zzzzzz: 1")));
        Assert.StartsWith("allowed here: id, name", e.Allowed);
    }

    [Fact]
    public void A_missing_required_field_is_named()
    {
        var e = SingleError(FromYaml(Minimal.Replace("  title: Minimal\n", "")));
        Assert.Equal("scenario.title", e.Field);
        Assert.Equal("missing required field 'title'", e.Message);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void A_missing_capability_is_named()
    {
        var e = SingleError(FromYaml(Minimal.Replace("    capability: 5\n", "")));
        Assert.Equal("actors[france].capability", e.Field);
    }

    [Fact]
    public void A_string_where_a_number_is_expected_is_a_wrong_type()
    {
        var e = SingleError(FromYaml(Minimal.Replace("capability: 10", "capability: \"10\"")));
        Assert.Contains("expected a number", e.Message);
        Assert.Contains("quoted", e.Message);
    }

    [Fact]
    public void A_mapping_where_a_list_is_expected_is_a_wrong_type()
    {
        var e = SingleError(FromYaml(Minimal.Replace("issues:\n  - id: spending", "issues:\n  spending:\n    id: spending").Replace("\n    title: Spending", "\n    title2: Spending")));
        Assert.Equal("issues", e.Field);
        Assert.Contains("expected a list", e.Message);
    }

    [Fact]
    public void A_duplicate_actor_id_is_an_error()
    {
        var e = SingleError(FromYaml(Minimal.Replace("- id: france", "- id: usa")));
        Assert.Equal((13, 9), (e.Line, e.Column));
        Assert.Equal("duplicate actor id 'usa' (first declared on line 9)", e.Message);
    }

    [Fact]
    public void A_duplicate_issue_id_is_an_error()
    {
        var yaml = Minimal.Replace("actors:", "  - id: spending\n    title: Again\n    scale: {min: 0, max: 1}\nactors:");
        var e = SingleError(FromYaml(yaml));
        Assert.Equal("issues[spending].id", e.Field);
        Assert.Equal(8, e.Line);
        Assert.Contains("duplicate issue id 'spending'", e.Message);
    }

    [Fact]
    public void A_duplicate_source_id_is_an_error()
    {
        var yaml = Minimal.Replace("  title: Minimal", "  title: Minimal\n  sources:\n    - {id: s1, title: One}\n    - {id: s1, title: Two}");
        var e = SingleError(FromYaml(yaml));
        Assert.Equal("scenario.sources[s1].id", e.Field);
        Assert.Equal(6, e.Line);
        Assert.Contains("duplicate source id 's1'", e.Message);
    }

    [Fact]
    public void A_duplicate_key_in_a_mapping_is_an_error()
    {
        var e = SingleError(FromYaml(Minimal.Replace("capability: 10", "capability: 10\n    capability: 11")));
        Assert.Equal("duplicate key 'capability' (first given on line 10)", e.Message);
        Assert.Equal(11, e.Line);
    }

    [Fact]
    public void An_unknown_agenda_setter_is_an_error()
    {
        var e = SingleError(FromYaml(Minimal + "\nagenda_setter: usaa\n"));
        Assert.Equal("agenda_setter", e.Field);
        Assert.Equal("unknown actor 'usaa'", e.Message);
        Assert.StartsWith("did you mean 'usa'?", e.Allowed);
    }

    [Fact]
    public void An_unknown_actor_in_a_shock_is_an_error()
    {
        var e = SingleError(FromYaml(Minimal + "\nshocks:\n  - id: walkout\n    changes:\n      - {round: 2, actor: frnace, remove: true}\n"));
        Assert.Equal("shocks[walkout].changes[0].actor", e.Field);
        Assert.Equal(20, e.Line);
        Assert.StartsWith("did you mean 'france'?", e.Allowed);
    }

    [Fact]
    public void An_unknown_issue_in_positions_is_an_error()
    {
        var e = SingleError(FromYaml(Minimal.Replace("spending: {position: 3, salience: 0.5}",
            "spending: {position: 3, salience: 0.5}\n      spendng: {position: 3, salience: 0.5}")));
        Assert.Equal("actors[france].positions.spendng", e.Field);
        Assert.Equal((17, 7), (e.Line, e.Column));
        Assert.StartsWith("did you mean 'spending'?", e.Allowed);
    }

    [Fact]
    public void An_unknown_source_in_evidence_is_an_error()
    {
        var yaml = Minimal.Replace("  title: Minimal", "  title: Minimal\n  sources:\n    - {id: seed-000, title: One}")
            .Replace("{position: 5, salience: 0.9}", "{position: 5, salience: 0.9, evidence: {source: seed-001, quote: \"we want 5%\"}}");
        var e = SingleError(FromYaml(yaml));
        Assert.Equal("actors[usa].positions.spending.evidence.source", e.Field);
        Assert.Equal("unknown source 'seed-001'", e.Message);
        Assert.StartsWith("did you mean 'seed-000'?", e.Allowed);
    }

    [Fact]
    public void A_position_outside_the_scale_is_an_error()
    {
        var e = SingleError(FromYaml(Minimal.Replace("position: 5,", "position: 6,")));
        Assert.Equal("actors[usa].positions.spending.position", e.Field);
        Assert.Equal("position 6 lies outside the issue's scale", e.Message);
        Assert.Equal("2..5", e.Allowed);
        Assert.Equal((12, 28), (e.Line, e.Column));
    }

    [Theory]
    [InlineData("", "1.5", "0, or 1e-9..1 (or declare salience_scale: 100 for 0..100)")]
    [InlineData("", "-0.1", "0, or 1e-9..1 (or declare salience_scale: 100 for 0..100)")]
    [InlineData("", "1e-10", "0, or 1e-9..1 (or declare salience_scale: 100 for 0..100)")]
    [InlineData("salience_scale: 100\n", "150", "0, or 1e-7..100 (salience_scale: 100)")]
    [InlineData("salience_scale: 100\n", "1e-8", "0, or 1e-7..100 (salience_scale: 100)")]
    public void A_salience_outside_its_range_is_an_error(string header, string salience, string allowed)
    {
        var e = SingleError(FromYaml(header + Minimal.Replace("salience: 0.9", "salience: " + salience).Replace("salience: 0.5", "salience: 0.5".Replace("0.5", header.Length > 0 ? "50" : "0.5"))));
        Assert.Equal("actors[usa].positions.spending.salience", e.Field);
        Assert.Equal(allowed, e.Allowed);
    }

    [Fact]
    public void A_salience_scale_other_than_1_or_100_is_an_error()
    {
        var e = SingleError(FromYaml("salience_scale: 10\n" + Minimal));
        Assert.Equal("salience_scale", e.Field);
    }

    [Theory]
    [InlineData("0", "capability 0 is not > 0")]
    [InlineData("-3", "capability -3 is not > 0")]
    [InlineData("NaN", "'NaN' is not a finite number")]
    [InlineData(".nan", "'.nan' is not a finite number")]
    [InlineData(".NaN", "'.NaN' is not a finite number")]
    [InlineData("Infinity", "'Infinity' is not a finite number")]
    [InlineData(".inf", "'.inf' is not a finite number")]
    [InlineData("-.inf", "'-.inf' is not a finite number")]
    [InlineData("1e400", "'1e400' is not a finite number")]
    [InlineData("abc", "expected a number, got 'abc'")]
    [InlineData("1,5", "expected a number, got '1,5'")]
    public void A_capability_must_be_a_finite_number_above_zero(string value, string message)
    {
        var e = SingleError(FromYaml(Minimal.Replace("capability: 10", "capability: " + value)));
        Assert.Equal("actors[usa].capability", e.Field);
        Assert.Equal(message, e.Message);
        Assert.Equal((10, 17), (e.Line, e.Column));
    }

    [Fact]
    public void Numbers_use_the_invariant_culture_whatever_the_current_one()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
            var s = Valid(FromYaml(Minimal.Replace("capability: 10", "capability: 1.5e1")));
            Assert.Equal(15, s.Actors[0].Capability);
        }
        finally { System.Globalization.CultureInfo.CurrentCulture = saved; }
    }

    [Theory]
    [InlineData("{min: 5, max: 5}")]
    [InlineData("{min: 6, max: 2}")]
    public void A_scale_needs_min_below_max(string scale)
    {
        var e = SingleError(FromYaml(Minimal.Replace("{min: 2, max: 5}", scale)));
        Assert.Equal("issues[spending].scale.min", e.Field);
        Assert.Equal("min < max", e.Allowed);
    }

    [Fact]
    public void An_anchor_outside_the_scale_is_an_error()
    {
        var e = SingleError(FromYaml(Minimal.Replace("scale: {min: 2, max: 5}", "scale: {min: 2, max: 5}\n    anchors:\n      2: old target\n      6: too far")));
        Assert.Equal("issues[spending].anchors.6", e.Field);
        Assert.Equal(10, e.Line);
        Assert.Equal("2..5", e.Allowed);
    }

    [Fact]
    public void A_status_quo_outside_the_scale_is_an_error()
    {
        var e = SingleError(FromYaml(Minimal.Replace("scale: {min: 2, max: 5}", "scale: {min: 2, max: 5}\n    status_quo: 1.5")));
        Assert.Equal("issues[spending].status_quo", e.Field);
        Assert.Equal("1.5 lies outside the issue's scale", e.Message);
    }

    [Theory]
    [InlineData("{low: 4, high: 3}", "range.low", "low 4 is above high 3")]
    [InlineData("{low: 3, mode: 5, high: 4}", "range.mode", "mode 5 lies outside low..high (3..4)")]
    [InlineData("{low: 1, high: 4}", "range.low", "low 1 lies outside the allowed range")]
    [InlineData("{low: 3}", "range.high", "missing required field 'high'")]
    public void A_range_needs_low_mode_high_in_order_and_on_the_scale(string range, string field, string message)
    {
        var e = SingleError(FromYaml(Minimal.Replace("{position: 5, salience: 0.9}", "{position: 5, salience: 0.9, range: " + range + "}")));
        Assert.Equal("actors[usa].positions.spending." + field, e.Field);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void An_empty_file_is_an_error()
    {
        var e = SingleError(FromYaml("# nothing here\n"));
        Assert.Equal("the file is empty", e.Message);
        Assert.Equal((1, 1), (e.Line, e.Column));
        Assert.Equal("the file is empty", SingleError(FromJson(" \n")).Message);
    }

    [Fact]
    public void A_scenario_without_actors_is_an_error()
    {
        var yaml = Minimal[..Minimal.IndexOf("actors:", StringComparison.Ordinal)] + "actors: []\n";
        var e = SingleError(FromYaml(yaml));
        Assert.Equal("the scenario has no actors", e.Message);
    }

    [Fact]
    public void A_scenario_without_issues_is_an_error()
    {
        var yaml = "scenario: {id: x, title: X}\nissues: []\nactors:\n  - {id: a, capability: 1}\n  - {id: b, capability: 1}\n";
        var e = SingleError(FromYaml(yaml));
        Assert.Equal("the scenario has no issues", e.Message);
        Assert.Equal("issues", e.Field);
    }

    [Fact]
    public void An_issue_needs_two_positioned_actors()
    {
        var e = SingleError(FromYaml(Minimal.Replace("    positions:\n      spending: {position: 3, salience: 0.5}", "    name: France")));
        Assert.Equal("issues[spending]", e.Field);
        Assert.Equal("issue 'spending' has 1 actor(s) with a position on it", e.Message);
        Assert.Equal(5, e.Line);
    }

    [Fact]
    public void A_missing_file_is_reported_not_thrown()
    {
        var result = ScenarioFiles.Load(Path.Combine(Path.GetTempPath(), "parley-no-such-file.yaml"));
        var e = SingleError(result);
        Assert.Equal("file not found", e.Message);
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_before_reading()
    {
        var path = Path.Combine(Path.GetTempPath(), $"parley-too-large-{Guid.NewGuid():N}.yaml");
        try
        {
            using (var f = File.Create(path)) f.SetLength(ScenarioFiles.MaxBytes + 1); // sparse: nothing is written
            var e = SingleError(ScenarioFiles.Load(path));
            Assert.StartsWith("file too large", e.Message);
            Assert.Contains("50 MB", e.Allowed);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("{source: s1, quote: \"yes\", judgement: \"no\"}", "evidence has both a quote and a judgement")]
    [InlineData("{}", "evidence has neither a quote nor a judgement")]
    [InlineData("{quote: \"yes\"}", "a quote needs the source it comes from")]
    [InlineData("{source: s1}", "evidence citing a source needs the quote")]
    public void Evidence_is_a_quote_with_its_source_or_a_judgement(string evidence, string message)
    {
        var yaml = Minimal.Replace("  title: Minimal", "  title: Minimal\n  sources:\n    - {id: s1, title: One}")
            .Replace("{position: 5, salience: 0.9}", "{position: 5, salience: 0.9, evidence: " + evidence + "}");
        var e = SingleError(FromYaml(yaml));
        Assert.Equal(message, e.Message);
        Assert.StartsWith("actors[usa].positions.spending.evidence", e.Field);
    }

    [Fact]
    public void An_unknown_decision_rule_is_an_error()
    {
        var e = SingleError(FromYaml(Minimal + "\ndecision_rule: concensus\n"));
        Assert.Equal("decision_rule", e.Field);
        Assert.StartsWith("did you mean 'consensus'?", e.Allowed);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    public void A_threshold_outside_0_to_1_is_an_error(string threshold)
    {
        var e = SingleError(FromYaml(Minimal + "\ndecision_rule: {type: qualified-majority, threshold: " + threshold + "}\n"));
        Assert.Equal("decision_rule.threshold", e.Field);
        Assert.Equal($"threshold {threshold} lies outside 0..1", e.Message);
    }

    [Fact]
    public void Decision_rule_weights_must_name_actors()
    {
        var e = SingleError(FromYaml(Minimal + "\ndecision_rule: {type: majority, weights: {usa: 2, germany: 1}}\n"));
        Assert.Equal("decision_rule.weights.germany", e.Field);
        Assert.Equal("unknown actor 'germany'", e.Message);
    }

    [Fact]
    public void A_file_with_three_different_mistakes_gives_three_located_diagnostics()
    {
        var yaml = Minimal
            .Replace("capability: 10", "capability: -1")                   // line 10
            .Replace("position: 3,", "position: 7,")                        // line 16
            .Replace("  title: Minimal", "  titel: Minimal");               // line 3 (and title is then missing)
        var errors = FromYaml(yaml).Errors;
        Assert.Equal(3, errors.Count);
        Assert.Equal([3, 10, 16], errors.Select(e => e.Line).Order());
        Assert.Contains(errors, e => e.Field == "scenario.titel" && e.Allowed!.StartsWith("did you mean 'title'?"));
        Assert.Contains(errors, e => e.Field == "actors[usa].capability");
        Assert.Contains(errors, e => e.Field == "actors[france].positions.spending.position");
    }

    [Fact]
    public void A_yaml_alias_bomb_is_refused()
    {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (char c = 'b'; c <= 'k'; c++)
            yaml += $"{c}: &{c} [*{(char)(c - 1)}, *{(char)(c - 1)}, *{(char)(c - 1)}, *{(char)(c - 1)}, *{(char)(c - 1)}, *{(char)(c - 1)}, *{(char)(c - 1)}, *{(char)(c - 1)}, *{(char)(c - 1)}, *{(char)(c - 1)}]\n";
        var e = SingleError(FromYaml(yaml));
        Assert.Equal("aliases expand to too many nodes", e.Message);
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_crash()
    {
        var json = new string('[', 100_000) + new string(']', 100_000);
        Assert.False(FromJson(json).Ok);
        var yaml = "x: " + new string('[', 100_000) + new string(']', 100_000);
        Assert.False(FromYaml(yaml).Ok);
    }

    [Fact]
    public void Json_cannot_smuggle_nan_or_quoted_numbers()
    {
        var json = "{\"scenario\": {\"id\": \"x\", \"title\": \"X\"}, \"issues\": [{\"id\": \"a\", \"title\": \"A\", \"scale\": {\"min\": 0, \"max\": 1}}],\n"
                   + " \"actors\": [{\"id\": \"p\", \"capability\": \"NaN\", \"positions\": {\"a\": {\"position\": 0, \"salience\": 1}}},\n"
                   + "             {\"id\": \"q\", \"capability\": 1, \"positions\": {\"a\": {\"position\": 1, \"salience\": 1}}}]}";
        var e = SingleError(FromJson(json));
        Assert.Equal("actors[p].capability", e.Field);
        Assert.Equal("'NaN' is not a finite number", e.Message);
        Assert.StartsWith("malformed JSON", SingleError(FromJson(json.Replace("\"NaN\"", "NaN"))).Message);
    }

    [Fact]
    public void An_unknown_issue_in_a_shock_is_an_error()
    {
        var e = SingleError(FromYaml(Minimal + "\nshocks:\n  - id: s\n    changes:\n      - {actor: usa, issue: spendin, position: 3}\n"));
        Assert.Equal("shocks[s].changes[0].issue", e.Field);
        Assert.StartsWith("did you mean 'spending'?", e.Allowed);
    }

    [Theory]
    [InlineData("{actor: usa}", "the change does nothing")]
    [InlineData("{actor: usa, remove: true, capability: 2}", "the change sets remove and capability at once")]
    [InlineData("{actor: usa, salience: 0.5}", "a change of salience needs the issue")]
    [InlineData("{actor: usa, round: 1.5, remove: true}", "round 1.5 is not a whole number >= 0")]
    public void A_shock_change_does_exactly_one_thing(string change, string message)
    {
        var e = SingleError(FromYaml(Minimal + "\nshocks:\n  - id: s\n    changes:\n      - " + change + "\n"));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_qualified_majority_needs_a_threshold()
    {
        var e = SingleError(FromYaml(Minimal + "\ndecision_rule: qualified-majority\n"));
        Assert.Equal("a qualified majority needs a threshold", e.Message);
    }

    [Theory]
    [InlineData("-1", "capability -1 is negative")]
    [InlineData(".nan", "not a finite number")]
    [InlineData("lots", "expected a number, got 'lots'")]
    public void A_stances_own_capability_must_be_a_finite_number_not_below_zero(string value, string message)
    {
        var e = SingleError(FromYaml(Minimal.Replace("{position: 5, salience: 0.9}", "{position: 5, salience: 0.9, capability: " + value + "}")));
        Assert.Equal(12, e.Line);
        Assert.Equal("actors[usa].positions.spending.capability", e.Field);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_stances_own_capability_overrides_the_actors_on_that_issue_only()
    {
        var s = Valid(FromYaml(Minimal.Replace("{position: 5, salience: 0.9}", "{position: 5, salience: 0.9, capability: 0}")));
        Assert.Equal(0.0, s.StanceOf(new ActorId("usa"), new IssueId("spending"))!.Capability);
        Assert.Null(s.StanceOf(new ActorId("france"), new IssueId("spending"))!.Capability);
    }
}
