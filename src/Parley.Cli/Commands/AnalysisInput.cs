using System.CommandLine;
using Parley.Analysis;
using Parley.Analysis.MonteCarlo;
using Parley.Analysis.WhatIf;
using Parley.Core.Domain;
using Parley.Core.Modelling;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary>
/// The options `analyze` and `report` share: --draws, --threads, and the what-ifs --without, --set and --shock;
/// and the run itself, with a progress bar on an interactive terminal.
/// </summary>
public sealed class AnalysisInput
{
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
    }

    /// <summary>The what-ifs given on the command line, checked against the scenario.</summary>
    public IReadOnlyList<Intervention> WhatIfs(ParseResult parse, Scenario scenario)
    {
        try
        {
            var list = new List<Intervention>();
            foreach (var a in parse.GetValue(Without) ?? []) list.Add(Analysis.WhatIf.WhatIfs.Without(scenario, a));
            foreach (var s in parse.GetValue(Set) ?? []) list.Add(Analysis.WhatIf.WhatIfs.ParseSet(scenario, s));
            foreach (var id in parse.GetValue(Shock) ?? []) list.AddRange(Analysis.WhatIf.WhatIfs.FindShock(scenario, id).Interventions);
            return list;
        }
        catch (WhatIfException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>Runs the analysis of every chosen model; a progress bar with ETA only on an interactive terminal.</summary>
    public AnalysisResult Run(ParseResult parse, Scenario scenario, ModelSelection selection, CliConsole console, bool quiet)
    {
        try
        {
            return RunChecked(parse, scenario, selection, console, quiet);
        }
        catch (WhatIfException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private AnalysisResult RunChecked(ParseResult parse, Scenario scenario, ModelSelection selection, CliConsole console, bool quiet)
    {
        var models = selection.ChosenModels(parse);
        if (models.Count == 0) throw new UsageException("no model to run (see 'parley models')");
        var (requested, seedGiven) = selection.Settle(parse, scenario, models, console);
        int draws = parse.GetValue(Draws);
        if (draws < 1) throw new UsageException($"--draws: {draws} must be at least 1");
        int threads = parse.GetValue(Threads);
        if (threads < 0) throw new UsageException($"--threads: {threads} must be at least 1 (or 0 for every core)");
        var whatIfs = WhatIfs(parse, scenario);
        int sobol = parse.GetValue(Sobol);
        if (sobol is < 0 or 1) throw new UsageException($"--sobol: {sobol} must be 0 (off) or at least 2");
        var options = new AnalysisOptions
        {
            MonteCarlo = new MonteCarloOptions { Draws = draws, Threads = threads, Seed = requested.Seed },
            SobolSamples = sobol,
        };
        // the command line's settings over the scenario's model_settings; the Monte Carlo draws use the run's seed
        ModelSettings SettingsFor(IModel m) => ModelSelection.For(m, requested, scenario, seedGiven);

        if (quiet || !console.Interactive)
            return ScenarioAnalysis.Run(scenario, models, options, whatIfs, SettingsFor);

        AnalysisResult? result = null;
        long total = ScenarioAnalysis.ProgressSteps(scenario, models, options, SettingsFor);
        console.Out.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"{draws:N0} draws × {models.Count} model(s)", maxValue: Math.Max(1, total));
                var withProgress = options with { MonteCarlo = options.MonteCarlo with { Progress = n => task.Increment(n) } };
                result = ScenarioAnalysis.Run(scenario, models, withProgress, whatIfs, SettingsFor);
                task.Value = task.MaxValue;
            });
        return result!;
    }
}
