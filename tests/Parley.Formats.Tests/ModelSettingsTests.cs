using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.Spatial;
using Parley.Formats.Ktab;
using Parley.Formats.Writing;
using Parley.Tests.Shared;
using static Parley.Formats.Tests.TestRead;

namespace Parley.Formats.Tests;

/// <summary>The top-level <c>model_settings</c> mapping (per-model default settings): reading, errors, writing, KTAB XML.</summary>
public class ModelSettingsTests
{
    // TestRead.Minimal has 16 lines: "model_settings:" is line 17, the models start on line 18.
    private static string With(params string[] lines) => Minimal + "\nmodel_settings:\n" + string.Concat(lines.Select(l => "  " + l + "\n"));

    private static int Column(string yaml, int line, string text) => yaml.Split('\n')[line - 1].IndexOf(text, StringComparison.Ordinal) + 1;

    [Fact]
    public void Settings_and_seed_are_read_per_model_in_the_order_given()
    {
        var s = Valid(FromYaml(With("smp: {vpm: quartic, pcem: markov-incentive, seed: 7}", "eum:", "  variant: paper", "  q: 0.5", "  risk: false")));
        Assert.Equal(2, s.ModelDefaults.Count);
        var smp = s.ModelDefaultsFor("smp")!;
        Assert.Equal([new ModelSetting("vpm", "quartic"), new ModelSetting("pcem", "markov-incentive")], smp.Settings);
        Assert.Equal(7UL, smp.Seed);
        var eum = s.ModelDefaultsFor("eum")!;
        Assert.Equal([new ModelSetting("variant", "paper"), new ModelSetting("q", "0.5"), new ModelSetting("risk", "false")], eum.Settings);
        Assert.Null(eum.Seed);
        Assert.Equal("smp", s.ModelDefaults[0].Model);
        Assert.Empty(Valid(FromYaml(Minimal)).ModelDefaults);
    }

    [Fact]
    public void Empty_and_null_entries_count_as_absent()
    {
        var s = Valid(FromYaml(With("smp: {}", "eum: ~", "nash: {utility: ~, seed: 18446744073709551615}")));
        var nash = Assert.Single(s.ModelDefaults);
        Assert.Equal("nash", nash.Model);
        Assert.Empty(nash.Settings);
        Assert.Equal(ulong.MaxValue, nash.Seed);
    }

    [Fact]
    public void Json_reads_the_same_and_yaml_and_json_round_trip()
    {
        var s = Valid(FromYaml(With("smp: {vpm: quartic, max-rounds: 50, ktab-compat: true, seed: 7}", "eum: {q: 0.25, rounds: \"007\"}")));
        var yaml = ScenarioYamlWriter.Write(s);
        Assert.Contains("\nmodel_settings:\n  smp: {vpm: quartic, max-rounds: 50, ktab-compat: true, seed: 7}\n  eum: {q: 0.25, rounds: \"007\"}\n", yaml);
        Assert.Equal(s.ModelDefaults, Valid(FromYaml(yaml)).ModelDefaults);
        var json = ScenarioJsonWriter.Write(s);
        Assert.Contains("\"model_settings\"", json);
        Assert.Contains("\"seed\": 7", json);
        Assert.Equal(s.ModelDefaults, Valid(FromJson(json)).ModelDefaults);
        ScenarioEquivalence.AssertEquivalent(s, Valid(FromJson(json)));
    }

    [Fact]
    public void An_unknown_model_is_a_located_error_with_a_suggestion()
    {
        var yaml = With("smpp: {vpm: quartic}");
        var e = SingleError(FromYaml(yaml));
        Assert.Equal("model_settings.smpp", e.Field);
        Assert.Equal((18, 3), (e.Line, e.Column));
        Assert.Contains("unknown model 'smpp'", e.Message);
        Assert.Contains("did you mean 'smp'?", e.Allowed);
        Assert.StartsWith("test.yaml:18:3: error: model_settings.smpp: unknown model 'smpp'", e.ToString());
    }

    [Fact]
    public void An_unknown_setting_is_a_located_error_naming_the_models_settings()
    {
        var yaml = With("smp: {vpm: quartic, vmp: square}");
        var e = SingleError(FromYaml(yaml));
        Assert.Equal("model_settings.smp.vmp", e.Field);
        Assert.Equal((18, Column(yaml, 18, "vmp")), (e.Line, e.Column));
        Assert.Contains("model 'smp' has no setting 'vmp'", e.Message);
        Assert.Contains("did you mean 'vpm'?", e.Allowed);
        Assert.Contains("seed", e.Allowed);
    }

    [Theory]
    [InlineData("smp: {vpm: quadratic}", "vpm", "quadratic", "'quadratic' is not one of linear, square, quartic, octic, binary")]
    [InlineData("eum: {q: 2}", "q", "2", "2 is not in 0..1")]
    [InlineData("eum: {rounds: many}", "rounds", "many", "'many' is not a whole number in 0..10000")]
    [InlineData("exchange: {ties: coin}", "ties", "coin", "'coin' is not one of")]
    [InlineData("exchange: {arithmetic: float}", "arithmetic", "float", "'float' is not one of double, decimal")]
    [InlineData("nash: {utility: cubic}", "utility", "cubic", "'cubic' is not one of quadratic, linear")]
    public void A_value_the_model_cannot_use_is_a_located_error(string entry, string setting, string value, string message)
    {
        var yaml = With(entry);
        var e = SingleError(FromYaml(yaml));
        var model = entry[..entry.IndexOf(':')];
        Assert.Equal($"model_settings.{model}.{setting}", e.Field);
        Assert.Equal((18, Column(yaml, 18, value)), (e.Line, e.Column));
        Assert.Contains(message, e.Message);
        Assert.DoesNotContain("setting '", e.Message); // the field already names it
        Assert.False(string.IsNullOrWhiteSpace(e.Allowed));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("\"7\"")]
    [InlineData("seven")]
    [InlineData("18446744073709551616")]
    public void A_seed_must_be_a_whole_unsigned_64_bit_number(string seed)
    {
        var yaml = With($"smp: {{seed: {seed}}}");
        var e = SingleError(FromYaml(yaml));
        Assert.Equal("model_settings.smp.seed", e.Field);
        Assert.Equal((18, Column(yaml, 18, seed)), (e.Line, e.Column));
        Assert.Contains("whole number", e.Allowed);
    }

    [Fact]
    public void Wrong_shapes_and_repeats_are_located_errors()
    {
        var list = FromYaml(Minimal + "\nmodel_settings: [smp]\n");
        Assert.Equal("model_settings", SingleError(list).Field);

        var scalar = SingleError(FromYaml(With("smp: quartic")));
        Assert.Equal(("model_settings.smp", 18), (scalar.Field, scalar.Line));
        Assert.Contains("expected a mapping", scalar.Message);

        var nested = SingleError(FromYaml(With("smp: {vpm: [quartic]}")));
        Assert.Equal("model_settings.smp.vpm", nested.Field);
        Assert.Contains("expected a single value", nested.Message);

        var twice = SingleError(FromYaml(With("smp:", "  vpm: quartic", "  vpm: square")));
        Assert.Equal(("model_settings.smp.vpm", 20), (twice.Field, twice.Line));
        Assert.Contains("first given on line 19", twice.Message);

        var model = FromYaml(With("smp: {vpm: quartic}", "smp: {vpm: square}"));
        Assert.Contains(model.Errors, d => d.Field is "model_settings.smp" && d.Line == 19);

        var json = FromJson("""{"model_settings": {"smp": {"seed": "7"}}}""");
        Assert.Contains(json.Errors, d => d.Field == "model_settings.smp.seed" && d.Line == 1 && d.Message.Contains("quoted"));
    }

    [Fact]
    public void A_value_refused_by_the_model_names_the_scenario_field_wherever_it_is_read()
    {
        // the registry every reader checks against refuses it too, naming the model and the setting
        var bad = new ModelDefaults("smp", [new ModelSetting("vpm", "quadratic")],
            sources: new Dictionary<string, string> { ["vpm"] = "test.yaml:18:14" });
        Assert.Equal("Model 'smp': setting 'vpm': 'quadratic' is not one of linear, square, quartic, octic, binary.",
            ModelRegistry.BuiltIn.DefaultsProblem(bad));
        // a model reading scenario settings names where each came from
        var settings = ModelSettings.Default.OverScenario(bad, seedGiven: false);
        var e = Assert.Throws<ModelSettingException>(() => new SpatialModelOfPolitics().CheckSettings(settings));
        Assert.Equal("setting 'vpm' (from the scenario's model_settings.smp.vpm at test.yaml:18:14): 'quadratic' is not one of linear, square, quartic, octic, binary",
            e.Message);
    }

    // ------------------------------------------------------------------ KTAB XML

    private static string KtabXml(string transitions) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Scenario>
          <name>Small</name>
          <desc>test</desc>
          <prngSeed>424242</prngSeed>
          <ModelParameters>
            <VictoryProbModel>Quartic</VictoryProbModel>
            <PCEModel>MarkovUniform</PCEModel>
            <StateTransitions>{transitions}</StateTransitions>
            <VotingRule>Binary</VotingRule>
            <BigRAdjust>Full</BigRAdjust>
            <BigRRange>Min</BigRRange>
            <ThirdPartyCommit>NoCommit</ThirdPartyCommit>
            <InterVecBrgn>S1P1</InterVecBrgn>
            <BargnModel>InitRcvrInterp</BargnModel>
          </ModelParameters>
          <Dimensions><dName>Tax</dName></Dimensions>
          <Actors>
            <Actor><name>Alice</name><description>A</description><capability>100</capability>
              <Position><dCoord>10</dCoord></Position><Salience><dSal>80</dSal></Salience></Actor>
            <Actor><name>Bob</name><description>B</description><capability>60</capability>
              <Position><dCoord>90</dCoord></Position><Salience><dSal>50</dSal></Salience></Actor>
            <Actor><name>Carol</name><description>C</description><capability>40</capability>
              <Position><dCoord>40</dCoord></Position><Salience><dSal>70</dSal></Salience></Actor>
          </Actors>
          <IdealAdjustment>
            <iaPair><adjustingIdeal>Alice</adjustingIdeal><referencePos>Alice</referencePos><adjust>1</adjust></iaPair>
          </IdealAdjustment>
        </Scenario>
        """;

    private static readonly ModelSetting[] KtabSettings =
    [
        new("vpm", "quartic"), new("pcem", "markov-uniform"), new("stm", "stochastic"), new("voting", "binary"),
        new("bigr-adjust", "full"), new("bigr-range", "min"), new("third-party", "no-commit"), new("interp", "s1p1"),
        new("bargain", "init-rcvr"),
    ];

    [Fact]
    public void Ktab_xml_parameters_and_seed_become_the_scenarios_smp_settings()
    {
        var r = ScenarioFiles.Parse("small.xml", KtabXml("Stochastic"));
        var s = Valid(r);
        var smp = Assert.Single(s.ModelDefaults);
        Assert.Equal("smp", smp.Model);
        Assert.Equal(KtabSettings, smp.Settings); // KTAB's parameter order
        Assert.Equal(424242UL, smp.Seed);
        Assert.DoesNotContain(r.Notices, n => n.Contains("--option") || n.Contains("--seed"));
        // KtabInput keeps them as KTAB holds them too
        var k = KtabReader.ReadFull("small.xml", KtabXml("Stochastic")).ValueOrThrow();
        Assert.Equal(KtabSettings.Select(x => x.Value), KtabSettings.Select(x => k.ModelSettings[x.Name]));
        Assert.Equal(424242UL, k.Seed);
    }

    [Fact]
    public void Ktab_xml_seed_is_kept_even_when_transitions_are_deterministic()
    {
        // nothing is drawn then, but the value is not lost: convert writes it, and stm=stochastic reproduces KTAB's run
        var s = Valid(ScenarioFiles.Parse("small.xml", KtabXml("Deterministic")));
        var smp = Assert.Single(s.ModelDefaults);
        Assert.Equal(424242UL, smp.Seed);
        Assert.Equal("deterministic", smp.Get("stm"));
        Assert.Equal(424242UL, KtabReader.ReadFull("small.xml", KtabXml("Deterministic")).ValueOrThrow().Seed);
    }

    [Fact]
    public void Ktab_xml_settings_survive_conversion_and_the_run_uses_them()
    {
        var s = Valid(ScenarioFiles.Parse("small.xml", KtabXml("Stochastic")));
        var yaml = ScenarioYamlWriter.Write(s);
        Assert.Contains("\nmodel_settings:\n  smp:\n    vpm: quartic\n    pcem: markov-uniform\n", yaml);
        Assert.Contains("\n    seed: 424242\n", yaml);
        var converted = Valid(FromYaml(yaml, "small.yaml"));
        Assert.Equal(s.ModelDefaults, converted.ModelDefaults);
        Assert.Equal(s.ModelDefaults, Valid(FromJson(ScenarioJsonWriter.Write(s))).ModelDefaults);

        // the file's settings = the same settings given explicitly (what --option/--seed would pass)
        var model = new SpatialModelOfPolitics();
        var fromFile = ModelSettings.Default.OverScenario(converted.ModelDefaultsFor("smp"), seedGiven: false);
        var explicitly = KtabSettings.Aggregate(ModelSettings.Default, (m, x) => m.With(x.Name, x.Value)) with { Seed = 424242 };
        Assert.Equal(Positions(model.Run(converted, explicitly, TestContext.Current.CancellationToken)), Positions(model.Run(converted, fromFile, TestContext.Current.CancellationToken)));
        Assert.NotEqual(Positions(model.Run(converted, ModelSettings.Default, TestContext.Current.CancellationToken)), Positions(model.Run(converted, fromFile, TestContext.Current.CancellationToken)));
    }

    private static double[] Positions(ScenarioResult r)
    {
        var smp = Assert.IsType<SmpIssueResult>(r.Issues[0]);
        return smp.States.SelectMany(st => st.Positions.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value)).Append(smp.Forecast).ToArray();
    }

    [Fact]
    public void SmpExample_fixed_carries_KTABs_parameters_and_seed_when_shared_data_exists()
    {
        var path = SharedAnchors.RequireFile("ktab/smpExample-fixed.xml");
        var s = Valid(ScenarioFiles.Load(path));
        var smp = Assert.Single(s.ModelDefaults);
        Assert.Equal(
        [
            new ModelSetting("vpm", "linear"), new ModelSetting("pcem", "markov-incentive"), new ModelSetting("stm", "stochastic"),
            new ModelSetting("voting", "prop-cbc"), new ModelSetting("bigr-adjust", "one-third"), new ModelSetting("bigr-range", "mid"),
            new ModelSetting("third-party", "semi-commit"), new ModelSetting("interp", "s2p2"), new ModelSetting("bargain", "init-only"),
        ], smp.Settings);
        Assert.Equal(3507583219545544127UL, smp.Seed);
        var converted = Valid(FromYaml(ScenarioYamlWriter.Write(s), "smpExample.yaml"));
        Assert.Equal(s.ModelDefaults, converted.ModelDefaults);
    }
}
