using System.Runtime.CompilerServices;
using Parley.Core.Models.Baselines;
using Parley.Core.Power;

namespace Parley.Backtest.Headline;

/// <summary>
/// <c>headline</c>: the whole selection procedure of the headline forecast (<see cref="HeadlineSelection"/>) as a tuned
/// predictor, so that the backtest's outer folds report the held-out accuracy and interval coverage of the procedure
/// itself (nested cross-validation). The case's scenario must carry the actors' resources (a folder of scenarios as
/// read, or <see cref="BacktestDataset.Pool"/>). Untuned use (one fold) forecasts with <paramref name="frozen"/> when
/// given, else with the compromise under voting power.
/// </summary>
public sealed class HeadlinePredictor(ulong seed, int innerFolds = 10, HeadlineSpec? frozen = null) : ITunedPredictor, IIntervalPredictor
{
    private readonly ConditionalWeakTable<PreparedCase, HeadlineRow> _rows = new();
    private readonly HeadlineSpec _untuned = frozen ?? Untuned();

    private static HeadlineSpec Untuned()
    {
        var model = new HeadlineModel(new CompromiseCombination(CapabilityBasis.VotingPower),
            new HeadlineInterval(IntervalScaling.Absolute, Enumerable.Repeat(0.0, HeadlineInterval.Steps + 1).ToArray()));
        return new HeadlineSpec(Enum.GetValues<HeadlineRuleGroup>().ToDictionary(g => g, _ => model));
    }

    public string Name => "headline";
    public string Kind => "tuned";

    /// <summary>The selections made, one per <see cref="Fit"/> call (per outer fold), for the fit's report.</summary>
    public List<HeadlineFit> Fits { get; } = [];

    public HeadlineRow Row(PreparedCase c) => _rows.GetValue(c, pc =>
        HeadlineInputs.Compute(pc.Scenario, pc.Case.Issue, HeadlineInputs.All, pc.Case.Id, pc.Case.Group, pc.Case.Stratum, pc.OutcomePercent));

    public double? Predict(PreparedCase c) => _untuned.Predict(Row(c))?.Forecast;
    public PredictionInterval? Interval(PreparedCase c) => _untuned.Predict(Row(c))?.Interval;

    public (IPredictor Fitted, string Choice) Fit(IReadOnlyList<PreparedCase> training)
    {
        var fit = HeadlineSelection.Select(training.Select(Row).ToArray(), seed, innerFolds);
        lock (Fits) Fits.Add(fit);
        return (new Fitted(this, fit.Spec), fit.Spec.Choice);
    }

    private sealed class Fitted(HeadlinePredictor owner, HeadlineSpec model) : IIntervalPredictor
    {
        public string Name => owner.Name;
        public string Kind => owner.Kind;
        public double? Predict(PreparedCase c) => model.Predict(owner.Row(c))?.Forecast;
        public PredictionInterval? Interval(PreparedCase c) => model.Predict(owner.Row(c))?.Interval;
    }

    /// <summary>
    /// Benchmarks beside the headline: the compromise model under each capability basis, and with equal capabilities
    /// (DEU's convention, whose 23.64 is the field's reference figure).
    /// </summary>
    public static IReadOnlyList<IPredictor> CompromiseBenchmarks() =>
    [
        new FuncPredictor("compromise/equal", "benchmark", c => c.Issue.Scale.ToPercent(CompromiseModel.WeightedMean(
            c.Problem.Positions, Enumerable.Repeat(1.0, c.Problem.Count).ToArray(), c.Problem.Saliences))),
        .. HeadlineInputs.Bases.Select(b => (IPredictor)new FuncPredictor($"compromise/{b}", "benchmark", c =>
        {
            var problem = Core.Models.IssueProblem.From(HeadlineInputs.Under(c.Scenario, b), c.Issue);
            return c.Issue.Scale.ToPercent(CompromiseModel.WeightedMean(problem.Positions, problem.Capabilities, problem.Saliences));
        })),
    ];
}
