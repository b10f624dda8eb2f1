using Parley.Analysis.Batching;
using Parley.Analysis.MonteCarlo;
using Parley.Analysis.Sensitivity;
using Parley.Analysis.WhatIf;
using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Analysis;

/// <summary>What to compute for each model.</summary>
public sealed record AnalysisOptions
{
    public MonteCarloOptions MonteCarlo { get; init; } = new();
    public bool Tornado { get; init; } = true;

    /// <summary>Keep only the K bars of largest swing per issue in each tornado; 0 = every bar.</summary>
    public int TornadoTop { get; init; }

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

    /// <summary>
    /// The model runs <see cref="Run"/> takes for these models, the unit its progress counts in: one forecast of the scenario
    /// (a one-dimensional model's forecasts of each of its issues count as one run). The shock comparisons' few runs are not
    /// counted.
    /// </summary>
    public static long PlannedRuns(Scenario scenario, IReadOnlyList<IModel> models, AnalysisOptions options,
        IReadOnlyList<Intervention>? whatIfs = null, Func<IModel, ModelSettings>? settingsFor = null)
    {
        settingsFor ??= _ => ModelSettings.Default with { Seed = options.MonteCarlo.Seed };
        long runs = 0;
        foreach (var model in models)
        {
            try
            {
                runs += AnalysisWork.Runs(model, ShockPlan.Prepare(scenario, model, settingsFor(model), whatIfs ?? []), options);
            }
            catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
            {
                // the model cannot run (its analysis will say why): it takes no runs
            }
        }
        return runs;
    }

    private static ModelAnalysis Analyse(IModel model, int index, PreparedRun run, AnalysisOptions options)
    {
        try
        {
            // the draws, tornado inputs, shocks and Sobol rows go through the executor (here, or batches on a cluster)
            var executor = options.Executor;
            if (options.MonteCarlo.Progress is { } sink)
            {
                // the works count forecasts; progress is shown in runs of the scenario
                var counter = new RunCounter(sink, AnalysisWork.ForecastsPerRun(model, run));
                options = options with { MonteCarlo = options.MonteCarlo with { Progress = counter.Add } };
            }
            var point = model.Run(run.Scenario, run.Settings, options.MonteCarlo.Cancellation);
            options.MonteCarlo.Progress?.Invoke(AnalysisWork.ForecastsPerRun(model, run));
            var distribution = Summarise(executor, new WorkId(index, WorkKind.MonteCarlo), AnalysisWork.MonteCarlo(model, run, options), options);
            var tornado = options.Tornado
                ? Top(Summarise(executor, new WorkId(index, WorkKind.Tornado), AnalysisWork.Tornado(model, run, options), options), options.TornadoTop)
                : [];
            // the shocks' few runs are not in the planned runs, so they report no progress
            var shocks = executor.Summarise(new WorkId(index, WorkKind.Shocks), AnalysisWork.Shocks(model, run, options),
                options.MonteCarlo with { Progress = null });
            var sobol = options.SobolSamples > 0
                ? Summarise(executor, new WorkId(index, WorkKind.Sobol), AnalysisWork.Sobol(model, run, options), options)
                : [];
            return new ModelAnalysis(model, point, distribution, tornado, shocks, run.Notes) { Sobol = sobol };
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            // one model failing (bad settings, degenerate input, a bug) must not take the other models' analysis down:
            // the error is shown in that model's row of every output, worded once (no raw .NET message)
            return new ModelAnalysis(model, null, null, [], [], run.Notes, ModelFailure.Describe(e));
        }
    }

    /// <summary>Runs the work with progress counted in model runs (those its summary makes reported when it is done).</summary>
    private static TResult Summarise<TResult>(IWorkExecutor executor, WorkId id, IIndexedWork<TResult> work, AnalysisOptions options)
    {
        var result = executor.Summarise(id, work, options.MonteCarlo);
        if (work.SummaryRuns > 0) options.MonteCarlo.Progress?.Invoke(work.SummaryRuns);
        return result;
    }

    /// <summary>The tornados with only their <paramref name="top"/> bars of largest swing (bars are ranked by swing); 0 = all.</summary>
    private static IReadOnlyList<TornadoResult> Top(IReadOnlyList<TornadoResult> tornados, int top) =>
        top <= 0 ? tornados : tornados.Select(t => t.Bars.Count <= top ? t : t with { Bars = t.Bars.Take(top).ToArray() }).ToArray();
}
