using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;
using Parley.Analysis.Benchmarking;
using Parley.Application.Analysing;
using Parley.Application.Documents;
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

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, 2)]
    public async Task Tornado_options_give_the_single_process_document_and_progress_reaches_the_planned_runs(bool tornado, int? top)
    {
        var request = Request(draws: 20) with { Tornado = tornado, TornadoTop = top, SobolSamples = 0 };
        var local = new AnalysisService().Run(Scenario, request).Result;
        var reports = new List<AnalysisProgress>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var clustered = await new ClusterAnalysisRunner(silos.Cluster.Client, new ClusterRunOptions { BatchSize = 4 })
            .RunAsync(Scenario, request, new Recorder(reports), cancellation: timeout.Token);

        Assert.Equal(RunDocuments.Analysis(local), RunDocuments.Analysis(clustered.Outcome.Result));
        var smp = clustered.Outcome.Result.Models.Single(m => m.Name == "smp");
        if (tornado) Assert.All(smp.Tornado, t => Assert.Equal(top, t.Bars.Count));
        else Assert.Empty(smp.Tornado);
        long total = new AnalysisService().Planned(Scenario, request).Runs;
        Assert.All(reports, r => Assert.Equal(total, r.Total));
        Assert.Equal(total, reports.Max(r => r.Done));
    }

    private sealed class Recorder(List<AnalysisProgress> into) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value)
        {
            lock (into) into.Add(value);
        }
    }

    [Fact]
    public async Task A_worker_of_another_build_refuses_the_job()
    {
        var spec = Jobs.ClusterJob.Create(Scenario, Request(draws: 10)).Spec with { Build = "0123456789abcdef" };
        var grain = silos.Cluster.Client.GetGrain<Grains.IBatchGrain>($"{silos.Cluster.Primary!.SiloAddress.ToParsableString()}|0");
        var result = await grain.Run(new Grains.BatchRequest(spec, 0, 0, 0, 5), CancellationToken.None);
        Assert.True(result.Fatal);
        Assert.Null(result.Columns);
        Assert.Contains("differs from the client's build 0123456789abcdef", result.Error);
    }

    [Fact]
    public async Task A_silo_killed_mid_job_loses_no_result()
    {
        var request = Request(draws: 120);
        var local = AnalysisFingerprint.Of(new AnalysisService().Run(Scenario, request).Result);
        await using var own = new TestClusterBuilder(2).AddSiloBuilderConfigurator<StallingWorkerSilo>().Build();
        await own.DeployAsync();
        var victim = own.SecondarySilos[0];
        // the victim never answers a batch: whatever the machine's speed, its batches can only land if run elsewhere
        StallingWorkerSilo.Victim = victim.SiloAddress;
        Task? kill = null;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var clustered = await new ClusterAnalysisRunner(own.Client, new ClusterRunOptions { BatchSize = 5 })
                .RunAsync(Scenario, request, batches: e =>
                {
                    if (kill is null && e.Outcome == BatchOutcome.Started && e.Worker == victim.SiloAddress.ToString() && e.Work.Model == 2)
                        kill = Task.Run(() => own.KillSiloAsync(victim));
                }, cancellation: timeout.Token);

            Assert.NotNull(kill);
            await kill;
            Assert.Equal(local, AnalysisFingerprint.Of(clustered.Outcome.Result));
            Assert.True(clustered.Stats.Requeued + clustered.Stats.Duplicates > 0, "the killed silo's batches were run again elsewhere");
        }
        finally
        {
            StallingWorkerSilo.Release.Cancel();
        }
    }
}

/// <summary>A worker silo whose batch calls hang on the silo named <see cref="Victim"/> (a worker that dies holding them).</summary>
public sealed class StallingWorkerSilo : ISiloConfigurator
{
    public static volatile SiloAddress? Victim;
    public static readonly CancellationTokenSource Release = new();

    public void Configure(ISiloBuilder silo) =>
        silo.AddParleyWorker().AddIncomingGrainCallFilter(async context =>
        {
            var here = context.TargetContext.ActivationServices.GetRequiredService<ILocalSiloDetails>().SiloAddress;
            if (context.Grain is Grains.IBatchGrain && here.Equals(Victim))
                await Task.Delay(Timeout.Infinite, Release.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            await context.Invoke();
        });
}
