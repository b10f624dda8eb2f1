using Parley.Formats;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Cli.Tests;

/// <summary>
/// A scenario's model_settings through run, analyze, report, validate, convert and explain: the command line's
/// --option/--seed override them, and they override the models' defaults.
/// </summary>
public sealed class ModelSettingsCommandTests
{
    private static string Toy => File.ReadAllText(Fixtures.Path("toy.yaml"));

    private static string Temp(string extension, string content) => TempFiles.Write(extension, content);

    private static CliRunner.Outcome Ok(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Err}");
        return r;
    }

    [Fact]
    public void Run_uses_the_scenarios_settings_as_if_given_with_option_and_says_so()
    {
        var file = Temp(".yaml", Toy + "model_settings:\n  smp: {vpm: quartic, voting: binary}\n");
        try
        {
            var withFile = Ok("run", file, "-m", "smp", "--json");
            var explicitly = Ok("run", Fixtures.Path("toy.yaml"), "-m", "smp", "--json", "--option", "vpm=quartic", "--option", "voting=binary");
            var plain = Ok("run", Fixtures.Path("toy.yaml"), "-m", "smp", "--json");
            Assert.Equal(explicitly.Out, withFile.Out);
            Assert.NotEqual(plain.Out, withFile.Out);
            Assert.Contains("parley: note: smp: using the scenario's settings vpm=quartic voting=binary\n", withFile.Err.ReplaceLineEndings("\n"));
            Assert.DoesNotContain("note", explicitly.Err);
            Assert.StartsWith("{", withFile.Out.TrimStart()); // the note goes to stderr; stdout stays one JSON document

            // once per command, and only for the models run
            var all = Ok("run", file);
            Assert.Single(all.Err.Split('\n'), l => l.Contains("using the scenario's settings"));
            Assert.DoesNotContain("scenario's settings", Ok("run", file, "-m", "compromise").Err);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Option_and_seed_override_the_scenarios_settings()
    {
        var file = Temp(".yaml", Toy + "model_settings:\n  smp: {vpm: quartic, voting: binary, stm: stochastic, seed: 5}\n");
        try
        {
            var overridden = Ok("run", file, "-m", "smp", "--json", "--option", "vpm=linear", "--seed", "11");
            var explicitly = Ok("run", Fixtures.Path("toy.yaml"), "-m", "smp", "--json",
                "--option", "vpm=linear", "--option", "voting=binary", "--option", "stm=stochastic", "--seed", "11");
            Assert.Equal(explicitly.Out, overridden.Out);
            Assert.Contains("using the scenario's settings voting=binary stm=stochastic (the command line overrides vpm=quartic seed=5)", overridden.Err);

            var seeded = Ok("run", file, "-m", "smp", "--json");
            var seededExplicitly = Ok("run", Fixtures.Path("toy.yaml"), "-m", "smp", "--json",
                "--option", "vpm=quartic", "--option", "voting=binary", "--option", "stm=stochastic", "--seed", "5");
            Assert.Equal(seededExplicitly.Out, seeded.Out);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Analyze_and_report_use_them_too()
    {
        var file = Temp(".yaml", Toy + "model_settings:\n  smp: {vpm: quartic, voting: binary}\n");
        var html = Path.ChangeExtension(file, ".html");
        try
        {
            var withFile = Ok("analyze", file, "-m", "smp", "--draws", "8", "--json");
            var explicitly = Ok("analyze", Fixtures.Path("toy.yaml"), "-m", "smp", "--draws", "8", "--json",
                "--option", "vpm=quartic", "--option", "voting=binary");
            Assert.Equal(explicitly.Out, withFile.Out);
            Assert.Contains("smp: using the scenario's settings vpm=quartic voting=binary", withFile.Err);

            var report = Ok("report", file, "-m", "smp", "--draws", "8", "-o", html);
            Assert.Contains("smp: using the scenario's settings vpm=quartic voting=binary", report.Err);
            Assert.True(File.Exists(html));

            // report takes --option too (long form only: its -o is the output file), over the scenario's settings
            File.Delete(html);
            var over = Ok("report", file, "-m", "smp", "--draws", "8", "--option", "vpm=linear", "-o", html);
            Assert.Contains("smp: using the scenario's settings voting=binary (the command line overrides vpm=quartic)", over.Err);
            Assert.True(File.Exists(html));
        }
        finally
        {
            File.Delete(file);
            File.Delete(html);
        }
    }

    [Fact]
    public void A_bad_value_is_a_located_input_error_before_anything_runs()
    {
        var file = Temp(".yaml", Toy + "model_settings:\n  smp: {vpm: quadratic}\n");
        try
        {
            int line = File.ReadAllLines(file).Length; // the last line: "  smp: {vpm: quadratic}", the value at column 14
            foreach (var args in new[] { new[] { "validate", file }, ["run", file, "-m", "smp"], ["run", file, "-m", "compromise"] })
            {
                var r = CliRunner.Run(args);
                Assert.Equal(2, r.ExitCode);
                Assert.Contains($"{file}:{line}:14: error: model_settings.smp.vpm: 'quadratic' is not one of linear, square, quartic, octic, binary", r.Err);
                Assert.DoesNotContain("   at ", r.Err); // no stack trace
            }
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void An_unknown_model_or_setting_is_a_located_input_error()
    {
        var file = Temp(".yaml", Toy + "model_settings:\n  smpp: {vpm: quartic}\n  eum: {varient: paper}\n");
        try
        {
            var lines = File.ReadAllLines(file).Length;
            var r = CliRunner.Run("run", file);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains($"{file}:{lines - 1}:3: error: model_settings.smpp: unknown model 'smpp' (did you mean 'smp'?", r.Err);
            Assert.Contains($"{file}:{lines}:9: error: model_settings.eum.varient: model 'eum' has no setting 'varient' (did you mean 'variant'?", r.Err);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Explain_and_models_are_unaffected()
    {
        var file = Temp(".yaml", Toy + "model_settings:\n  eum: {variant: paper, q: 0.5}\n");
        try
        {
            var withFile = Ok("explain", file, "--model", "eum", "--actor", "a");
            var plain = Ok("explain", Fixtures.Path("toy.yaml"), "--model", "eum", "--actor", "a");
            Assert.Equal(plain.Out, withFile.Out);
            Assert.DoesNotContain("scenario's settings", withFile.Err);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Validate_names_the_models_and_convert_writes_the_settings()
    {
        var file = Temp(".yaml", Toy + "model_settings:\n  smp: {vpm: quartic, seed: 7}\n");
        var json = Path.ChangeExtension(file, ".json");
        try
        {
            Assert.Contains("model_settings for smp)", Ok("validate", file).Out);
            Ok("convert", file, "--to", "json", "-o", json);
            var back = ScenarioFiles.Load(json).ValueOrThrow();
            var smp = Assert.Single(back.ModelDefaults);
            Assert.Equal(("smp", "quartic", 7UL), (smp.Model, smp.Get("vpm"), smp.Seed!.Value));
        }
        finally
        {
            File.Delete(file);
            File.Delete(json);
        }
    }

    private static readonly string KtabXml = KtabSampleXml.Create("Small", 424242,
    [
        ("VictoryProbModel", "Quartic"), ("PCEModel", "Conditional"), ("StateTransitions", "Stochastic"),
        ("VotingRule", "Binary"), ("BigRAdjust", "OneThird"), ("BigRRange", "Mid"), ("ThirdPartyCommit", "SemiCommit"),
        ("InterVecBrgn", "S2P2"), ("BargnModel", "InitOnlyInterp"),
    ],
    [("Alice", "Alice", "1")]);

    [Fact]
    public void A_ktab_xml_file_runs_with_its_own_parameters_and_seed_and_convert_keeps_them()
    {
        var xml = Temp(".xml", KtabXml);
        var yaml = Path.ChangeExtension(xml, ".yaml");
        try
        {
            var fromXml = Ok("run", xml, "-m", "smp", "--json");
            Assert.DoesNotContain("--option", fromXml.Err);
            Assert.Contains("smp: using the scenario's settings vpm=quartic pcem=conditional stm=stochastic voting=binary", fromXml.Err);
            Assert.Contains("seed=424242", fromXml.Err);
            // as the former notice told the user to run it by hand
            var byHand = Ok("run", xml, "-m", "smp", "--json", "--option", "vpm=quartic", "--option", "stm=stochastic",
                "--option", "voting=binary", "--seed", "424242");
            Assert.Equal(byHand.Out, fromXml.Out);

            Ok("convert", xml, "-o", yaml);
            var text = File.ReadAllText(yaml);
            Assert.Contains("\nmodel_settings:\n  smp:\n    vpm: quartic\n", text);
            Assert.Contains("\n    seed: 424242\n", text);
            Assert.Equal(fromXml.Out, Ok("run", yaml, "-m", "smp", "--json").Out);
        }
        finally
        {
            File.Delete(xml);
            File.Delete(yaml);
        }
    }

    [Fact]
    public void SmpExample_fixed_runs_with_KTABs_settings_when_shared_data_exists()
    {
        var path = SharedAnchors.RequireFile("ktab/smpExample-fixed.xml");
        var fromFile = Ok("run", path, "-m", "smp", "--json");
        var byHand = Ok("run", path, "-m", "smp", "--json", "--option", "vpm=linear", "--option", "pcem=markov-incentive",
            "--option", "stm=stochastic", "--option", "voting=prop-cbc", "--option", "bigr-adjust=one-third", "--option", "bigr-range=mid",
            "--option", "third-party=semi-commit", "--option", "interp=s2p2", "--option", "bargain=init-only", "--seed", "3507583219545544127");
        Assert.Equal(byHand.Out, fromFile.Out);
        Assert.Contains("seed=3507583219545544127", fromFile.Err);
    }
}
