using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Parley.Cli.Rendering;
using Parley.Analysis;
using Parley.Analysis.MonteCarlo;
using Parley.Application.Analysing;
using Parley.Core.Domain;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary>
/// The options `analyze` and `report` share: --draws, --threads, --sobol, --no-tornado, --tornado-top, and the what-ifs --without, --set and
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
        CustomParser = WholeNumber("--draws"),
    };

    public Option<int> MaxDraws { get; } = new("--max-draws")
    {
        Description = $"Raise the limit on --draws and --sobol (default {AnalysisRequest.DefaultMaxDraws:N0} draws, {AnalysisRequest.DefaultMaxSobolRows:N0} Sobol rows; docs/cli.md, \"Limits\").",
        CustomParser = WholeNumber("--max-draws"),
    };

    public Option<int> Threads { get; } = new("--threads")
    {
        Description = "Worker threads for the draws (default: every core). Results do not depend on it.",
        CustomParser = WholeNumber("--threads"),
    };

    public Option<int> Sobol { get; } = new("--sobol")
    {
        Description = "Also compute Sobol first/total-order indices with N rows (N·(k+2) model runs for k uncertain inputs; default 0 = off).",
        CustomParser = WholeNumber("--sobol"),
    };

    public Option<bool> NoTornado { get; } = new("--no-tornado")
    {
        Description = "Leave out the tornado (one-at-a-time sensitivity: two model runs per uncertain input and model).",
    };

    public Option<int> TornadoTop { get; } = new("--tornado-top")
    {
        Description = "Keep only the K inputs of largest swing in each tornado (K at least 1; default: every input).",
        CustomParser = WholeNumber("--tornado-top"),
    };

    /// <summary>Parses a whole number, with an error that names the option and the value (not a .NET type).</summary>
    internal static Func<ArgumentResult, int> WholeNumber(string option) => result =>
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)) return value;
        result.AddError($"{option}: '{(text.Length > 40 ? text[..40] + "…" : text)}' is not a whole number");
        return 0;
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
        command.Options.Add(MaxDraws);
        command.Options.Add(Threads);
        command.Options.Add(Sobol);
        command.Options.Add(NoTornado);
        command.Options.Add(TornadoTop);
        command.Options.Add(Without);
        command.Options.Add(Set);
        command.Options.Add(Shock);
        Cluster.AddTo(command);
    }

    /// <summary>The command line's analysis as a request; --max-draws raises the limit on draws and Sobol rows alike.</summary>
    public AnalysisRequest Request(ParseResult parse, ModelSelection selection)
    {
        var request = new AnalysisRequest
        {
            Models = selection.Request(parse),
            Draws = parse.GetValue(Draws),
            Threads = parse.GetValue(Threads),
            SobolSamples = parse.GetValue(Sobol),
            Tornado = !parse.GetValue(NoTornado),
            TornadoTop = parse.GetResult(TornadoTop) is null ? null : parse.GetValue(TornadoTop),
            Without = parse.GetValue(Without) ?? [],
            Set = parse.GetValue(Set) ?? [],
            Shocks = parse.GetValue(Shock) ?? [],
        };
        if (parse.GetResult(MaxDraws) is null) return request;
        int max = parse.GetValue(MaxDraws);
        if (max < 1) throw new UsageException($"--max-draws: {max} must be at least 1");
        return request with { MaxDraws = max, MaxSobolRows = max };
    }

    /// <summary>
    /// Runs the analysis of every chosen model. It first says on stderr how many model runs it will take; then a progress
    /// bar with ETA on an interactive terminal, or progress lines on stderr every <see cref="CliConsole.ProgressInterval"/>
    /// when output is piped or redirected (or is JSON), so that long runs in scripts and CI are not silent; on a cluster,
    /// a line per merged batch.
    /// </summary>
    public AnalysisResult Run(ParseResult parse, Scenario scenario, ModelSelection selection, CliConsole console, bool quiet)
    {
        var request = Request(parse, selection);
        bool clustered = Cluster.Requested(parse);
        string command = parse.CommandResult.Command.Name;
        var (models, runs) = Service.Planned(scenario, request);
        console.Warnings(Service.Estimate(scenario, request).Warnings());
        console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"parley: {command}: {models} model{(models == 1 ? "" : "s")}, {request.Draws:N0} draws{(request.Tornado ? ", tornado" : ", no tornado")}" +
            $"{(request.SobolSamples > 0 ? $", Sobol {request.SobolSamples:N0} rows" : "")}: {runs:N0} model runs"));
        if (clustered)
        {
            // on a cluster each merged batch is reported on stderr instead of the progress lines
            var outcome = Cluster.Run(parse, scenario, request, console);
            console.Notes(outcome.Notes);
            return outcome.Result;
        }
        if (quiet || !console.Interactive)
        {
            var lines = new ProgressLines(console.Error, command, console.ProgressInterval);
            var outcome = Service.Run(scenario, request, lines, console.Cancellation);
            lines.Done();
            console.Notes(outcome.Notes);
            return outcome.Result;
        }
        AnalysisOutcome? result = null;
        console.Out.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"{runs:N0} model runs", maxValue: 1);
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
