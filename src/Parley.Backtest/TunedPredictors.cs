using System.Globalization;
using Parley.Core.Models;
using Parley.Core.Models.Baselines;

namespace Parley.Backtest;

/// <summary>
/// A predictor family with one parameter, tuned by grid search: <see cref="Fit"/> picks the grid value with the
/// lowest mean absolute error on the training cases (ties: the first value in the grid).
/// </summary>
public sealed class GridTunedPredictor(string name, string parameter, IReadOnlyList<double> grid, Func<double, IPredictor> make) : ITunedPredictor
{
    public string Name { get; } = name;
    public string Kind => "tuned";
    public string Parameter { get; } = parameter;
    public IReadOnlyList<double> Grid { get; } = grid;

    /// <summary>Untuned use (e.g. with one fold): the first grid value.</summary>
    public double? Predict(PreparedCase c) => make(Grid[0]).Predict(c);

    public (IPredictor Fitted, string Choice) Fit(IReadOnlyList<PreparedCase> training)
    {
        double best = Grid[0], bestError = double.PositiveInfinity;
        foreach (var v in Grid)
        {
            var p = make(v);
            double sum = 0;
            int n = 0;
            foreach (var c in training)
                if (p.Predict(c) is { } f) { sum += Math.Abs(f - c.OutcomePercent); n++; }
            double mae = n == 0 ? double.PositiveInfinity : sum / n;
            if (mae < bestError - 1e-12) { bestError = mae; best = v; }
        }
        return (make(best), $"{Parameter}={best.ToString("0.###", CultureInfo.InvariantCulture)}");
    }

    public static IReadOnlyList<double> Steps(double from, double to, double step) =>
        Enumerable.Range(0, (int)Math.Round((to - from) / step) + 1).Select(i => Math.Round(from + i * step, 10)).ToArray();
}

/// <summary>A predictor from a function (for the tuned families' members).</summary>
public sealed class FuncPredictor(string name, string kind, Func<PreparedCase, double?> predict) : IPredictor
{
    public string Name { get; } = name;
    public string Kind { get; } = kind;
    public double? Predict(PreparedCase c) => predict(c);
}

/// <summary>The tuned combinations the backtest offers (see docs/accuracy.md for what each is and how it fared).</summary>
public static class TunedPredictors
{
    /// <summary>The compromise model's forecast in percent of the scale.</summary>
    public static double Compromise(PreparedCase c) => c.Issue.Scale.ToPercent(
        CompromiseModel.WeightedMean(c.Problem.Positions, c.Problem.Capabilities, c.Problem.Saliences));

    /// <summary>
    /// <c>shrinkage</c>: (1 − λ)·compromise + λ·procedural, the procedural forecast replaced by the compromise where
    /// it does not apply (no status quo or no setter); λ ∈ 0, 0.05, …, 1 tuned in-fold.
    /// </summary>
    public static ITunedPredictor Shrinkage() => new GridTunedPredictor("shrinkage", "lambda", GridTunedPredictor.Steps(0, 1, 0.05),
        lambda => new FuncPredictor("shrinkage", "tuned", c =>
        {
            double m = Compromise(c);
            double proc = ProceduralPredictor.Forecast(c) is { } f ? c.Issue.Scale.ToPercent(f) : m;
            return (1 - lambda) * m + lambda * proc;
        }));

    /// <summary>
    /// <c>institution-weight</c>: the compromise model with the capabilities of the actors outside the Council
    /// (group other than "council": the Commission and the Parliament on DEU) multiplied by k ∈ {0.25, 0.5, …, 4}, tuned in-fold.
    /// </summary>
    public static ITunedPredictor InstitutionWeight() => new GridTunedPredictor("institution-weight", "k",
        [1, 0.25, 0.5, 0.75, 1.25, 1.5, 2, 2.5, 3, 4], k => new FuncPredictor("institution-weight", "tuned", c =>
        {
            var p = c.Problem;
            double sw = 0, swx = 0;
            for (int i = 0; i < p.Count; i++)
            {
                double w = p.Capabilities[i] * p.Saliences[i] * (p.Actors[i].Group is null or "council" ? 1 : k);
                sw += w;
                swx += w * p.Positions[i];
            }
            return sw > 0 ? c.Issue.Scale.ToPercent(swx / sw) : Compromise(c);
        }));

    public static IReadOnlyList<ITunedPredictor> All(ModelSettings? settings = null) =>
        [Shrinkage(), InstitutionWeight(), new StackedPredictor(), new EnsemblePredictor(settings)];
}

/// <summary>
/// <c>stacked</c>: a median-regression (LAD) combination of the compromise forecast, the agenda setter's position,
/// the Parliament's position (actor of group "parliament") and the status quo, plus a constant, fitted in-fold
/// (<see cref="LeastAbsoluteDeviations"/>); a missing ingredient is replaced by the compromise forecast; the
/// forecast is clamped to 0–100. The coefficients are the fold's "choice".
/// </summary>
public sealed class StackedPredictor : ITunedPredictor
{
    public string Name => "stacked";
    public string Kind => "tuned";

    /// <summary>Untuned use: the compromise forecast (coefficient 1 on it, 0 elsewhere).</summary>
    public double? Predict(PreparedCase c) => TunedPredictors.Compromise(c);

    public static double[] Features(PreparedCase c)
    {
        var p = c.Problem;
        double m = TunedPredictors.Compromise(c);
        double setter = p.SetterIndex is { } k ? c.Issue.Scale.ToPercent(p.Positions[k]) : m;
        double parliament = m;
        for (int i = 0; i < p.Count; i++)
            if (p.Actors[i].Group == "parliament") parliament = c.Issue.Scale.ToPercent(p.Positions[i]);
        double q = c.Issue.StatusQuo is { } sq ? c.Issue.Scale.ToPercent(sq) : m;
        return [m, setter, parliament, q, 1.0];
    }

    public (IPredictor Fitted, string Choice) Fit(IReadOnlyList<PreparedCase> training)
    {
        var b = LeastAbsoluteDeviations.Fit(training.Select(Features).ToArray(), training.Select(c => c.OutcomePercent).ToArray());
        var fitted = new FuncPredictor(Name, Kind, c => Math.Clamp(Features(c).Zip(b, (f, w) => f * w).Sum(), 0, 100));
        return (fitted, "b=" + string.Join("/", b.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture))));
    }
}
