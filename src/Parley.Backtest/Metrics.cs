namespace Parley.Backtest;

/// <summary>Error summaries of one predictor over the cases it forecast (errors in points of a 0–100 scale).</summary>
public sealed record ErrorSummary(int N, double Mae, double Rmse, double MedianAe, double Within10)
{
    /// <summary>An error at most this large counts as "within 10 points" (inclusive, as BASELINES.md counts).</summary>
    public const double WithinThreshold = 10.0;

    public static ErrorSummary Of(IReadOnlyList<double> absoluteErrors)
    {
        int n = absoluteErrors.Count;
        if (n == 0) return new ErrorSummary(0, double.NaN, double.NaN, double.NaN, double.NaN);
        var sorted = absoluteErrors.Order().ToArray();
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        return new ErrorSummary(n,
            absoluteErrors.Average(),
            Math.Sqrt(absoluteErrors.Sum(e => e * e) / n),
            median,
            absoluteErrors.Count(e => e <= WithinThreshold + 1e-9) / (double)n);
    }
}

/// <summary>A forecast's 80 % interval: the 10th and 90th percentiles, in points of 0–100.</summary>
public sealed record PredictionInterval(double P10, double P90)
{
    public bool Holds(double outcome) => outcome >= P10 - 1e-9 && outcome <= P90 + 1e-9;
    public double Width => P90 - P10;
}

/// <summary>How well a predictor's intervals did: how many it gave, the share holding the outcome (inclusive), mean width.</summary>
public sealed record IntervalSummary(int N, double Coverage, double MeanWidth)
{
    /// <summary>The summary of the rows that carry an interval; null when none does.</summary>
    public static IntervalSummary? Of(IEnumerable<CaseError> rows)
    {
        var with = rows.Where(r => r.Interval is not null).ToArray();
        if (with.Length == 0) return null;
        return new IntervalSummary(with.Length, with.Count(r => r.Interval!.Holds(r.Outcome)) / (double)with.Length,
            with.Average(r => r.Interval!.Width));
    }
}
