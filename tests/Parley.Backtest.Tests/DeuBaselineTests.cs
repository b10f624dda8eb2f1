using Parley.Backtest;
using Parley.Formats.Deu;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Backtest.Tests;

/// <summary>
/// Reproduces /shared/anchors/deu3/BASELINES.md on the full DEU III file (skipped when it is absent):
/// 351 scoreable issues, equal capability, missing salience → weight 0.
/// </summary>
public sealed class DeuBaselineTests
{
    private static BacktestDataset LoadDeu()
    {
        var path = SharedAnchors.RequireFile("deu3/deu3.csv");
        var loaded = BacktestDataset.Load(path);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        return loaded.Value!;
    }

    [Fact]
    public void Dataset_has_351_scoreable_issues_and_skips_13()
    {
        var d = LoadDeu();
        Assert.Equal(351, d.Cases.Count);
        Assert.Equal(13, d.Skipped.Count);
        Assert.Equal(11, d.Skipped.Count(s => s.Reason == "no outcome"));
        Assert.Equal(205, d.Cases.Count(c => c.Scenario.Actors.Any(a => a.Veto == true)
            || (c.Scenario.Metadata.Description ?? "").Contains("(COD")));
    }

    [Theory]
    [InlineData("compromise", 351, 23.64, 30.31, 18.46, 0.311)]
    [InlineData("median", 351, 28.31, 40.35, 20.00, 0.413)]
    [InlineData("agenda-setter", 346, 37.55, 50.58, 30.00, 0.309)]
    [InlineData("reference-point", 252, 51.31, 61.95, 50.00, 0.214)]
    public void Equal_capability_reproduces_BASELINES(string model, int n, double mae, double rmse, double medAe, double within10)
    {
        var report = Backtester.Run(LoadDeu(), [Backtester.Find(model)!], CapabilityConvention.Equal);
        var e = report.Models.Single().Errors;
        Assert.Equal(n, e.N);
        Assert.Equal(mae, e.Mae, 0.005);
        Assert.Equal(rmse, e.Rmse, 0.005);
        Assert.Equal(medAe, e.MedianAe, 0.005);
        Assert.Equal(within10, e.Within10, 0.0005);
    }

    [Fact]
    public void Every_case_has_a_council_regime_and_every_positioned_state_is_a_member()
    {
        var d = LoadDeu();
        var report = Backtester.Run(d, [Backtester.Find("compromise")!], CapabilityConvention.Council());
        Assert.Equal(351, report.Cases);
        Assert.Equal(13, report.Skipped);
    }

    [Fact]
    public void Every_parsed_final_act_falls_on_or_after_its_introduction()
    {
        var deu = DeuReader.Load(SharedAnchors.RequireFile("deu3/deu3.csv")).ValueOrThrow();
        Assert.Equal(364, deu.Issues.Count);
        Assert.NotNull(deu.GdpRow);
        var both = deu.Issues.Where(i => i.Introduced is not null && i.FinalAct is not null).ToArray();
        Assert.Equal(335, both.Length);
        Assert.All(both, i => Assert.True(i.FinalAct >= i.Introduced, $"{i.IssueId}: {i.FinalAct} < {i.Introduced}"));
        Assert.All(deu.Issues, i => Assert.InRange(i.Introduced!.Value.Year, 1996, 2018));
    }
}

public sealed class DeuGdpBaselineTests
{
    [Theory]
    [InlineData("compromise", 23.21, 30.23, 18.80, 0.333)]
    [InlineData("median", 27.66, 40.73, 20.00, 0.436)]
    public void GDP_row_capability_reproduces_BASELINES(string model, double mae, double rmse, double medAe, double within10)
    {
        var data = BacktestDataset.Load(SharedAnchors.RequireFile("deu3/deu3.csv")).ValueOrThrow();
        var gdp = CapabilityConvention.Parse("gdp", data).ValueOrThrow().Convention;
        var e = Backtester.Run(data, [Backtester.Find(model)!], gdp).Models.Single().Errors;
        Assert.Equal(351, e.N);
        Assert.Equal(mae, e.Mae, 0.005);
        Assert.Equal(rmse, e.Rmse, 0.005);
        Assert.Equal(medAe, e.MedianAe, 0.005);
        Assert.Equal(within10, e.Within10, 0.0005);
    }
}

/// <summary>Regression figures of docs/accuracy.md (Parley's own measurements, not published values).</summary>
public sealed class DeuCouncilConventionTests
{
    [Theory]
    [InlineData("council", 22.97)]
    [InlineData("council-mean", 23.37)]
    public void Compromise_under_the_council_conventions_scores_the_documented_MAE(string convention, double mae)
    {
        var data = BacktestDataset.Load(SharedAnchors.RequireFile("deu3/deu3.csv")).ValueOrThrow();
        var e = Backtester.Run(data, [Backtester.Find("compromise")!], CapabilityConvention.Parse(convention, data).ValueOrThrow().Convention)
            .Models.Single().Errors;
        Assert.Equal(mae, e.Mae, 0.005);
    }

    [Fact]
    public void Held_out_errors_of_the_tuned_predictors_are_reproducible_from_the_seed()
    {
        var data = BacktestDataset.Load(SharedAnchors.RequireFile("deu3/deu3.csv")).ValueOrThrow();
        var predictors = TunedPredictors.All();
        var a = Backtester.Run(data, predictors, CapabilityConvention.Council());
        var b = Backtester.Run(data, TunedPredictors.All(), CapabilityConvention.Council());
        Assert.Equal(a.Models.Select(m => m.Errors.Mae), b.Models.Select(m => m.Errors.Mae));
        Assert.Equal(22.90, a.Models.Single(m => m.Name == "stacked").Errors.Mae, 0.005);
        Assert.All(a.Models, m => Assert.True(m.HeldOut));
    }
}
