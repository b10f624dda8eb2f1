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
        int n = positions.Length;
        if (n == 0) throw new ArgumentException("The weighted median needs at least one position.", nameof(positions));
        var pos = positions.ToArray();
        var weight = new double[n];
        double rawTotal = 0;
        for (int i = 0; i < n; i++) rawTotal += weight[i] = capabilities[i] * saliences[i];
        if (!(rawTotal > 0)) Array.Fill(weight, 1.0);

        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort(order, (a, b) => pos[a] != pos[b] ? pos[a].CompareTo(pos[b]) : weight[a].CompareTo(weight[b]));

        double total = 0;
        foreach (int i in order) total += weight[i];
        double half = total / 2.0 * (1 - HalfTolerance), cumulative = 0;
        foreach (int i in order)
        {
            cumulative += weight[i];
            if (cumulative >= half) return pos[i];
        }
        return pos[order[n - 1]];
    }
}
