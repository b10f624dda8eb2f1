using System.CommandLine;
using Parley.Application.Analysing;
using Parley.Application.Backtesting;
using Parley.Cluster;
using Parley.Cluster.Hosting;
using Parley.Cluster.Scheduling;
using Parley.Core.Domain;

namespace Parley.Cli.Commands;

/// <summary>
/// `--cluster CONN` and `--batch-size N` of the analysing commands and `backtest`: the draws, tornado inputs, shocks and
/// Sobol rows (or the backtest's model forecasts) run in batches on the cluster's workers; the result is the same, bit for bit. Each batch is reported on stderr.
/// </summary>
public sealed class ClusterOptions
{
    public Option<string?> Cluster { get; }

    public ClusterOptions(string work = "the draws, tornado inputs, shocks and Sobol rows") =>
        Cluster = ClusterOption($"Run {work} on the workers of this cluster (localhost, localhost:SILO_PORT:GATEWAY_PORT, Host=... for PostgreSQL, redis://HOST:PORT). Results are identical to a local run.");

    public Option<int?> BatchSize { get; } = new("--batch-size")
    {
        Description = "With --cluster: indices (draws, rows, inputs, shocks, cases) per batch (default: sized so that a batch holds 1 to 10 s of work).",
    };

    public static Option<string?> ClusterOption(string description) => new("--cluster") { Description = description };

    public static ClusterConnection Connection(string text) => ClusterConnection.Parse(text);

    public void AddTo(Command command)
    {
        command.Options.Add(Cluster);
        command.Options.Add(BatchSize);
    }

    /// <summary>True when the command line asks for a cluster run (and --batch-size is only used with one).</summary>
    public bool Requested(ParseResult parse)
    {
        int? size = parse.GetValue(BatchSize);
        if (size is < 1) throw new UsageException($"--batch-size: {size} must be at least 1");
        bool cluster = parse.GetValue(Cluster) is not null;
        if (size is not null && !cluster) throw new UsageException("--batch-size: only with --cluster");
        return cluster;
    }

    /// <summary>Connects, runs the analysis on the cluster with each batch reported on stderr, and leaves the cluster.</summary>
    public AnalysisOutcome Run(ParseResult parse, Scenario scenario, AnalysisRequest request, CliConsole console) =>
        Run(parse, console, async (client, options, report) =>
        {
            var result = await new ClusterAnalysisRunner(client, options).RunAsync(scenario, request, null, report, console.Cancellation);
            return (result.Outcome, result.Stats);
        });

    /// <summary>Connects, runs the backtest's model forecasts on the cluster with each batch reported on stderr, and leaves the cluster.</summary>
    public BacktestOutcome Run(ParseResult parse, BacktestRequest request, CliConsole console) =>
        Run(parse, console, async (client, options, report) =>
        {
            var result = await new ClusterBacktestRunner(client, options).RunAsync(request, report, console.Cancellation);
            return (result.Outcome, result.Stats);
        });

    private T Run<T>(ParseResult parse, CliConsole console,
        Func<IClusterClient, ClusterRunOptions, Action<BatchEvent>, Task<(T Outcome, ClusterStats Stats)>> run)
    {
        var connection = Connection(parse.GetValue(Cluster)!);
        var options = new ClusterRunOptions { BatchSize = parse.GetValue(BatchSize) };
        return RunAsync().GetAwaiter().GetResult();

        async Task<T> RunAsync()
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await using var client = await ClusterClient.ConnectAsync(connection, TimeSpan.FromSeconds(30), console.Cancellation);
            console.Error.WriteLine($"parley: cluster: connected to {connection} in {clock.Elapsed.TotalSeconds:0.00} s");
            var (outcome, stats) = await run(client.Client, options, Report);
            console.Error.WriteLine($"parley: cluster: {stats}");
            return outcome;
        }

        void Report(BatchEvent e)
        {
            if (e.Outcome != BatchOutcome.Started) console.Error.WriteLine($"parley: cluster: {e}");
        }
    }
}
