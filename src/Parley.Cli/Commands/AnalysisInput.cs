using System.CommandLine;
using Parley.Analysis;
using Parley.Analysis.MonteCarlo;
using Parley.Application.Analysing;
using Parley.Core.Domain;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary>
/// The options `analyze` and `report` share: --draws, --threads, --sobol, and the what-ifs --without, --set and
/// --shock, read into an <see cref="AnalysisRequest"/>; and the run itself, with a progress bar on an interactive terminal.
/// </summary>
public sealed class AnalysisInput
{
    public AnalysisService Service { get; } = new();

    /// <summary>--cluster and --batch-size: the same analysis on a cluster's workers.</summary>
    public ClusterOptions Cluster { get; } = new();

    public Option<int> Draws { get; } = new("--draws")
    {
        Description = $"Monte Carlo draws per model (default {MonteCarloOptions.DefaultDraws}).",
        DefaultValueFactory = _ => MonteCarloOptions.DefaultDraws,
    };

    public Option<int> Threads { get; } = new("--threads")
    {
        Description = "Worker threads for the draws (default: every core). Results do not depend on it.",
    };

    public Option<int> Sobol { get; } = new("--sobol")
    {
        Description = "Also compute Sobol first/total-order indices with N rows (N·(k+2) model runs for k uncertain inputs; default 0 = off).",
    };

    public Option<string[]> Without { get; } = new("--without")
    {
        Description = "What-if: leave this actor out (repeatable).",
    };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "What-if: ACTOR.ISSUE.position=V, ACTOR.ISSUE.salience=V or ACTOR.capability=V; add @K after the field for round K (repeatable).",
    };

    public Option<string[]> Shock { get; } = new("--shock")
    {
        Description = "What-if: apply a shock the scenario declares, by id (repeatable).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Draws);
        command.Options.Add(Threads);
        command.Options.Add(Sobol);
        command.Options.Add(Without);
        command.Options.Add(Set);
        command.Options.Add(Shock);
        Cluster.AddTo(command);
    }

    /// <summary>The command line's analysis as a request.</summary>
    public AnalysisRequest Request(ParseResult parse, ModelSelection selection) => new()
    {
        Models = selection.Request(parse),
        Draws = parse.GetValue(Draws),
        Threads = parse.GetValue(Threads),
        SobolSamples = parse.GetValue(Sobol),
        Without = parse.GetValue(Without) ?? [],
        Set = parse.GetValue(Set) ?? [],
        Shocks = parse.GetValue(Shock) ?? [],
    };

    /// <summary>Runs the analysis of every chosen model; a progress bar with ETA only on an interactive terminal.</summary>
    public AnalysisResult Run(ParseResult parse, Scenario scenario, ModelSelection selection, CliConsole console, bool quiet)
    {
        var request = Request(parse, selection);
        if (Cluster.Requested(parse))
        {
            var clustered = Cluster.Run(parse, scenario, request, console);
            console.Notes(clustered.Notes);
            return clustered.Result;
        }
        if (quiet || !console.Interactive)
        {
            var outcome = Service.Run(scenario, request, null, console.Cancellation);
            console.Notes(outcome.Notes);
            return outcome.Result;
        }
        AnalysisOutcome? result = null;
        console.Out.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"{request.Draws:N0} draws", maxValue: 1);
                result = Service.Run(scenario, request, new SynchronousProgress<AnalysisProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                }), console.Cancellation);
                task.Value = task.MaxValue;
            });
        console.Notes(result!.Notes);
        return result.Result;
    }
}

/// <summary>Reports on the reporting thread (Spectre's progress task is thread-safe), unlike <see cref="Progress{T}"/>.</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
