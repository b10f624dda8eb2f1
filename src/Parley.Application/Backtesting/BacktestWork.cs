using Parley.Analysis.Batching;
using Parley.Analysis.MonteCarlo;
using Parley.Backtest;
using Parley.Core.Models;

namespace Parley.Application.Backtesting;

/// <summary>
/// A backtest's expensive part as indexed work: every catalogue model's forecast of every case, for the model predictors
/// the run scores and the ensemble's members (each distinct predictor once). Index = member × cases + case, so a batch
/// holds one model's consecutive cases (those of one proposal share the model's cached run). One column, the forecast;
/// each index's outcome says whether it failed and why, as <see cref="Backtester"/> would record it. The summary is
/// the run's predictors with those forecasts replayed, so the scoring (folds, tuning, errors) runs as on one machine.
/// </summary>
public sealed class BacktestWork : IIndexedWork<IReadOnlyList<IPredictor>>
{
    public static readonly WorkId Id = new(0, WorkKind.Backtest);

    private readonly IReadOnlyList<PreparedCase> _cases;
    private readonly IReadOnlyList<IPredictor> _predictors;
    private readonly ModelPredictor[] _members;

    public BacktestWork(IReadOnlyList<PreparedCase> cases, IReadOnlyList<IPredictor> predictors)
    {
        _cases = cases;
        _predictors = predictors;
        _members = predictors.SelectMany(p => p switch
            {
                ModelPredictor m => [m],
                EnsemblePredictor e => e.Members.OfType<ModelPredictor>(),
                _ => [],
            })
            .DistinctBy(m => m.Name).ToArray();
    }

    public int Count => _members.Length * _cases.Count;
    public int Columns => 1;
    public bool HasOutcomes => true;

    public IndexedColumns Compute(int first, int end, MonteCarloOptions options)
    {
        var values = new double[end - first];
        var outcomes = new IndexOutcome[end - first];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.Threads > 0 ? options.Threads : Environment.ProcessorCount,
            CancellationToken = options.Cancellation,
        };
        Parallel.For(first, end, parallel, i =>
        {
            var (member, c) = (_members[i / _cases.Count], _cases[i % _cases.Count]);
            try
            {
                (values[i - first], outcomes[i - first]) = member.Predict(c) is { } f ? (f, IndexOutcome.Ok) : (double.NaN, IndexOutcome.NotApplicable);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or ModelSettingException or ArithmeticException)
            {
                // the exceptions the scoring records as a failed case; any other stops the backtest, as on one machine
                (values[i - first], outcomes[i - first]) = (double.NaN, IndexOutcome.Failed(e.Message));
            }
        });
        return new IndexedColumns([values], outcomes);
    }

    /// <summary>The run's predictors, each model predictor (and ensemble member) replaced by its computed forecasts.</summary>
    public IReadOnlyList<IPredictor> Summarise(IndexedColumns columns)
    {
        var replayed = _members.Select((m, k) => new Replay(m, _cases, columns, k * _cases.Count)).ToDictionary(r => r.Name, r => (IPredictor)r);
        return _predictors.Select(p => p switch
        {
            ModelPredictor m => replayed[m.Name],
            EnsemblePredictor e => new EnsemblePredictor(e.Members.Select(x => x is ModelPredictor m ? replayed[m.Name] : x).ToArray()),
            _ => p,
        }).ToArray();
    }

    /// <summary>A model predictor's forecasts, computed elsewhere, given back case by case (a failure raised again with its message).</summary>
    private sealed class Replay(ModelPredictor source, IReadOnlyList<PreparedCase> cases, IndexedColumns columns, int offset) : IPredictor
    {
        private readonly Dictionary<BacktestCase, int> _index =
            cases.Select((c, i) => (c.Case, i)).ToDictionary<(BacktestCase Case, int i), BacktestCase, int>(t => t.Case, t => t.i, ReferenceEqualityComparer.Instance);

        public string Name => source.Name;
        public string Kind => source.Kind;

        public double? Predict(PreparedCase c)
        {
            int i = offset + _index[c.Case];
            var outcome = columns.Outcomes![i];
            return outcome.Status switch
            {
                IndexStatus.Ok => columns.Columns[0][i],
                IndexStatus.NotApplicable => null,
                _ => throw new InvalidOperationException(outcome.Error),
            };
        }
    }
}
