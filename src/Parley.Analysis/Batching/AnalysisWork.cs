using Parley.Analysis.Inputs;
using Parley.Analysis.MonteCarlo;
using Parley.Analysis.Sensitivity;
using Parley.Analysis.WhatIf;
using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Analysis.Batching;

/// <summary>
/// The batchable work of one model's analysis, built the same way where the analysis runs (<see cref="ScenarioAnalysis"/>)
/// and on a worker that rebuilds it from the same request: same prepared run, same options, hence the same values.
/// </summary>
public static class AnalysisWork
{
    /// <summary>The work of kind <paramref name="kind"/> for a model's prepared run.</summary>
    public static IIndexedWork For(WorkKind kind, IModel model, PreparedRun run, AnalysisOptions options) => kind switch
    {
        WorkKind.MonteCarlo => MonteCarlo(model, run, options),
        WorkKind.Sobol => Sobol(model, run, options),
        WorkKind.Tornado => Tornado(model, run, options),
        WorkKind.Shocks => Shocks(model, run, options),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a model's analysis work"),
    };

    public static IIndexedWork<ModelDistributions> MonteCarlo(IModel model, PreparedRun run, AnalysisOptions options) =>
        new MonteCarloWork(run.Scenario, model, run.Settings, options.MonteCarlo);

    public static IIndexedWork<IReadOnlyList<SobolResult>> Sobol(IModel model, PreparedRun run, AnalysisOptions options) =>
        new SobolWork(new SobolDesign(run.Scenario, model, run.Settings, options.SobolSamples, options.MonteCarlo.Seed));

    public static IIndexedWork<IReadOnlyList<TornadoResult>> Tornado(IModel model, PreparedRun run, AnalysisOptions options) =>
        new TornadoWork(run.Scenario, model, run.Settings, options.MonteCarlo.Cancellation);

    /// <summary>The comparison with and without each shock the scenario declares (none when <see cref="AnalysisOptions.Shocks"/> is off).</summary>
    public static IIndexedWork<IReadOnlyList<ShockOutcome>> Shocks(IModel model, PreparedRun run, AnalysisOptions options) =>
        new ShockWork(run, model, options.Shocks ? run.Scenario.Shocks : []);

    /// <summary>
    /// Every model run a model's analysis takes: the point forecast, the draws, the tornado and the Sobol rows as asked. A
    /// run is one forecast of the scenario: a one-dimensional model's forecasts of each of its issues count as one.
    /// </summary>
    public static long Runs(IModel model, PreparedRun run, AnalysisOptions options)
    {
        long forecasts = ForecastsPerRun(model, run) + MonteCarlo(model, run, options).Runs;
        if (options.Tornado) forecasts += Tornado(model, run, options).Runs;
        if (options.SobolSamples > 0) forecasts += Sobol(model, run, options).Runs;
        return forecasts / ForecastsPerRun(model, run);
    }

    /// <summary>What the works count per run of the scenario: one forecast per issue for a one-dimensional model, else one run.</summary>
    public static int ForecastsPerRun(IModel model, PreparedRun run) =>
        model is IIssueModel && !model.Info.IsMultiIssue ? Math.Max(1, IssueModel.SelectIssues(run.Scenario, run.Settings).Count()) : 1;

    private sealed class MonteCarloWork : IIndexedWork<ModelDistributions>
    {
        private readonly InputSpace _space;
        private readonly Issue[] _issues;
        private readonly IModel _model;
        private readonly ModelSettings _settings;
        private readonly MonteCarloOptions _options;

        public MonteCarloWork(Scenario scenario, IModel model, ModelSettings settings, MonteCarloOptions options)
        {
            if (options.Draws < 1) throw new AnalysisException($"--draws must be at least 1 (got {options.Draws})");
            settings.RejectUnknown(model.Info);
            _space = new InputSpace(scenario);
            _issues = IssueModel.SelectIssues(scenario, settings).ToArray();
            _model = model;
            _settings = settings;
            _options = options;
        }

        public int Count => _options.Draws;
        public int Columns => _issues.Length;

        // a one-dimensional model forecasts each issue on its own; a multi-issue model runs the scenario once per draw
        public int RunsPerIndex => _model is IIssueModel && !_model.Info.IsMultiIssue ? _issues.Length : 1;

        public IndexedColumns Compute(int first, int end, MonteCarloOptions options) =>
            new(MonteCarloRunner.Outcomes(_space, _issues, _model, _settings, options with { Seed = _options.Seed }, first, end));

        public ModelDistributions Summarise(IndexedColumns columns) => MonteCarloRunner.Summarise(_model.Info.Name, _issues, columns.Columns, _options);
    }

    private sealed class SobolWork(SobolDesign design) : IIndexedWork<IReadOnlyList<SobolResult>>
    {
        public int Count => design.Samples;
        public int Columns => design.Columns;
        public int RunsPerIndex => design.RunsPerRow;
        public IndexedColumns Compute(int first, int end, MonteCarloOptions options) => new(design.Rows(first, end, options));
        public IReadOnlyList<SobolResult> Summarise(IndexedColumns columns) => design.Summarise(columns.Columns);
    }

    /// <summary>
    /// A multi-issue model's tornado: index = input, two full runs each. A one-dimensional model's tornado takes
    /// microseconds, so it has no indices and is computed where it is summarised.
    /// </summary>
    private sealed class TornadoWork : IIndexedWork<IReadOnlyList<TornadoResult>>
    {
        private readonly Scenario _scenario;
        private readonly IModel _model;
        private readonly ModelSettings _settings;
        private readonly CancellationToken _cancellation;
        private readonly InputSpace _space;
        private readonly Issue[] _issues;
        private readonly bool _batched;

        public TornadoWork(Scenario scenario, IModel model, ModelSettings settings, CancellationToken cancellation)
        {
            settings.RejectUnknown(model.Info);
            _scenario = scenario;
            _model = model;
            _settings = settings;
            _cancellation = cancellation;
            _space = new InputSpace(scenario);
            _issues = IssueModel.SelectIssues(scenario, settings).ToArray();
            _batched = model is not IIssueModel || model.Info.IsMultiIssue;
        }

        public int Count => _batched ? _space.Inputs.Count : 0;
        public int Columns => _batched ? 2 * _issues.Length : 0;
        public int RunsPerIndex => 2;

        /// <summary>Low and high per input, and the point and centre runs of the summary (per issue for a one-dimensional model).</summary>
        public long Runs => _batched
            ? 2L * Count + 2
            : _issues.Sum(i => 2L * _space.InputsOn(i.Id).Count + 2);

        public IndexedColumns Compute(int first, int end, MonteCarloOptions options) =>
            new(Sensitivity.Tornado.ScenarioRuns(_model, _space, _issues, _settings, first, end, options));

        public IReadOnlyList<TornadoResult> Summarise(IndexedColumns columns) => _batched
            ? Sensitivity.Tornado.Assemble(_model, _space, _issues, _settings, columns.Columns)
            : Sensitivity.Tornado.Run(_scenario, _model, _settings, _cancellation);
    }

    /// <summary>
    /// Shock comparisons: index = shock (one model run each, with the shock applied as <see cref="ShockPlan"/> plans it);
    /// columns = the scenario's issues (the forecast with the shock); each index's outcome holds the run's notes or the
    /// error that stopped it. The baseline (one run) is run where the comparison is summarised.
    /// </summary>
    private sealed class ShockWork(PreparedRun run, IModel model, IReadOnlyList<Shock> shocks) : IIndexedWork<IReadOnlyList<ShockOutcome>>
    {
        private readonly IReadOnlyList<Issue> _issues = run.Scenario.Issues;

        public int Count => shocks.Count;
        public int Columns => _issues.Count;
        public bool HasOutcomes => true;
        public int RunsPerIndex => 1;

        public IndexedColumns Compute(int first, int end, MonteCarloOptions options)
        {
            var settings = BatchSettings.For(model, run.Settings, options); // the shocks already run in parallel
            var result = new IndexedColumns(Enumerable.Range(0, Columns).Select(_ => new double[end - first]).ToArray(), new IndexOutcome[end - first]);
            var parallel = new ParallelOptions
            {
                MaxDegreeOfParallelism = options.Threads > 0 ? options.Threads : Environment.ProcessorCount,
                CancellationToken = options.Cancellation,
            };
            Parallel.For(first, end, parallel, s =>
            {
                var (shocked, notes, error) = ShockComparison.Shocked(run.Scenario, model, settings, shocks[s]);
                for (int c = 0; c < _issues.Count; c++) result.Columns[c][s - first] = shocked?.For(_issues[c].Id)?.Forecast ?? double.NaN;
                result.Outcomes![s - first] = error is null ? IndexOutcome.WithNotes(notes) : IndexOutcome.Failed(error);
            });
            return result;
        }

        public IReadOnlyList<ShockOutcome> Summarise(IndexedColumns columns)
        {
            if (Count == 0) return [];
            var baseline = model.Run(run.Scenario, run.Settings);
            var column = _issues.Select((issue, c) => (issue.Id, c)).ToDictionary(t => t.Id, t => t.c);
            return shocks.Select((shock, s) =>
            {
                var outcome = columns.Outcomes![s];
                Func<IssueId, double>? with = outcome.Status == IndexStatus.Ok
                    ? issue => column.TryGetValue(issue, out int c) ? columns.Columns[c][s] : double.NaN
                    : null;
                return ShockComparison.Outcome(baseline, model, shock, with, outcome.Notes, outcome.Error);
            }).ToArray();
        }
    }
}
