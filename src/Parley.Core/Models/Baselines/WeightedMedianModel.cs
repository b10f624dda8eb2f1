using Parley.Core.Models;

namespace Parley.Core.Models.Baselines;

/// <summary>
/// The weighted median ("median voter"): sort the positions, accumulate the capability × salience weights,
/// and take the first position at which the cumulative weight reaches half the total (the lower weighted
/// median; see docs/decisions.md). With linear votes it equals the Condorcet winner of Bueno de Mesquita's
/// expected utility model (Black 1948; Bueno de Mesquita 1994, ch. 4 in Bueno de Mesquita &amp; Stokman (eds)).
/// </summary>
public sealed class WeightedMedianModel : IssueModel
{
    public override ModelInfo Info { get; } = new(
        "median",
        "Capability × salience weighted median of the positions (lower median on ties).",
        "Black (1948) J. Political Economy 56(1); Bueno de Mesquita (1994), European Community Decision Making, Yale UP");

    public override IssueResult Run(IssueProblem problem, ModelSettings settings) => new()
    {
        Issue = problem.Issue.Id,
        Forecast = Forecast(problem, settings),
        Notes = CompromiseModel.AllWeightsZero(problem) ? [CompromiseModel.ZeroWeightsNote] : null,
    };

    public override double Forecast(IssueProblem problem, ModelSettings settings) =>
        LowerWeightedMedian(problem.Positions, problem.Capabilities, problem.Saliences);

    /// <summary>Relative slack under which a cumulative weight counts as having reached half the total.</summary>
    private const double HalfTolerance = 1e-12;

    /// <summary>
    /// The first position (ascending) at which the cumulative c·s weight reaches half of the total.
    /// When every weight is zero the unweighted lower median is returned.
    /// Sums are taken in sorted order (position, then weight) and "reaches half" allows a relative slack of 1e-12,
    /// so an exact tie resolves to the lower median whatever the actors' order or the unit of capability.
    /// </summary>
    public static double LowerWeightedMedian(ReadOnlySpan<double> positions, ReadOnlySpan<double> capabilities, ReadOnlySpan<double> saliences)
    {
        // Sorting (position, weight) pairs by position: actors tied on position return the same value whichever
        // comes first, so an unstable sort gives the same answer as sorting by (position, index). No allocation
        // up to 256 actors (stack), pooled arrays beyond.
        int n = positions.Length;
        if (n == 0) throw new ArgumentException("The weighted median needs at least one position.", nameof(positions));
        double[]? rentedKeys = null, rentedWeights = null;
        Span<double> keys = n <= 256 ? stackalloc double[n] : (rentedKeys = System.Buffers.ArrayPool<double>.Shared.Rent(n)).AsSpan(0, n);
        Span<double> weights = n <= 256 ? stackalloc double[n] : (rentedWeights = System.Buffers.ArrayPool<double>.Shared.Rent(n)).AsSpan(0, n);
        try
        {
            positions.CopyTo(keys);
            double rawTotal = 0;
            for (int i = 0; i < n; i++)
            {
                weights[i] = capabilities[i] * saliences[i];
                rawTotal += weights[i];
            }
            if (!(rawTotal > 0)) weights.Fill(1.0);
            keys.Sort(weights);
            // Within a group of equal positions, order the weights too, so the cumulative sums (and the total) are
            // taken in an order that depends on the values only, never on the actors' input order.
            for (int g = 0; g < n;)
            {
                int h = g + 1;
                while (h < n && keys[h] == keys[g]) h++;
                if (h - g > 1) weights[g..h].Sort();
                g = h;
            }
            double total = 0;
            for (int k = 0; k < n; k++) total += weights[k];
            double half = total / 2.0 * (1 - HalfTolerance), cumulative = 0;
            for (int k = 0; k < n; k++)
            {
                cumulative += weights[k];
                if (cumulative >= half) return keys[k];
            }
            return keys[n - 1];
        }
        finally
        {
            if (rentedKeys is not null) System.Buffers.ArrayPool<double>.Shared.Return(rentedKeys);
            if (rentedWeights is not null) System.Buffers.ArrayPool<double>.Shared.Return(rentedWeights);
        }
    }
}
