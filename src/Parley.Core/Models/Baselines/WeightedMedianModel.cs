using Parley.Core.Modelling;

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

    public override IssueResult Run(IssueProblem problem, ModelSettings settings) =>
        new() { Issue = problem.Issue.Id, Forecast = Forecast(problem, settings) };

    public override double Forecast(IssueProblem problem, ModelSettings settings) =>
        LowerWeightedMedian(problem.Positions, problem.Capabilities, problem.Saliences);

    /// <summary>
    /// The first position (ascending) at which the cumulative c·s weight reaches half of the total.
    /// When every weight is zero the unweighted lower median is returned.
    /// </summary>
    public static double LowerWeightedMedian(ReadOnlySpan<double> positions, ReadOnlySpan<double> capabilities, ReadOnlySpan<double> saliences)
    {
        // Sorting (position, weight) pairs by position: actors tied on position return the same value whichever
        // comes first, so an unstable sort gives the same answer as sorting by (position, index). No allocation
        // up to 256 actors (stack), pooled arrays beyond.
        int n = positions.Length;
        double[]? rentedKeys = null, rentedWeights = null;
        Span<double> keys = n <= 256 ? stackalloc double[n] : (rentedKeys = System.Buffers.ArrayPool<double>.Shared.Rent(n)).AsSpan(0, n);
        Span<double> weights = n <= 256 ? stackalloc double[n] : (rentedWeights = System.Buffers.ArrayPool<double>.Shared.Rent(n)).AsSpan(0, n);
        try
        {
            positions.CopyTo(keys);
            double total = 0;
            for (int i = 0; i < n; i++)
            {
                weights[i] = capabilities[i] * saliences[i];
                total += weights[i];
            }
            bool unweighted = !(total > 0);
            if (unweighted)
            {
                weights.Fill(1.0);
                total = n;
            }
            keys.Sort(weights);
            double half = total / 2.0, cumulative = 0;
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
