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
