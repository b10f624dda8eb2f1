using Parley.Analysis.Batching;
using Parley.Analysis.MonteCarlo;
using Parley.Application.Backtesting;
using Parley.Backtest;
using Parley.Contracts.V1;
using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Tests.Shared;

namespace Parley.Cluster.Tests;

/// <summary>
/// The backtest's indexed work without Orleans: its forecasts, computed in ranges and replayed, score exactly as the
/// predictors do when the scoring calls them itself, failures included.
/// </summary>
public sealed class BacktestWorkTests
{
    /// <summary>The compromise model, failing (as the scoring records it) on every scenario with an odd number of actors.</summary>
    private sealed class FlakyModel : IModel
    {
        private readonly IModel _inner = ModelCatalog.Find("compromise")!;
        public ModelInfo Info { get; } = new("flaky", "fails on odd actor counts", "test", IsMultiIssue: true);

        public ScenarioResult Run(Scenario scenario, ModelSettings settings) => scenario.Actors.Count % 2 == 1
            ? throw new InvalidOperationException($"{scenario.Actors.Count} actors is odd")
            : _inner.Run(scenario, settings);
    }

    [Fact]
    public void Replayed_forecasts_in_ranges_score_as_the_predictors_themselves_failures_included()
    {
        var plan = new BacktestService().Plan(new BacktestRequest(RepoPaths.Combine("data", "cases")) { Predictors = ["compromise", "smp", "shrinkage"] });
        var flaky = new ModelPredictor(new FlakyModel());
        var ensemble = new EnsemblePredictor([flaky, new ModelPredictor(ModelCatalog.Find("median")!), new ModelPredictor(ModelCatalog.Find("compromise")!)]);
        IReadOnlyList<IPredictor> predictors = [.. plan.Predictors, flaky, ensemble];
        var cases = Backtester.Prepare(plan.Data, plan.Convention);
        var direct = Json(Backtester.Run(plan.Data, cases, predictors, plan.Options));

        var work = new BacktestWork(cases.Cases, predictors);
        Assert.Equal(4 * cases.Cases.Count, work.Count); // compromise, smp, flaky and median: the ensemble's compromise is the same predictor
        var merged = IndexedColumns.Allocate(work);
        for (int first = 0; first < work.Count; first += 7)
        {
            int end = Math.Min(work.Count, first + 7);
            merged.Merge(work.Compute(first, end, new MonteCarloOptions { Threads = 2 }), first, end - first);
        }
        Assert.Contains(merged.Outcomes!, o => o.Status == IndexStatus.Failed && o.Error!.EndsWith("actors is odd", StringComparison.Ordinal));
        var replayed = Backtester.Run(plan.Data, cases, work.Summarise(merged), plan.Options);

        Assert.Equal(direct, Json(replayed));
        var score = replayed.Models.Single(m => m.Name == "flaky");
        Assert.True(score.Failed > 0 && score.Errors.N > 0, "some cases fail and some are scored");
        Assert.EndsWith("actors is odd", score.FirstFailure);
    }

    private static string Json(BacktestReport report) => ContractJson.Write(BacktestMapper.Map(report));
}
