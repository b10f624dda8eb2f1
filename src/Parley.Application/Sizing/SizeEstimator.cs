using Parley.Analysis;
using Parley.Analysis.Batching;
using Parley.Analysis.WhatIf;
using Parley.Application.Models;
using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Application.Sizing;

/// <summary>Estimates what a planned `run` or analysis will cost (<see cref="SizeEstimate"/>) from the plan alone, before anything runs.</summary>
public static class SizeEstimator
{
    /// <summary>One run of each chosen model (the `run` use case).</summary>
    public static SizeEstimate ForForecast(Scenario scenario, ModelPlan plan, long? availableBytes = null)
    {
        var models = plan.Models.Select(chosen =>
        {
            var cost = CostModel.PerRun(chosen.Model, scenario.Actors.Count, IssuesRun(chosen.Model, scenario, chosen.Settings));
            return new ModelEstimate(chosen.Name, scenario.Actors.Count, IssuesRun(chosen.Model, scenario, chosen.Settings), 1, cost,
                cost?.WorkingBytes ?? 0, "model");
        }).ToArray();
        return new SizeEstimate(models, Environment.ProcessorCount, availableBytes ?? SizeEstimate.MachineBytes());
    }

    /// <summary>Every model run of an analysis (point forecast, draws, tornado, Sobol rows) and the outcomes it keeps.</summary>
    public static SizeEstimate ForAnalysis(Scenario scenario, ModelPlan plan, IReadOnlyList<Intervention> whatIfs, AnalysisOptions options,
        long? availableBytes = null)
    {
        int cores = options.MonteCarlo.Threads > 0 ? options.MonteCarlo.Threads : Environment.ProcessorCount;
        var models = new List<ModelEstimate>();
        foreach (var chosen in plan.Models)
        {
            PreparedRun run;
            try
            {
                run = ShockPlan.Prepare(scenario, chosen.Model, chosen.Settings, whatIfs);
            }
            catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
            {
                continue; // the model cannot run: its analysis will say why, and it costs nothing
            }
            int actors = run.Scenario.Actors.Count, issues = IssuesRun(chosen.Model, run.Scenario, run.Settings);
            var cost = CostModel.PerRun(chosen.Model, actors, issues);
            long runs = AnalysisWork.Runs(chosen.Model, run, options);
            // the largest block of outcomes held at once: a model's works run one after another, each summarised before the next
            var (block, option) = (Bytes(AnalysisWork.MonteCarlo(chosen.Model, run, options)), "draws");
            if (options.SobolSamples > 0 && Bytes(AnalysisWork.Sobol(chosen.Model, run, options)) is var sobol && sobol > block)
                (block, option) = (sobol, "sobol");
            long working = (cost?.WorkingBytes ?? 0) * Math.Min(cores, Math.Max(1, runs));
            if (working > block) option = "model";
            models.Add(new ModelEstimate(chosen.Name, actors, issues, runs, cost, Saturating(block, working), option));
        }
        return new SizeEstimate(models, cores, availableBytes ?? SizeEstimate.MachineBytes());
    }

    /// <summary>The issues a model's run covers: every issue for a model that bargains across issues, else those selected.</summary>
    private static int IssuesRun(IModel model, Scenario scenario, ModelSettings settings) =>
        model.Info.IsMultiIssue ? scenario.Issues.Count : IssueModel.SelectIssues(scenario, settings).Count();

    private static long Bytes(IIndexedWork work) => (long)work.Count * work.Columns * sizeof(double);

    private static long Saturating(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
