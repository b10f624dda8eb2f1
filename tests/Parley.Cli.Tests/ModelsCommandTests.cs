using System.Text.Json;
using Parley.Core.Models;
using Xunit;

namespace Parley.Cli.Tests;

public class ModelsCommandTests
{
    [Fact]
    public void Every_catalogued_model_is_listed_with_its_citation()
    {
        var r = CliRunner.Run("models");
        Assert.Equal(0, r.ExitCode);
        foreach (var m in ModelCatalog.All)
        {
            Assert.Contains(m.Info.Name, r.Out);
            Assert.False(string.IsNullOrWhiteSpace(m.Info.Citation));
        }
    }

    [Fact]
    public void Unknown_command_line_option_is_a_usage_error()
    {
        var r = CliRunner.Run("run", "--no-such-option");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--no-such-option", r.Err);
    }

    [Fact]
    public void Models_prints_one_line_per_model_and_details_on_request()
    {
        var r = CliRunner.Run("models");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Out.TrimEnd().Split('\n');
        Assert.Equal(ModelRegistry.BuiltIn.All.Count + 1, lines.Length); // one per model and the pointer to the details
        foreach (var m in ModelRegistry.BuiltIn.All) Assert.Single(lines, l => l.StartsWith(m.Info.Name + " "));

        var eum = CliRunner.Run("models", "eum");
        Assert.Equal(0, eum.ExitCode);
        Assert.Contains("Scholz", eum.Out);   // its citation
        Assert.Contains("variant", eum.Out);  // its settings
        Assert.DoesNotContain("Stokman", eum.Out);

        var all = CliRunner.Run("models", "--details");
        Assert.Contains("Stokman", all.Out);
        Assert.Contains("Scholz", all.Out);
    }

    [Fact]
    public void Models_with_an_unknown_name_is_a_usage_error() =>
        Assert.Equal(2, CliRunner.Run("models", "nosuch").ExitCode);

    [Fact]
    public void Explain_help_gives_its_one_model_as_the_default()
    {
        var r = CliRunner.Run("explain", "--help");
        Assert.Contains("Default: eum.", r.Out);
        Assert.DoesNotContain("Default: compromise", r.Out);
    }

    [Theory]
    [InlineData("exchange")]
    [InlineData("smp")]
    public void Issue_shows_one_issue_without_changing_a_multi_issue_models_result(string model)
    {
        double Forecast(params string[] extra)
        {
            var r = CliRunner.Run(["run", "-m", model, "--json", .. extra]);
            Assert.Equal(0, r.ExitCode);
            using var doc = JsonDocument.Parse(r.Out);
            var issue = doc.RootElement.GetProperty("issues").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "spending-target");
            if (extra.Length > 0) Assert.Single(doc.RootElement.GetProperty("issues").EnumerateArray());
            return issue.GetProperty("models").GetProperty(model).GetProperty("forecast").GetDouble();
        }
        Assert.Equal(Forecast(), Forecast("--issue", "spending-target"));
    }
}
