using System.Text.Json;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Cli.Tests;

/// <summary>The headline forecast on the command line: run's table and JSON, analyze's warning, --capability-basis, --fit-headline.</summary>
public class HeadlineCommandTests
{
    private static readonly string Toy = Fixtures.Path("toy.yaml");

    // Toy: four actors of equal capability and salience at 20, 40, 60, 100 under consensus: the headline (compromise,
    // mix capabilities) is their mean 55; the interval is 55 ± spread × the shipped consensus q90 (spread √875 ≈ 29.58).
    private static readonly double Half = Math.Sqrt(875) * Application.Headline.ShippedHeadline.Spec
        .For(Backtest.Headline.HeadlineRuleGroup.Consensus)!.Interval.Quantiles[Backtest.Headline.HeadlineInterval.P90];

    [Fact]
    public void Run_shows_the_headline_first_with_its_interval_and_the_models_below_as_evidence()
    {
        var r = CliRunner.Run("run", Toy, "--model", "compromise", "--model", "median");
        Assert.Equal(0, r.ExitCode);
        int headline = r.Out.IndexOf("Parley forecast", StringComparison.Ordinal);
        int evidence = r.Out.IndexOf("models (evidence)", StringComparison.Ordinal);
        int compromise = r.Out.IndexOf("compromise", evidence, StringComparison.Ordinal);
        Assert.True(headline >= 0 && headline < evidence && evidence < compromise, r.Out);
        Assert.Contains($"{55 - Half:F1}–{55 + Half:F1}", r.Out);
        Assert.Contains("consensus/unanimity rules", r.Out); // the method, once below the tables
    }

    [Fact]
    public void Run_json_carries_the_headline_beside_the_models()
    {
        var r = CliRunner.Run("run", Toy, "--model", "compromise", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var h = doc.RootElement.GetProperty("issues")[0].GetProperty("headline");
        Assert.Equal(55, h.GetProperty("forecast").GetDouble(), 9);
        Assert.Equal(55 - Half, h.GetProperty("p10").GetDouble(), 9);
        Assert.Equal(55 + Half, h.GetProperty("p90").GetDouble(), 9);
        Assert.Equal("half", h.GetProperty("nearest_anchor").GetString());
        Assert.Equal(0, h.GetProperty("draws").GetInt32());
        Assert.Contains("compromise model", h.GetProperty("method").GetString());
    }

    [Fact]
    public void Analyze_warns_when_no_input_has_a_range()
    {
        var r = CliRunner.Run("analyze", Toy, "--model", "compromise", "--draws", "20");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("warning inputs without ranges: the bands show only model error", r.Out);
        Assert.Contains("Parley forecast", r.Out);
    }

    [Fact]
    public void The_capability_basis_option_changes_the_models_and_a_wrong_one_is_a_usage_error()
    {
        var ec = Fixtures.Path("ec-emissions.yaml");
        var resources = CliRunner.Run("run", ec, "--model", "compromise", "--json");
        var power = CliRunner.Run("run", ec, "--model", "compromise", "--json", "--capability-basis", "voting-power");
        Assert.Equal(0, power.ExitCode);
        Assert.Contains("capabilities: voting-power (--capability-basis)", power.Err);
        double Forecast(string json) => JsonDocument.Parse(json).RootElement.GetProperty("issues")[0].GetProperty("models")
            .GetProperty("compromise").GetProperty("forecast").GetDouble();
        Assert.NotEqual(Forecast(resources.Out), Forecast(power.Out));
        var bad = CliRunner.Run("run", ec, "--capability-basis", "power");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--capability-basis: 'power' is not a capability basis (resources, voting-power, mix", bad.Err);
    }

    [Fact]
    public void Fit_headline_prints_the_held_out_table_and_the_constants_to_ship()
    {
        var dir = Path.Combine(Path.GetTempPath(), "parley-hf-" + Guid.NewGuid().ToString("N"));
        try
        {
            var r = CliRunner.Run("backtest", RepoPaths.Combine("data", "cases"), "--fit-headline", "--folds", "3", "--out", dir);
            Assert.Equal(0, r.ExitCode);
            foreach (var text in new[] { "Headline fit: cases", "80% coverage", "agenda-setter", "Choice per outer fold", "new HeadlineSpec(" })
                Assert.Contains(text, r.Out);
            var lines = File.ReadAllLines(Path.Combine(dir, "headline-cases.csv"));
            Assert.Equal("data_set,case,group,model,fold,forecast,p10,p90,outcome", lines[0]);
            Assert.Contains(lines, l => l.StartsWith("cases,cases:") && l.Contains(",headline,"));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("several data sets are pooled only with --fit-headline", "backtest", "A", "B")]
    [InlineData("--model, --capability and --json do not apply", "backtest", "A", "--fit-headline", "--json")]
    public void Backtest_usage_errors_about_the_fit_exit_2(string message, params string[] args)
    {
        var resolved = args.Select(a => a is "A" or "B" ? RepoPaths.Combine("data", "cases") : a).ToArray();
        var r = CliRunner.Run(resolved);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Err);
    }
}
