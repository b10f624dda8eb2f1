using System.Text.Json;
using Parley.Core.Domain;
using Parley.Formats;
using Xunit;

namespace Parley.Cli.Tests;

/// <summary>
/// `analyze`, `report` and `bench`. The scenario comes from a test reader registered for ".analysistest" files, so these
/// tests do not depend on any real input format.
/// </summary>
public class AnalyzeCommandTests
{
    static AnalyzeCommandTests() => ScenarioFiles.Register(new TestReader());

    internal static string ScenarioFile()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "small.analysistest");
        if (!File.Exists(path)) File.WriteAllText(path, "small");
        return path;
    }

    [Fact]
    public void Same_seed_gives_identical_output_with_one_and_two_threads()
    {
        string Run(string threads) => CliRunner.Run("analyze", ScenarioFile(), "-m", "compromise", "-m", "median", "--draws", "3000",
            "--seed", "42", "--threads", threads, "--json").Out;
        var one = Run("1");
        Assert.Equal(one, Run("2"));
        Assert.Equal(one, Run("2"));
        Assert.NotEqual(one, CliRunner.Run("analyze", ScenarioFile(), "-m", "compromise", "-m", "median", "--draws", "3000",
            "--seed", "43", "--threads", "1", "--json").Out);
    }

    [Fact]
    public void Json_extends_the_run_shape_with_distribution_and_tornado()
    {
        var r = CliRunner.Run("analyze", ScenarioFile(), "-m", "compromise", "--draws", "500", "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal("small", root.GetProperty("scenario").GetString());
        var issue = root.GetProperty("issues")[0];
        Assert.Equal("spend", issue.GetProperty("id").GetString());
        var entry = issue.GetProperty("models").GetProperty("compromise");
        Assert.True(entry.GetProperty("forecast").GetDouble() > 0);
        var d = entry.GetProperty("distribution");
        Assert.Equal(500, d.GetProperty("draws").GetInt32());
        double p10 = d.GetProperty("p10").GetDouble(), median = d.GetProperty("median").GetDouble(), p90 = d.GetProperty("p90").GetDouble();
        Assert.True(p10 <= median && median <= p90);
        var anchors = d.GetProperty("anchors");
        Assert.Equal(1.0, anchors.EnumerateObject().Sum(a => a.Value.GetDouble()), 9);
        Assert.True(anchors.TryGetProperty("all", out _));
        var tornado = entry.GetProperty("tornado");
        Assert.Equal("usa.spend.position", tornado[0].GetProperty("input").GetString());
        Assert.Equal(500, root.GetProperty("analysis").GetProperty("draws").GetInt32());
    }

    [Fact]
    public void Tables_show_distribution_and_anchor_probabilities()
    {
        var r = CliRunner.Run("analyze", ScenarioFile(), "-m", "compromise", "--draws", "400");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("Spending target", r.Out);
        Assert.Contains("10%–90%", r.Out);
        Assert.Contains("≈ all", r.Out);
        Assert.Contains("moves most with", r.Out);
        Assert.Contains("us-walks-out", r.Out); // the declared shock's table
        Assert.DoesNotContain("━", r.Err);     // no progress bar when not interactive
    }

    [Fact]
    public void What_ifs_change_the_forecast_and_bad_ones_are_usage_errors()
    {
        double Forecast(params string[] extra)
        {
            var r = CliRunner.Run(["analyze", ScenarioFile(), "-m", "compromise", "--draws", "10", "--json", .. extra]);
            Assert.True(r.ExitCode == 0, r.Err);
            using var doc = JsonDocument.Parse(r.Out);
            return doc.RootElement.GetProperty("issues")[0].GetProperty("models").GetProperty("compromise").GetProperty("forecast").GetDouble();
        }
        Assert.Equal(44, Forecast("--without", "usa"), 9);           // (2.4·60 + 1.6·20)/4
        Assert.Equal(44, Forecast("--shock", "us-walks-out"), 9);    // a static model gets the round-3 removal before the run
        Assert.NotEqual(Forecast(), Forecast("--set", "deu.spend.salience=0.1"));

        var bad = CliRunner.Run("analyze", ScenarioFile(), "-m", "compromise", "--set", "fra.spend.salience=0.3");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("unknown actor 'fra'", bad.Err);
        var badField = CliRunner.Run("analyze", ScenarioFile(), "-m", "compromise", "--set", "usa.spend.weight=0.3");
        Assert.Equal(2, badField.ExitCode);
        Assert.Contains("unknown field 'weight'", badField.Err);
        var badShock = CliRunner.Run("analyze", ScenarioFile(), "-m", "compromise", "--shock", "nope");
        Assert.Equal(2, badShock.ExitCode);
        Assert.Contains("declares: us-walks-out", badShock.Err);
        Assert.Equal(2, CliRunner.Run("analyze", ScenarioFile(), "--draws", "0").ExitCode);
    }

    [Fact]
    public void Sobol_indices_are_added_on_request()
    {
        var r = CliRunner.Run("analyze", ScenarioFile(), "-m", "compromise", "--draws", "50", "--sobol", "400", "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var sobol = doc.RootElement.GetProperty("issues")[0].GetProperty("models").GetProperty("compromise").GetProperty("sobol");
        Assert.Equal(400, sobol.GetProperty("samples").GetInt32());
        var first = sobol.GetProperty("indices")[0];
        Assert.Equal("usa.spend.position", first.GetProperty("input").GetString());
        Assert.InRange(first.GetProperty("total").GetDouble(), 0.3, 1.2);
        Assert.Equal(2, CliRunner.Run("analyze", ScenarioFile(), "--sobol", "1").ExitCode);
    }

    [Fact]
    public void Report_writes_one_self_contained_html_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"parley-report-{Guid.NewGuid():N}.html");
        try
        {
            var r = CliRunner.Run("report", ScenarioFile(), "-m", "compromise", "-m", "median", "--draws", "200", "-o", path);
            Assert.True(r.ExitCode == 0, r.Err);
            var html = File.ReadAllText(path);
            Assert.Contains("data-chart=\"scale\"", html);
            Assert.Contains("data-chart=\"histogram\"", html);
            Assert.DoesNotContain("<script", html);
            Assert.Contains("wrote", r.Err);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Bench_prints_throughput_per_model_and_actor_count()
    {
        var r = CliRunner.Run("bench", "-m", "compromise", "--actors", "10", "--budget-ms", "20");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("runs/s", r.Out);
        Assert.Contains("compromise", r.Out);
        Assert.Equal(2, CliRunner.Run("bench", "-m", "nosuchmodel").ExitCode);
    }

    private sealed class TestReader : IScenarioReader
    {
        public string Format => "analysistest";
        public IReadOnlyList<string> Extensions => [".analysistest"];
        public LoadResult<Scenario> Read(string displayPath, string content, ReadOptions options) => LoadResult<Scenario>.Success(Small());
    }

    internal static Scenario Small()
    {
        var spend = new IssueId("spend");
        var anchors = new[] { new Anchor(0, "none"), new Anchor(50, "half"), new Anchor(100, "all") };
        var issue = new Issue(spend, "Spending target", new Scale(0, 100, "%"), anchors, statusQuo: 20);
        var actors = new[]
        {
            new Actor(new ActorId("usa"), "United States", 10, "north-america", capabilityRange: new InputRange(8, 12)),
            new Actor(new ActorId("deu"), "Germany", 4, "europe"),
            new Actor(new ActorId("esp"), "Spain", 2, "europe"),
        };
        var stances = new[]
        {
            new Stance(actors[0].Id, spend, 90, 0.9, new InputRange(80, 100)),
            new Stance(actors[1].Id, spend, 60, 0.6, null, new InputRange(0.4, 0.8, 0.6)),
            new Stance(actors[2].Id, spend, 20, 0.8, new InputRange(10, 40, 20)),
        };
        var shocks = new[] { new Shock("us-walks-out", "US leaves at round 3", [new Intervention(3, actors[0].Id, InterventionKind.Remove)]) };
        return new Scenario(new ScenarioMetadata("small", "A small test scenario"), actors, [issue], stances, shocks: shocks);
    }
}
