using System.Text.RegularExpressions;
using Parley.Cluster.Hosting;

namespace Parley.Cluster.Tests;

/// <summary>
/// Real processes: two `parley worker` processes and an `analyze --cluster` client; one worker is killed with SIGKILL
/// while it holds a batch, and the client's JSON must still equal the local run's, byte for byte.
/// </summary>
public sealed class WorkerProcessTests
{
    // bounds, not expectations: on a quiet 2-core machine a worker starts in ~2 s and the job takes ~15 s
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(90), Job = TimeSpan.FromSeconds(180);

    // eum is the slowest default model per draw: 20 batches of 3 draws give the kill time to land mid-job
    private static readonly string[] Analysis = ["analyze", "--seed", "7", "--json", "--model", "compromise,eum", "--draws", "60"];

    // every model, benchmark and tuned combination on the bundled cases: the models' forecasts of the cases go to the workers
    private static readonly string[] Backtest = ["backtest", Parley.Tests.Shared.RepoPaths.Combine("data", "cases"), "--seed", "7", "--json"];

    [Fact]
    public async Task A_worker_killed_with_sigkill_mid_job_leaves_the_json_byte_identical_to_the_local_run()
    {
        string cluster = $"localhost:{ClusterSetup.FreePort()}:{ClusterSetup.FreePort()}";
        using var local = ParleyProcess.Start(Analysis);
        using var primary = ParleyProcess.Start("worker", "--cluster", cluster);
        await primary.WaitFor((o, _) => o.Contains("ready"), Start, "first worker ready");
        Assert.Contains("primary", primary.Out);
        using var second = ParleyProcess.Start("worker", "--cluster", cluster);
        await second.WaitFor((o, _) => o.Contains("ready"), Start, "second worker ready");
        string victim = Regex.Match(second.Out, @"silo 127\.0\.0\.1:(\d+)").Groups[1].Value;

        using var client = ParleyProcess.Start([.. Analysis, "--cluster", cluster, "--batch-size", "3"]);
        // kill the second worker once it has finished an eum batch: it is then busy with (or about to get) the next one
        await client.WaitFor((_, e) => Regex.IsMatch(e, $@"MonteCarlo #1 batch \d+ \[\d+, \d+\) on S127\.0\.0\.1:{victim}:"), Job, "a batch done by the second worker");
        second.Kill();
        Assert.Equal(0, await client.Exit(Job));
        Assert.Equal(0, await local.Exit(Job));

        Assert.StartsWith("{", client.Out);
        Assert.Equal(local.Out, client.Out);
        Assert.Matches(@"parley: cluster: \d+ batches .* on up to 2 workers", client.Err);
        Assert.Matches(@"parley: analyze: 2 models, 60 draws, tornado: [\d,]+ model runs", client.Err); // said up front, as locally
        Assert.Matches(@"MonteCarlo #1 batch \d+ \[\d+, \d+\) on S127\.0\.0\.1:" + Regex.Match(primary.Out, @"silo 127\.0\.0\.1:(\d+)").Groups[1].Value, client.Err);
        Assert.Contains("Shocks #1 batch", client.Err); // the bundled scenario's shocks ran on the workers too

        // a backtest on the worker that is left: the same JSON as the local backtest
        using var localBacktest = ParleyProcess.Start(Backtest);
        using var clusterBacktest = ParleyProcess.Start([.. Backtest, "--cluster", cluster, "--batch-size", "40"]);
        Assert.Equal(0, await clusterBacktest.Exit(Job));
        Assert.Equal(0, await localBacktest.Exit(Job));
        Assert.StartsWith("{", clusterBacktest.Out);
        Assert.Equal(localBacktest.Out, clusterBacktest.Out);
        Assert.Contains("Backtest #0 batch", clusterBacktest.Err);

        // Ctrl-C (SIGINT) cancels a cluster run: exit code 130, nothing on stdout, and the worker keeps serving
        using var cancelled = ParleyProcess.Start([.. Analysis, "--cluster", cluster, "--batch-size", "3"]);
        await cancelled.WaitFor((_, e) => e.Contains(" done, "), Job, "a first batch of the run to cancel");
        cancelled.Interrupt();
        Assert.Equal(130, await cancelled.Exit(Job));
        Assert.Equal("", cancelled.Out);
        Assert.Contains("cancelled", cancelled.Err);
        Assert.False(primary.Exited);
    }

    [Theory]
    [InlineData("PARLEY_TEST_PG", "PostgreSQL (ADO.NET clustering): start one with .ci/pg-start.sh orleans and set PARLEY_TEST_PG=Host=127.0.0.1;Port=55432;Username=postgres;Database=orleans")]
    [InlineData("PARLEY_TEST_REDIS", "Redis: start redis-server --port 56379 --save '' and set PARLEY_TEST_REDIS=redis://127.0.0.1:56379")]
    public async Task Workers_cluster_through_a_membership_server_when_one_is_given(string variable, string how)
    {
        var connection = Environment.GetEnvironmentVariable(variable);
        Assert.SkipWhen(string.IsNullOrWhiteSpace(connection), $"{variable} is not set, so there is no server to cluster through: {how}");
        using var local = ParleyProcess.Start(Analysis);
        string[] Worker() => ["worker", "--cluster", connection!, "--address", "127.0.0.1",
            "--silo-port", ClusterSetup.FreePort().ToString(), "--gateway-port", ClusterSetup.FreePort().ToString()];
        using var first = ParleyProcess.Start(Worker());
        await first.WaitFor((o, _) => o.Contains("ready"), Start, "first worker ready");
        using var second = ParleyProcess.Start(Worker());
        await second.WaitFor((o, _) => o.Contains("ready"), Start, "second worker ready");
        using var client = ParleyProcess.Start([.. Analysis, "--cluster", connection!, "--batch-size", "3"]);
        Assert.Equal(0, await client.Exit(Job));
        Assert.Equal(0, await local.Exit(Job));
        Assert.Equal(local.Out, client.Out);
        foreach (var worker in new[] { first, second }) // both took part (a crashed earlier run's rows may linger in the membership)
            Assert.Matches(@"\) on S127\.0\.0\.1:" + Regex.Match(worker.Out, @"silo 127\.0\.0\.1:(\d+)").Groups[1].Value + ":", client.Err);
    }

    [Theory]
    [InlineData("analyze", "postgres://x", "is not localhost")]
    [InlineData("analyze", "localhost:1:1", "is not localhost")]
    [InlineData("backtest", "postgres://x", "is not localhost")]
    [InlineData("backtest", "", "is not localhost")]
    public async Task A_bad_cluster_value_is_a_usage_error(string command, string value, string message)
    {
        using var client = ParleyProcess.Start([.. command == "analyze" ? Analysis : Backtest, "--cluster", value]);
        Assert.Equal(2, await client.Exit(Job));
        Assert.Contains(message, client.Err);
        Assert.DoesNotContain("Exception", client.Err);
        Assert.Equal("", client.Out);
    }
}
