using Parley.Analysis.Batching;
using Parley.Analysis.MonteCarlo;
using Parley.Analysis.Sensitivity;
using Parley.Analysis.WhatIf;
using Parley.Core.Domain;
using Parley.Core.Modelling;

namespace Parley.Analysis;

/// <summary>What to compute for each model.</summary>
public sealed record AnalysisOptions
{
    public MonteCarloOptions MonteCarlo { get; init; } = new();
    public bool Tornado { get; init; } = true;

    /// <summary>Compare the forecast with and without each shock the scenario declares.</summary>
    public bool Shocks { get; init; } = true;

    /// <summary>Rows N of the Sobol sample matrices (N·(k + 2) model runs); 0 = no Sobol indices.</summary>
    public int SobolSamples { get; init; }

    /// <summary>Runs the batchable work (draws, Sobol rows, tornado inputs): here by default, or on a cluster. Results do not depend on it.</summary>
    public IWorkExecutor Executor { get; init; } = LocalExecutor.Instance;
}

/// <summary>Everything computed for one model. <see cref="Error"/> is set (and the rest empty) when the model cannot run.</summary>
public sealed record ModelAnalysis(
    IModel Model,
    ScenarioResult? Point,
    ModelDistributions? Distribution,
    IReadOnlyList<TornadoResult> Tornado,
    IReadOnlyList<ShockOutcome> Shocks,
    IReadOnlyList<string> Notes,
    string? Error = null)
{
    public string Name => Model.Info.Name;
    public TornadoResult? TornadoFor(IssueId issue) => Tornado.FirstOrDefault(t => t.Issue == issue);

    /// <summary>Sobol indices per issue, when asked for (<see cref="AnalysisOptions.SobolSamples"/>).</summary>
    public IReadOnlyList<SobolResult> Sobol { get; init; } = [];

    public SobolResult? SobolFor(IssueId issue) => Sobol.FirstOrDefault(t => t.Issue == issue);
}

/// <summary>
/// An analysed scenario: <see cref="Scenario"/> is what the models ran on (the what-ifs applied), <see cref="Original"/> the
/// scenario as read.
/// </summary>
public sealed record AnalysisResult(Scenario Original, Scenario Scenario, IReadOnlyList<Intervention> WhatIfs, AnalysisOptions Options,
    IReadOnlyList<ModelAnalysis> Models)
{
    /// <summary>The headline forecast of each issue with its interval over the input ranges (set by the application layer).</summary>
    public IReadOnlyList<HeadlineResult> Headlines { get; init; } = [];
}

/// <summary>Runs the point forecast, the Monte Carlo, the tornado and the shock comparison for each model.</summary>
public static class ScenarioAnalysis
{
    public static AnalysisResult Run(Scenario scenario, IReadOnlyList<IModel> models, AnalysisOptions options,
        IReadOnlyList<Intervention>? whatIfs = null, Func<IModel, ModelSettings>? settingsFor = null)
    {
        whatIfs ??= [];
        settingsFor ??= _ => ModelSettings.Default with { Seed = options.MonteCarlo.Seed };
        var results = new List<ModelAnalysis>();
        Scenario analysed = whatIfs.Count == 0 ? scenario : ShockPlan.ApplyFixed(scenario, whatIfs.Where(w => w.AtRound <= 0).ToArray());
        var whatIfShock = whatIfs.Count == 0 ? null
            : new Shock("what-if", string.Join("; ", whatIfs.Select(w => w.ToString())), whatIfs);
        foreach (var (model, index) in models.Select((m, i) => (m, i)))
        {
            var run = ShockPlan.Prepare(scenario, model, settingsFor(model), whatIfs);
            var analysis = Analyse(model, index, run, options);
            if (whatIfShock is not null && analysis.Error is null)
                analysis = analysis with
                {
                    // the command-line what-ifs themselves, against the scenario as read
                    Shocks = [.. ShockComparison.Compare(scenario, model, settingsFor(model), [whatIfShock]), .. analysis.Shocks],
                };
            results.Add(analysis);
        }
        return new AnalysisResult(scenario, analysed, whatIfs, options, results);
    }

    /// <summary>The number of progress steps <see cref="Run"/> reports for these models (draws × issues each).</summary>
    public static long ProgressSteps(Scenario scenario, IReadOnlyList<IModel> models, AnalysisOptions options,
        Func<IModel, ModelSettings>? settingsFor = null) =>
        models.Sum(m => (long)options.MonteCarlo.Draws *
                        IssueModel.SelectIssues(scenario, settingsFor?.Invoke(m) ?? ModelSettings.Default).Count());

    private static ModelAnalysis Analyse(IModel model, int index, PreparedRun run, AnalysisOptions options)
    {
        try
        {
            // the draws, tornado inputs, shocks and Sobol rows go through the executor (here, or batches on a cluster)
            var executor = options.Executor;
            var quiet = options.MonteCarlo with { Progress = null };
            var point = model.Run(run.Scenario, run.Settings, options.MonteCarlo.Cancellation);
            var distribution = executor.Summarise(new WorkId(index, WorkKind.MonteCarlo), AnalysisWork.MonteCarlo(model, run, options), options.MonteCarlo);
            var tornado = options.Tornado ? executor.Summarise(new WorkId(index, WorkKind.Tornado), AnalysisWork.Tornado(model, run, options), quiet) : [];
            var shocks = executor.Summarise(new WorkId(index, WorkKind.Shocks), AnalysisWork.Shocks(model, run, options), quiet);
            var sobol = options.SobolSamples > 0
                ? executor.Summarise(new WorkId(index, WorkKind.Sobol), AnalysisWork.Sobol(model, run, options), quiet)
                : [];
            return new ModelAnalysis(model, point, distribution, tornado, shocks, run.Notes) { Sobol = sobol };
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            // one model failing (bad settings, degenerate input, a bug) must not take the other models' analysis down:
            // the error is shown in that model's row of every output
            return new ModelAnalysis(model, null, null, [], [], run.Notes, e.Message);
        }
    }
}
