namespace Parley.Backtest;

/// <summary>
/// Least-absolute-deviations (median) regression: the coefficients b minimising Σ |y − X b|, by cyclic coordinate
/// descent — each one-coefficient step is solved exactly as a weighted median (Wu &amp; Lange 2008, Ann. Appl. Stat. 2(1)).
/// Deterministic: starts at zero, fixed number of sweeps, ties broken by the lower weighted median.
/// Absolute error is the backtest's loss, so the fitted combination targets the conditional median of the outcome.
/// </summary>
public static class LeastAbsoluteDeviations
{
    /// <param name="caseWeights">Optional weight per case (Σ w_i |y_i − x_i b|); null = every case weighs 1.</param>
    public static double[] Fit(IReadOnlyList<double[]> x, IReadOnlyList<double> y, int sweeps = 50, IReadOnlyList<double>? caseWeights = null)
    {
        int n = y.Count;
        if (n == 0) throw new ArgumentException("LAD regression needs at least one case");
        int p = x[0].Length;
        var b = new double[p];
        var residual = y.ToArray();
        var candidates = new (double Value, double Weight)[n];
        for (int sweep = 0; sweep < sweeps; sweep++)
            for (int j = 0; j < p; j++)
            {
                int m = 0;
                for (int i = 0; i < n; i++)
                {
                    double xij = x[i][j];
                    if (xij == 0) continue;
                    candidates[m++] = ((residual[i] + xij * b[j]) / xij, Math.Abs(xij) * (caseWeights?[i] ?? 1.0));
                }
                if (m == 0) continue;
                var span = candidates.AsSpan(0, m);
                span.Sort((u, v) => u.Value.CompareTo(v.Value));
                double total = 0;
                foreach (var c in span) total += c.Weight;
                double cumulative = 0, next = span[m - 1].Value;
                foreach (var c in span)
                {
                    cumulative += c.Weight;
                    if (cumulative >= total / 2 * (1 - 1e-12)) { next = c.Value; break; }
                }
                for (int i = 0; i < n; i++) residual[i] -= x[i][j] * (next - b[j]);
                b[j] = next;
            }
        return b;
    }
}
