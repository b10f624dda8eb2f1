using Orleans.Hosting;
using Orleans.TestingHost;
using Parley.Analysis.Benchmarking;
using Parley.Application.Analysing;
using Parley.Application.Models;
using Parley.Cluster.Hosting;
using Parley.Cluster.Scheduling;
using Parley.Core.Domain;

namespace Parley.Cluster.Tests;

/// <summary>Three in-process worker silos (Orleans TestingHost) and the test's client.</summary>
public sealed class ThreeSilos : IAsyncLifetime
{
    public TestCluster Cluster { get; } = new TestClusterBuilder(3).AddSiloBuilderConfigurator<WorkerSilo>().Build();

    public async ValueTask InitializeAsync() => await Cluster.DeployAsync();

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>A TestingHost silo set up as `parley worker` sets up its silo.</summary>
public sealed class WorkerSilo : ISiloConfigurator
{
    public void Configure(ISiloBuilder silo) => silo.AddParleyWorker();
}

public sealed class InProcessClusterTests(ThreeSilos silos) : IClassFixture<ThreeSilos>
{
    /// <summary>Two issues, five actors with ranges on every input; a one-dimensional, a stochastic and a multi-issue model.</summary>
    private static readonly Scenario Scenario = SyntheticScenario.Create(5, seed: 3, issues: 2);

    private static AnalysisRequest Request(int draws) => new()
    {
        Models = new ModelRequest { Models = ["compromise", "eum", "smp"], Seed = 7 },
        Draws = draws,
        SobolSamples = 6,
    };

    [Fact]
    public async Task Batches_on_three_silos_merge_to_the_single_process_result_bit_for_bit()
    {
        var request = Request(draws: 90);
        var local = AnalysisFingerprint.Of(new AnalysisService().Run(Scenario, request).Result);
        var events = new List<BatchEvent>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var clustered = await new ClusterAnalysisRunner(silos.Cluster.Client, new ClusterRunOptions { BatchSize = 7 })
            .RunAsync(Scenario, request, batches: e => { lock (events) events.Add(e); }, cancellation: timeout.Token);

        Assert.Equal(local, AnalysisFingerprint.Of(clustered.Outcome.Result));
        Assert.True(AnalysisFingerprint.Numbers(local) > 500, "the comparison covers every distribution, tornado bar and Sobol index");
        Assert.DoesNotContain(clustered.Outcome.Result.Models, m => m.Error is not null);
        var done = events.Where(e => e.Outcome == BatchOutcome.Done).ToArray();
        // 3 models × ⌈90 / 7⌉ draw batches, the smp tornado's 25 inputs and every model's 6 Sobol rows in batches of 7
        Assert.Equal(3 * 13 + 4 + 3, done.Length);
        Assert.Equal(3, done.Select(e => e.Worker).Distinct().Count());
        Assert.All(done, e => Assert.Equal(3, e.Workers));
    }

    [Fact]
    public async Task A_silo_killed_mid_job_loses_no_result()
    {
        var request = Request(draws: 240);
        var local = AnalysisFingerprint.Of(new AnalysisService().Run(Scenario, request).Result);
        await using var own = new TestClusterBuilder(2).AddSiloBuilderConfigurator<WorkerSilo>().Build();
        await own.DeployAsync();
        var victim = own.SecondarySilos[0];
        string victimName = victim.SiloAddress.ToString();
        Task? kill = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var clustered = await new ClusterAnalysisRunner(own.Client, new ClusterRunOptions { BatchSize = 5 })
            .RunAsync(Scenario, request, batches: e =>
            {
                // the first batch handed to the victim is lost with it
                if (kill is null && e.Outcome == BatchOutcome.Started && e.Worker == victimName && e.Work.Model == 2)
                    kill = Task.Run(() => own.KillSiloAsync(victim));
            }, cancellation: timeout.Token);

        Assert.NotNull(kill);
        await kill;
        Assert.Equal(local, AnalysisFingerprint.Of(clustered.Outcome.Result));
        Assert.True(clustered.Stats.Requeued + clustered.Stats.Duplicates > 0, "the killed silo's batch was run again elsewhere");
    }
}
