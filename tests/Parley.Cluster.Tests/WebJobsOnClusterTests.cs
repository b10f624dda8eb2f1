using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Parley.Application.Analysing;
using Parley.Application.Documents;
using Parley.Cli.Commands;
using Parley.Cluster.Scheduling;
using Parley.Storage;
using Parley.Web.Hosting;
using Parley.Web.Jobs;
using Parley.Web.Runs;
using Parley.Web.Scenarios;

namespace Parley.Cluster.Tests;

/// <summary>
/// `parley serve --cluster`: the web app, started in process as `parley serve` composes it with the cluster backend on
/// three TestingHost silos, runs an analysis job on the workers; the stored document is the single-process one, the
/// progress reaches its total, and a cancelled job stops.
/// </summary>
public sealed class WebJobsOnClusterTests(ThreeSilos silos) : IClassFixture<ThreeSilos>, IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("parley-web-cluster-").FullName;
    private WebApplication _app = null!;

    public async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?> { ["Parley:Data"] = _data, ["Parley:Port"] = "0", ["Parley:Host"] = "127.0.0.1" };
        _app = ParleyServer.Build([], settings, services =>
            services.AddSingleton<IAnalysisBackend>(new ClusterAnalysisBackend(silos.Cluster.Client, new ClusterRunOptions { BatchSize = 10 })));
        await _app.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    private T Service<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    [Fact]
    public async Task An_analysis_job_on_the_cluster_stores_the_single_process_document()
    {
        Assert.Contains("Analyses run in: a cluster", ParleyServer.Banner(_app));
        var hague = (await Service<ParleyStore>().ListScenarios(CancellationToken.None)).Single(s => s.Title.Contains("Hague", StringComparison.Ordinal));
        var request = new RunRequest { Models = ["compromise", "eum"], Draws = 60, Seed = 7 };
        var run = await Service<RunService>().StartAnalysis(hague.Id, request, "test");

        var done = await Finished(run.Id, TimeSpan.FromMinutes(3));
        Assert.Equal(RunStatuses.Succeeded, done.Status);
        var options = Service<ServerOptions>();
        var scenario = Service<ScenarioService>().ScenarioOf(done.Version!);
        var local = new AnalysisService().Run(scenario, request.AnalysisRequest(options.MaxDrawsPerJob, options.EffectiveThreads));
        Assert.Equal(RunDocuments.Analysis(local.Result), done.ResultJson);
        Assert.Contains("\"shocks\"", done.ResultJson); // the Hague scenario's shocks ran on the workers too
        Assert.True(done.ProgressTotal > 0 && done.ProgressDone == done.ProgressTotal, $"progress {done.ProgressDone}/{done.ProgressTotal}");
    }

    [Fact]
    public async Task A_cancelled_job_on_the_cluster_stops()
    {
        var hague = (await Service<ParleyStore>().ListScenarios(CancellationToken.None)).Single(s => s.Title.Contains("Hague", StringComparison.Ordinal));
        var run = await Service<RunService>().StartAnalysis(hague.Id, new RunRequest { Models = ["eum"], Draws = 100_000, Seed = 7 }, "test");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((await Service<ParleyStore>().GetRun(run.Id, CancellationToken.None)).Status != RunStatuses.Running && clock.Elapsed < TimeSpan.FromMinutes(1))
            await Task.Delay(100);
        Assert.True(await Service<RunService>().Cancel(run.Id));
        var done = await Finished(run.Id, TimeSpan.FromMinutes(1));
        Assert.Equal(RunStatuses.Cancelled, done.Status);
        Assert.Null(done.ResultJson);
    }

    private async Task<RunRecord> Finished(long id, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var run = await Service<ParleyStore>().GetRun(id, CancellationToken.None);
            if (run.Status is not (RunStatuses.Queued or RunStatuses.Running)) return run;
            if (clock.Elapsed > timeout) throw new TimeoutException($"run {id} still {run.Status} after {timeout.TotalSeconds:0} s");
            await Task.Delay(100);
        }
    }
}
