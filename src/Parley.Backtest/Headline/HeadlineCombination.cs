using System.Globalization;
using Parley.Core.Power;

namespace Parley.Backtest.Headline;

/// <summary>
/// A fitted way to turn a <see cref="HeadlineRow"/> into one forecast (percent of the scale). The three kinds are the
/// headline's candidate families (docs/headline.md); each knows its basis, the components it reads and how to say what
/// it is.
/// </summary>
public abstract record HeadlineCombination(CapabilityBasis Basis)
{
    /// <summary>The forecast, or null when the components it needs are all missing; <paramref name="notes"/> get what it did instead.</summary>
    public abstract double? Predict(HeadlineRow row, ICollection<string>? notes = null);

    /// <summary>The components it reads (the ones to compute for a forecast).</summary>
    public abstract IReadOnlyList<HeadlineComponent> Components { get; }

    /// <summary>The family and basis, e.g. <c>stack/voting-power</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The fitted parameters in words, for the method text and the fit's report.</summary>
    public abstract string Describe();

    protected static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>The compromise model (capability × salience weighted mean) under one basis.</summary>
public sealed record CompromiseCombination(CapabilityBasis Basis) : HeadlineCombination(Basis)
{
    public override IReadOnlyList<HeadlineComponent> Components => [HeadlineComponent.Compromise];
    public override string Name => $"compromise/{Basis}";
    public override string Describe() => $"the compromise model (weighted mean), {Basis} capabilities";

    public override double? Predict(HeadlineRow row, ICollection<string>? notes = null) =>
        row.Component(Basis, HeadlineComponent.Compromise) is var m && double.IsFinite(m) ? m : null;
}

/// <summary>
/// Affine least-absolute-deviations stack: f = c + β_s·(setter − c) + β_q·(status quo − c), clamped to 0–100, c the
/// compromise forecast; a missing setter position or status quo contributes 0. Affine (no constant, weights summing
/// to 1), so the forecast does not depend on which end of the scale is 0 (docs/headline.md, revision 2).
/// </summary>
public sealed record StackCombination(CapabilityBasis Basis, IReadOnlyList<double> Coefficients) : HeadlineCombination(Basis)
{
    public override IReadOnlyList<HeadlineComponent> Components => [HeadlineComponent.Compromise];
    public override string Name => $"stack/{Basis}";

    public override string Describe() =>
        $"compromise ({Basis}) {Signed(Coefficients[0])} × (agenda setter − compromise) {Signed(Coefficients[1])} × (status quo − compromise), clamped to the scale";

    private static string Signed(double v) => v < 0 ? "− " + F(-v) : "+ " + F(v);

    /// <summary>The compromise forecast and the features [setter − c, status quo − c], or null without a compromise forecast.</summary>
    public static (double Compromise, double[] Features)? Features(HeadlineRow row, CapabilityBasis basis, ICollection<string>? notes = null)
    {
        double m = row.Component(basis, HeadlineComponent.Compromise);
        if (!double.IsFinite(m)) return null;
        if (notes is not null)
        {
            if (!double.IsFinite(row.Setter)) notes.Add("no agenda setter position: its term is left out");
            if (!double.IsFinite(row.StatusQuo)) notes.Add("no status quo: its term is left out");
        }
        return (m, [double.IsFinite(row.Setter) ? row.Setter - m : 0, double.IsFinite(row.StatusQuo) ? row.StatusQuo - m : 0]);
    }

    public override double? Predict(HeadlineRow row, ICollection<string>? notes = null)
    {
        if (Features(row, Basis, notes) is not { } features) return null;
        var (m, x) = features;
        double f = m;
        for (int j = 0; j < x.Length; j++) f += x[j] * Coefficients[j];
        return Math.Clamp(f, 0, 100);
    }

    public static StackCombination Fit(CapabilityBasis basis, IReadOnlyList<HeadlineRow> rows, IReadOnlyList<double> weights)
    {
        var usable = rows.Select((r, i) => (F: Features(r, basis), r.Outcome, W: weights[i])).Where(t => t.F is not null).ToArray();
        var b = LeastAbsoluteDeviations.Fit(usable.Select(t => t.F!.Value.Features).ToArray(),
            usable.Select(t => t.Outcome - t.F!.Value.Compromise).ToArray(), caseWeights: usable.Select(t => t.W).ToArray());
        return new StackCombination(basis, b);
    }
}

/// <summary>
/// A convex combination w_c·compromise + w_m·median + w_e·eum (weights ≥ 0, summing to 1, on a 0.1 grid). A component
/// that is missing on an issue is dropped and the others' weights are renormalised.
/// </summary>
public sealed record ConvexCombination(CapabilityBasis Basis, IReadOnlyList<double> Weights) : HeadlineCombination(Basis)
{
    private static readonly HeadlineComponent[] Order = [HeadlineComponent.Compromise, HeadlineComponent.Median, HeadlineComponent.Eum];

    public override IReadOnlyList<HeadlineComponent> Components => Order.Where((_, k) => Weights[k] > 0).ToArray();
    public override string Name => $"convex/{Basis}";

    public override string Describe() => string.Join(" + ", Order.Select((c, k) => (c, w: Weights[k])).Where(t => t.w > 0)
        .Select(t => $"{F(t.w)} × {HeadlineInputs.NameOf(t.c)}")) + $" ({Basis} capabilities)";

    public override double? Predict(HeadlineRow row, ICollection<string>? notes = null)
    {
        double sum = 0, weight = 0;
        for (int k = 0; k < Order.Length; k++)
        {
            if (Weights[k] <= 0) continue;
            double v = row.Component(Basis, Order[k]);
            if (!double.IsFinite(v))
            {
                notes?.Add($"{HeadlineInputs.NameOf(Order[k])} is missing: the other components' weights are scaled up to 1");
                continue;
            }
            sum += Weights[k] * v;
            weight += Weights[k];
        }
        return weight > 0 ? sum / weight : null;
    }

    /// <summary>Every weight vector of the 0.1 grid, compromise-heavy first (the tie-break order).</summary>
    public static IEnumerable<double[]> Grid()
    {
        for (int c = 10; c >= 0; c--)
            for (int m = 10 - c; m >= 0; m--)
                yield return [c / 10.0, m / 10.0, (10 - c - m) / 10.0];
    }

    public static ConvexCombination Fit(CapabilityBasis basis, IReadOnlyList<HeadlineRow> rows, IReadOnlyList<double> weights)
    {
        ConvexCombination? best = null;
        double bestLoss = double.PositiveInfinity;
        foreach (var w in Grid())
        {
            var candidate = new ConvexCombination(basis, w);
            double loss = HeadlineSelection.WeightedMae(rows, weights, r => candidate.Predict(r));
            if (loss < bestLoss - 1e-12) { bestLoss = loss; best = candidate; }
        }
        return best ?? new ConvexCombination(basis, [1, 0, 0]);
    }
}
