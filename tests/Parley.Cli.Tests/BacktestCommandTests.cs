using System.Text.Json;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Cli.Tests;

public class BacktestCommandTests
{
    private static readonly string Mini = Fixtures.Path("deu", "mini.tsv");

    [Fact]
    public void Json_has_the_documented_shape_and_values()
    {
        var r = CliRunner.Run("backtest", Mini, "--model", "compromise", "--model", "reference-point", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal("mini.tsv", root.GetProperty("dataset").GetString());
        Assert.Equal(4, root.GetProperty("cases").GetInt32());
        Assert.Equal(2, root.GetProperty("skipped").GetInt32());
        var models = root.GetProperty("models");
        Assert.Equal(["compromise", "reference-point"], models.EnumerateObject().Select(p => p.Name));
        var c = models.GetProperty("compromise");
        Assert.Equal((13.333333333 + 5 + 0 + 35) / 4, c.GetProperty("mae").GetDouble(), 5);
        foreach (var key in new[] { "rmse", "median_ae", "within10" }) Assert.Equal(JsonValueKind.Number, c.GetProperty(key).ValueKind);
        Assert.Equal(3, models.GetProperty("reference-point").GetProperty("n").GetInt32());
    }

    [Fact]
    public void Table_names_each_model_and_out_writes_the_per_case_errors()
    {
        var dir = Path.Combine(Path.GetTempPath(), "parley-bt-" + Guid.NewGuid().ToString("N"));
        try
        {
            var r = CliRunner.Run("backtest", Mini, "--capability", "council", "--folds", "2", "--out", dir);
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("compromise", r.Out);
            Assert.Contains("shrinkage", r.Out);
            Assert.Contains("held-out", r.Out);
            Assert.Contains("capability: council", r.Out);
            var lines = File.ReadAllLines(Path.Combine(dir, "case-errors.csv"));
            Assert.Equal("case,group,model,fold,forecast,outcome,abs_error", lines[0]);
            Assert.Contains(lines, l => l.StartsWith("d01001i1,d01001,compromise,-1,"));
            Assert.True(File.Exists(Path.Combine(dir, "summary.csv")));
            Assert.Contains("no outcome", File.ReadAllText(Path.Combine(dir, "skipped.csv")));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("--model", "nonsense", "unknown model 'nonsense'")]
    [InlineData("--folds", "1", "--folds: 1 must be at least 2")]
    [InlineData("--capability", "weights", "'weights' is neither a convention nor a file")]
    public void Usage_errors_exit_2_with_a_message(string option, string value, string message)
    {
        var r = CliRunner.Run("backtest", Mini, option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Err);
    }

    [Fact]
    public void A_missing_dataset_is_a_located_error()
    {
        var r = CliRunner.Run("backtest", "no/such/file.tsv");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no/such/file.tsv:0:0: error: DATASET: no such file or folder", r.Err);
    }

    [Fact]
    public void A_folder_of_scenarios_with_outcomes_is_a_data_set()
    {
        var r = CliRunner.Run("backtest", Fixtures.Path("backtest-folder"), "-m", "compromise", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal("backtest-folder", doc.RootElement.GetProperty("dataset").GetString());
        Assert.Equal(2, doc.RootElement.GetProperty("cases").GetInt32());
        Assert.Equal(1, doc.RootElement.GetProperty("skipped").GetInt32()); // alpha/scope: no outcome
        Assert.Equal("scenario", doc.RootElement.GetProperty("capability").GetString());
        // alpha/levy: (1·2 + 3·6 + 1·0.5·10)/4.5 = 5.556 of 0–10 → 55.56 %, outcome 50 % → 5.56
        // beta/date: (2·2026 + 2·2034 + 2035)/5 = 2031 → 60 %, outcome 50 % → 10
        Assert.Equal((5.5555556 + 10) / 2, doc.RootElement.GetProperty("models").GetProperty("compromise").GetProperty("mae").GetDouble(), 4);
    }

    [Fact]
    public void A_single_proposal_scores_the_models_and_says_the_tuned_ones_cannot_be_held_out()
    {
        var dir = Directory.CreateTempSubdirectory("parley-bt-one-").FullName;
        try
        {
            File.Copy(Fixtures.Path("backtest-folder", "alpha.yaml"), Path.Combine(dir, "alpha.yaml"));
            var r = CliRunner.Run("backtest", dir);
            Assert.Equal(0, r.ExitCode);
            Assert.All(r.Out.Split('\n').Where(l => l.Contains("│ tuned")), l => Assert.DoesNotContain("held-out", l));
            Assert.Contains("none can be held out", r.Err);
            using var doc = JsonDocument.Parse(CliRunner.Run("backtest", dir, "--json").Out);
            var models = doc.RootElement.GetProperty("models");
            Assert.True(models.GetProperty("compromise").GetProperty("n").GetInt32() > 0);
            foreach (var m in models.EnumerateObject().Where(m => m.Value.GetProperty("kind").GetString() == "tuned"))
            {
                Assert.False(m.Value.GetProperty("held_out").GetBoolean(), m.Name);
                Assert.Equal(0, m.Value.GetProperty("n").GetInt32());
            }
        }
        finally { Directory.Delete(dir, true); }
    }
}
