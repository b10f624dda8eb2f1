using Parley.Core.Domain;
using Parley.Formats;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Cli.Tests;

/// <summary>The scenario's ideal_adjustment (smp only) through convert, run, analyze and validate.</summary>
public sealed class IdealAdjustmentCommandTests
{
    private static readonly string Xml = KtabSampleXml.Create("Follow", 1, adjustments: [("Bob", "Alice", "0.3"), ("Bob", "Bob", "0.6")]);

    private static string Temp(string extension, string content) => TempFiles.Write(extension, content);

    [Fact]
    public void Convert_writes_the_ktab_ideal_adjustment_and_the_smp_forecast_is_unchanged()
    {
        var xml = Temp(".xml", Xml);
        var yaml = Path.ChangeExtension(xml, ".yaml");
        try
        {
            var r = CliRunner.Run("convert", xml, "-o", yaml);
            Assert.True(r.ExitCode == 0, r.Err);
            Assert.DoesNotContain("not part of a Parley scenario", r.Err);
            var text = File.ReadAllText(yaml);
            Assert.Contains("\nideal_adjustment:\n  - {actor: Bob, follows: Alice, weight: 0.3}\n  - {actor: Bob, follows: Bob, weight: 0.6}\n", text);
            var back = ScenarioFiles.Load(yaml).ValueOrThrow();
            Assert.Equal([new IdealAdjustment(new ActorId("Bob"), new ActorId("Alice"), 0.3), new IdealAdjustment(new ActorId("Bob"), new ActorId("Bob"), 0.6)],
                back.IdealAdjustments);

            var fromXml = CliRunner.Run("run", xml, "--model", "smp", "--json");
            var fromYaml = CliRunner.Run("run", yaml, "--model", "smp", "--json");
            Assert.Equal(0, fromYaml.ExitCode);
            Assert.Equal(fromXml.Out, fromYaml.Out);
        }
        finally
        {
            File.Delete(xml);
            File.Delete(yaml);
        }
    }

    [Fact]
    public void Run_notes_it_only_when_a_model_other_than_smp_runs()
    {
        var xml = Temp(".xml", Xml);
        try
        {
            var smp = CliRunner.Run("run", xml, "--model", "smp");
            Assert.True(smp.ExitCode == 0, smp.Err);
            Assert.DoesNotContain("ideal_adjustment", smp.Err);

            var others = CliRunner.Run("run", xml, "--model", "compromise", "--model", "smp", "--model", "median");
            Assert.True(others.ExitCode == 0, others.Err);
            Assert.Contains("parley: note: the scenario's ideal_adjustment (2 entries) is used by the smp model only; compromise, median ignore it", others.Err);

            var analyze = CliRunner.Run("analyze", xml, "--model", "compromise", "--draws", "10");
            Assert.True(analyze.ExitCode == 0, analyze.Err);
            Assert.Contains("compromise ignores it", analyze.Err);

            var plain = CliRunner.Run("run", Fixtures.Path("toy.yaml"), "--model", "compromise");
            Assert.DoesNotContain("ideal_adjustment", plain.Err);
        }
        finally { File.Delete(xml); }
    }

    [Fact]
    public void Validate_counts_the_entries_and_locates_errors()
    {
        var xml = Temp(".xml", Xml);
        var bad = Temp(".yaml", File.ReadAllText(Fixtures.Path("toy.yaml")) + "ideal_adjustment:\n  - {actor: a, follows: b, weight: 0.5}\n");
        try
        {
            var ok = CliRunner.Run("validate", xml);
            Assert.Equal(0, ok.ExitCode);
            Assert.Contains("ok (3 actors, 2 issues, 6 positions, 2 ideal_adjustment entries (used by smp only)", ok.Out);

            var r = CliRunner.Run("validate", bad);
            Assert.Equal(2, r.ExitCode);
            var line = File.ReadAllLines(bad).Length;
            Assert.Contains($"{bad}:{line}:", r.Err);
            Assert.Contains("error: ideal_adjustment[0].weight: the ideal-adjustment weights of 'a' sum to 1.5 (its own weight counts 1 unless given)", r.Err);
        }
        finally
        {
            File.Delete(xml);
            File.Delete(bad);
        }
    }
}
