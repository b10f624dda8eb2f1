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
        int n = positions.Length;
        Span<int> order = n <= 256 ? stackalloc int[n] : new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var pos = positions.ToArray();
        order.Sort((a, b) => pos[a] != pos[b] ? pos[a].CompareTo(pos[b]) : a.CompareTo(b));
        double total = 0;
        for (int i = 0; i < n; i++) total += capabilities[i] * saliences[i];
        bool unweighted = !(total > 0);
        if (unweighted) total = n;
        double half = total / 2.0, cumulative = 0;
        foreach (int i in order)
        {
            cumulative += unweighted ? 1.0 : capabilities[i] * saliences[i];
            if (cumulative >= half - 1e-9 * total) return positions[i]; // tolerance: exact ties must not be lost to rounding (saliences/100)
        }
        return positions[order[n - 1]];
    }
}
