namespace Parley.Backtest.Headline;

/// <summary>How held-out residuals are scaled before their quantiles are taken (docs/headline.md).</summary>
public enum IntervalScaling
{
    /// <summary>Residuals in points of 0–100 as they are: one interval width for every issue.</summary>
    Absolute,

    /// <summary>Residuals divided by the spread of the positions (their standard deviation, at least 2.5 points).</summary>
    Dispersion,
}

/// <summary>
/// The calibrated error distribution of the headline: the quantiles at 0, 0.05, …, 1 of the (scaled) held-out signed
/// residuals outcome − forecast. The 80 % interval is forecast + scale·[q₀.₁, q₀.₉], clamped to the scale;
/// <see cref="Sample"/> draws a residual by inverse CDF for the Monte Carlo of <c>analyze</c>.
/// </summary>
public sealed record HeadlineInterval(IntervalScaling Scaling, IReadOnlyList<double> Quantiles)
{
    /// <summary>Quantile levels: 0, 0.05, …, 1.</summary>
    public const int Steps = 20;

    public static double Level(int k) => k / (double)Steps;

    public const int P10 = 2, P90 = 18;

    /// <summary>The factor the residuals of this row are scaled by.</summary>
    public double ScaleOf(HeadlineRow row) => Scaling == IntervalScaling.Absolute ? 1 : Math.Max(row.Dispersion, HeadlineInputs.DispersionFloor);

    public PredictionInterval Around(double forecast, double scale) =>
        new(Math.Clamp(forecast + scale * Quantiles[P10], 0, 100), Math.Clamp(forecast + scale * Quantiles[P90], 0, 100));

    /// <summary>A residual (scaled units) at probability u in [0, 1], interpolating linearly between the stored quantiles.</summary>
    public double Sample(double u)
    {
        double x = Math.Clamp(u, 0, 1) * Steps;
        int k = Math.Min((int)x, Steps - 1);
        return Quantiles[k] + (x - k) * (Quantiles[k + 1] - Quantiles[k]);
    }

    /// <summary>
    /// The calibration from residuals r_i, their scales d_i and case weights: weighted quantiles of the symmetrised
    /// ±r_i / d_i (each sign with half the case's weight), so the distribution — and every interval — is symmetric and
    /// does not depend on which end of a scale is 0 (docs/headline.md, revision 2).
    /// </summary>
    public static HeadlineInterval Calibrate(IntervalScaling scaling, IReadOnlyList<double> residuals, IReadOnlyList<double> scales,
        IReadOnlyList<double> weights)
    {
        var scaled = residuals.Select((r, i) => scaling == IntervalScaling.Absolute ? r : r / scales[i]).ToArray();
        var values = scaled.Concat(scaled.Select(v => -v)).ToArray();
        var both = weights.Concat(weights).ToArray();
        var quantiles = Enumerable.Range(0, Steps + 1).Select(k => WeightedQuantile(values, both, Level(k))).ToArray();
        // exact symmetry (the sorted ±values give it up to rounding): q(1 − p) = −q(p)
        for (int k = 0; k <= Steps / 2; k++)
        {
            double half = (quantiles[Steps - k] - quantiles[k]) / 2;
            (quantiles[k], quantiles[Steps - k]) = (-half, half);
        }
        return new HeadlineInterval(scaling, quantiles);
    }

    /// <summary>
    /// A weighted quantile: values sorted, each placed at the middle of its share of the weight (Hazen's plotting
    /// position (i − ½)/n generalised to weights), linear interpolation between neighbours, the extremes beyond.
    /// </summary>
    public static double WeightedQuantile(IReadOnlyList<double> values, IReadOnlyList<double> weights, double p)
    {
        if (values.Count == 0) throw new ArgumentException("no values");
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ThenBy(i => i).ToArray();
        double total = order.Sum(i => weights[i]);
        double cumulative = 0, previousPosition = double.NaN, previousValue = double.NaN;
        foreach (int i in order)
        {
            double position = (cumulative + weights[i] / 2) / total;
            cumulative += weights[i];
            if (p <= position)
                return double.IsNaN(previousPosition) ? values[i]
                    : previousValue + (values[i] - previousValue) * (p - previousPosition) / (position - previousPosition);
            (previousPosition, previousValue) = (position, values[i]);
        }
        return previousValue;
    }

    /// <summary>Gneiting &amp; Raftery's (2007) interval score at α = 0.2: width plus 10 × the distance by which the outcome misses.</summary>
    public static double Score(PredictionInterval interval, double outcome) =>
        interval.Width + 10 * Math.Max(0, interval.P10 - outcome) + 10 * Math.Max(0, outcome - interval.P90);
}
