using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Core.Models;
using Xunit;

namespace Parley.Cli.Tests;

/// <summary>`analyze`/`report`: --no-tornado, --tornado-top, the runs announced up front and progress lines when piped, every model by default.</summary>
public partial class AnalysisCostCommandTests
{
    private static string ScenarioFile() => AnalyzeCommandTests.ScenarioFile(); // registers the test reader

    [Theory]
    [InlineData("0", "--tornado-top: 0 must be at least 1")]
    [InlineData("-3", "--tornado-top: -3 must be at least 1")]
    [InlineData("many", "--tornado-top: 'many' is not a whole number")]
    public void Bad_tornado_top_is_a_located_usage_error(string value, string message)
    {
        foreach (var command in new[] { "analyze", "report" })
        {
            var r = CliRunner.Run(command, ScenarioFile(), "--model", "compromise", "--draws", "10", "--tornado-top", value);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains(message, r.Err);
            Assert.DoesNotContain("System.", r.Err);
        }
    }

    [Fact]
    public void Tornado_top_with_no_tornado_is_a_usage_error()
    {
        var r = CliRunner.Run("analyze", ScenarioFile(), "-m", "compromise", "--draws", "10", "--no-tornado", "--tornado-top", "2");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--tornado-top: cannot be combined with --no-tornado", r.Err);
    }

    [Fact]
    public void Tornado_top_limits_the_bars_and_no_tornado_leaves_the_tornado_out_of_the_json()
    {
        JsonElement Entry(params string[] extra)
        {
            var r = CliRunner.Run(["analyze", ScenarioFile(), "-m", "compromise", "--draws", "50", "--json", .. extra]);
            Assert.True(r.ExitCode == 0, r.Err);
            return JsonDocument.Parse(r.Out).RootElement.GetProperty("issues")[0].GetProperty("models").GetProperty("compromise").Clone();
        }
        var full = Entry().GetProperty("tornado");
        Assert.True(full.GetArrayLength() > 1);
        var top = Entry("--tornado-top", "1").GetProperty("tornado");
        Assert.Equal(1, top.GetArrayLength());
        Assert.Equal(full[0].GetRawText(), top[0].GetRawText());
        var none = Entry("--no-tornado");
        Assert.False(none.TryGetProperty("tornado", out _));
        Assert.True(none.TryGetProperty("distribution", out _));
    }

    [Fact]
    public void Piped_run_says_its_runs_up_front_and_prints_progress_lines_on_stderr()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = CliConsole.ForWriters(output, error) with { ProgressInterval = TimeSpan.Zero };
        int code = ParleyCli.Run(["analyze", ScenarioFile(), "-m", "compromise", "-m", "smp", "--draws", "40"], console);
        Assert.True(code == 0, error.ToString());
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var first = UpFront().Match(lines[0]);
        Assert.True(first.Success, lines[0]);
        long total = long.Parse(first.Groups[1].Value.Replace(",", ""));
        var progress = lines.Select(l => ProgressLine().Match(l)).Where(m => m.Success).ToArray();
        Assert.True(progress.Length >= 2, error.ToString());
        Assert.All(progress, m => Assert.Equal(total, long.Parse(m.Groups[2].Value.Replace(",", ""))));
        var done = progress.Select(m => long.Parse(m.Groups[1].Value.Replace(",", ""))).ToArray();
        Assert.Equal(done.Order(), done); // never goes back
        Assert.Equal(total, done[^1]);
        Assert.Contains(lines, l => l.StartsWith($"parley: analyze: {total:N0} of {total:N0} model runs (100%), done in ", StringComparison.Ordinal));
        Assert.DoesNotContain("model runs", output.ToString()); // stdout keeps only the tables
    }

    [Fact]
    public void Analyze_and_report_run_every_model_by_default()
    {
        var r = CliRunner.Run("analyze", ScenarioFile(), "--draws", "8", "--no-tornado", "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        var models = JsonDocument.Parse(r.Out).RootElement.GetProperty("issues")[0].GetProperty("models").EnumerateObject()
            .Select(p => p.Name).ToArray();
        Assert.Equal(ModelCatalog.DefaultNames.Order(), models.Order());
        Assert.Equal(ModelCatalog.DefaultNames, ModelCatalog.AnalysisDefaultNames);
        Assert.Contains($"parley: analyze: {ModelCatalog.DefaultNames.Count} models, 8 draws, no tornado: ", r.Err);
    }

    [GeneratedRegex(@"^parley: analyze: 2 models, 40 draws, tornado: ([\d,]+) model runs$")]
    private static partial Regex UpFront();

    [GeneratedRegex(@"^parley: analyze: ([\d,]+) of ([\d,]+) model runs \(\d+%\)")]
    private static partial Regex ProgressLine();
}
