using Parley.Analysis.Batching;
using Parley.Analysis.Benchmarking;
using Parley.Application.Analysing;
using Parley.Application.Backtesting;
using Parley.Application.Documents;
using Parley.Application.Models;
using Parley.Cluster.Scheduling;
using Parley.Contracts.V1;
using Parley.Core.Domain;
using Parley.Tests.Shared;

namespace Parley.Cluster.Tests;

/// <summary>The work whose indices carry a status (shock comparisons, backtest cases) on three in-process silos.</summary>
public sealed class ShocksAndBacktestsOnClusterTests(ThreeSilos silos) : IClassFixture<ThreeSilos>
{
    /// <summary>The synthetic two-issue scenario with shocks: one at round 0, one later (a note for static models), one that fails (no actor left).</summary>
    private static readonly Scenario Shocked = WithShocks(SyntheticScenario.Create(5, seed: 3, issues: 2));

    private static Scenario WithShocks(Scenario s)
    {
        var (a, b) = (s.Actors[0].Id, s.Actors[1].Id);
        var issue = s.Issues[0].Id;
        Shock[] shocks =
        [
            new("exit", "a1 leaves", [new Intervention(0, a, InterventionKind.Remove)]),
            new("late", "a2 cares less at round 2", [new Intervention(2, b, InterventionKind.SetSalience, issue, 0.1)]),
            new("bad", "everyone leaves", s.Actors.Select(x => new Intervention(0, x.Id, InterventionKind.Remove)).ToArray()),
            new("pull", "a2 moves", [new Intervention(0, b, InterventionKind.SetPosition, issue, 90)]),
        ];
        return new Scenario(s.Metadata, s.Actors, s.Issues, s.Stances, s.DecisionRule, s.AgendaSetter, shocks, s.IdealAdjustments, s.ModelDefaults);
    }

    [Fact]
    public async Task Shocks_run_on_the_workers_and_the_analysis_document_is_byte_identical()
    {
        var request = new AnalysisRequest { Models = new ModelRequest { Models = ["compromise", "eum", "smp"], Seed = 7 }, Draws = 12 };
        var local = new AnalysisService().Run(Shocked, request).Result;
        var events = new List<BatchEvent>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var clustered = await new ClusterAnalysisRunner(silos.Cluster.Client, new ClusterRunOptions { BatchSize = 1 })
            .RunAsync(Shocked, request, batches: e => { lock (events) events.Add(e); }, cancellation: timeout.Token);

        Assert.Equal(RunDocuments.Analysis(local), RunDocuments.Analysis(clustered.Outcome.Result));
        Assert.Equal(AnalysisFingerprint.Of(local), AnalysisFingerprint.Of(clustered.Outcome.Result));
        var shocks = clustered.Outcome.Result.Models.SelectMany(m => m.Shocks).ToArray();
        Assert.Equal(3 * 4, shocks.Length);
        Assert.Equal(3, shocks.Count(s => s.Shock.Id == "bad" && s.Error is not null && s.Effects.Count == 0));
        Assert.Contains(shocks, s => s.Shock.Id == "late" && s.Model == "compromise" && s.Notes.Count == 1);
        Assert.Contains(shocks, s => s.Shock.Id == "pull" && s.Effects.Any(e => e.Change != 0));
        var done = events.Where(e => e.Outcome == BatchOutcome.Done && e.Work.Kind == WorkKind.Shocks).ToArray();
        Assert.Equal(3 * 4, done.Length); // one batch per shock and model
        Assert.True(done.Select(e => e.Worker).Distinct().Count() > 1, "the shocks ran on several workers");
    }

    public static TheoryData<string, string?> Datasets => new()
    {
        { "data/cases", null },
        { "tests/Parley.Backtest.Tests/Fixtures/deu/mini.tsv", "council" },
    };

    [Theory]
    [MemberData(nameof(Datasets))]
    public async Task A_backtest_split_over_workers_gives_the_single_process_document(string dataset, string? capability)
    {
        var request = new BacktestRequest(RepoPaths.Combine(dataset.Split('/'))) { Capability = capability, Seed = 11 };
        var local = new BacktestService().Run(request);
        var events = new List<BatchEvent>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var clustered = await new ClusterBacktestRunner(silos.Cluster.Client, new ClusterRunOptions { BatchSize = 5 })
            .RunAsync(request, e => { lock (events) events.Add(e); }, timeout.Token);

        Assert.Equal(Json(local), Json(clustered.Outcome));
        Assert.Equal(local.Notes, clustered.Outcome.Notes);
        var done = events.Where(e => e.Outcome == BatchOutcome.Done).ToArray();
        Assert.All(done, e => Assert.Equal(BacktestWork.Id, e.Work));
        Assert.Equal(done.Sum(e => e.End - e.First), done[0].Count);
        Assert.True(done.Select(e => e.Worker).Distinct().Count() > 1, "the cases ran on several workers");
    }

    private static string Json(BacktestOutcome outcome) => ContractJson.Write(BacktestMapper.Map(outcome.Report));
}
