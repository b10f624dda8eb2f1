using System.Text.Json;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Cli.Tests;

public class RunCommandTests
{
    private static readonly string Toy = Fixtures.Path("toy.yaml");

    [Fact]
    public void Run_prints_each_issue_with_each_model_and_the_nearest_anchor()
    {
        var r = CliRunner.Run("run", Toy, "--model", "compromise", "--model", "median");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Budget increase", r.Out);
        Assert.Contains("compromise", r.Out);
        Assert.Contains("55.0", r.Out);       // (20+40+60+100)/4
        Assert.Contains("≈ half", r.Out);
        Assert.Contains("median", r.Out);
        Assert.Contains("40.0", r.Out);       // lower weighted median
    }

    [Fact]
    public void Json_output_has_the_documented_shape()
    {
        var r = CliRunner.Run("run", Toy, "--model", "compromise", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal("toy", root.GetProperty("scenario").GetString());
        var issue = root.GetProperty("issues")[0];
        Assert.Equal("budget", issue.GetProperty("id").GetString());
        var scale = issue.GetProperty("scale");
        Assert.Equal(0, scale.GetProperty("min").GetDouble());
        Assert.Equal(100, scale.GetProperty("max").GetDouble());
        Assert.Equal("points", scale.GetProperty("unit").GetString());
        var entry = issue.GetProperty("models").GetProperty("compromise");
        Assert.Equal(55.0, entry.GetProperty("forecast").GetDouble(), 9);
        Assert.Equal("half", entry.GetProperty("nearest_anchor").GetString());
    }

    [Fact]
    public void Unknown_model_is_a_usage_error_naming_the_models()
    {
        var r = CliRunner.Run("run", Toy, "--model", "astrology");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown model 'astrology'", r.Err);
        Assert.Contains("compromise", r.Err);
    }

    [Fact]
    public void A_setting_no_chosen_model_takes_is_rejected()
    {
        var r = CliRunner.Run("run", Toy, "--model", "compromise", "--option", "warp=9");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("warp", r.Err);
    }

    [Fact]
    public void Missing_file_is_reported_with_exit_code_2_and_no_stack_trace()
    {
        var r = CliRunner.Run("run", "no-such-file.yaml");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no-such-file.yaml:0:0: error: file not found", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void Unknown_issue_selection_names_the_issues()
    {
        var r = CliRunner.Run("run", Toy, "--issue", "nope");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("budget", r.Err);
    }
}
