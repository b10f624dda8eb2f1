using Parley.Core.Domain;

namespace Parley.Analysis.MonteCarlo;

/// <summary>Counts of outcomes in equal-width bins over [Min, Max] (the issue's scale); the last bin includes Max.</summary>
public sealed record Histogram(double Min, double Max, IReadOnlyList<int> Counts)
{
    public double BinWidth => (Max - Min) / Counts.Count;
    public double BinLow(int k) => Min + k * BinWidth;
    public double BinHigh(int k) => Min + (k + 1) * BinWidth;

    public static Histogram Of(ReadOnlySpan<double> values, Scale scale, int bins)
    {
        var counts = new int[bins];
        foreach (var v in values)
        {
            if (!double.IsFinite(v)) continue;
            int k = (int)Math.Floor(scale.ToUnit(v) * bins);
            counts[Math.Clamp(k, 0, bins - 1)]++;
        }
        return new Histogram(scale.Min, scale.Max, counts);
    }
}

/// <summary>How often the outcome fell nearest one labelled anchor of the issue.</summary>
public sealed record AnchorProbability(Anchor Anchor, double Probability);

/// <summary>
/// The distribution of one model's forecast on one issue over the Monte Carlo draws. Quantiles are Hyndman &amp; Fan's
/// type 7 (linear interpolation between order statistics, the default of R and NumPy); the standard deviation
/// divides by n − 1. Draws where the model gave no finite forecast are counted in <see cref="Invalid"/> and left out.
/// </summary>
public sealed record OutcomeDistribution(
    IssueId Issue,
    int Draws,
    int Invalid,
    double Mean,
    double Median,
    double P10,
    double P90,
    double StdDev,
    double Min,
    double Max,
    Histogram Histogram,
    IReadOnlyList<AnchorProbability> Anchors)
{
    /// <summary>The anchor the outcome most often fell nearest to, or null when the issue has no anchors.</summary>
    public AnchorProbability? MostLikelyAnchor => Anchors.Count == 0 ? null : Anchors.MaxBy(a => a.Probability);

    /// <summary>Summarises outcomes given in draw order (the order fixes every sum, so results are bit-identical).</summary>
    public static OutcomeDistribution Of(Issue issue, ReadOnlySpan<double> outcomes, int bins = 40)
    {
        var finite = new List<double>(outcomes.Length);
        foreach (var v in outcomes) if (double.IsFinite(v)) finite.Add(v);
        int n = finite.Count;
        var histogram = Histogram.Of(outcomes, issue.Scale, bins);
        if (n == 0)
            return new OutcomeDistribution(issue.Id, outcomes.Length, outcomes.Length, double.NaN, double.NaN, double.NaN, double.NaN,
                double.NaN, double.NaN, double.NaN, histogram, issue.Anchors.Select(a => new AnchorProbability(a, 0)).ToArray());

        double sum = 0;
        foreach (var v in finite) sum += v;
        double mean = sum / n;
        double ss = 0;
        foreach (var v in finite) ss += (v - mean) * (v - mean);
        double sd = n > 1 ? Math.Sqrt(ss / (n - 1)) : 0;

        var sorted = finite.ToArray();
        Array.Sort(sorted);

        var counts = new int[issue.Anchors.Count];
        foreach (var v in sorted)
        {
            int best = -1;
            double bestDistance = double.PositiveInfinity;
            for (int k = 0; k < issue.Anchors.Count; k++)
            {
                double d = Math.Abs(issue.Anchors[k].Value - v);
                if (d < bestDistance) { best = k; bestDistance = d; } // ties go to the lower anchor, as Issue.NearestAnchor
            }
            if (best >= 0) counts[best]++;
        }
        var anchors = issue.Anchors.Select((a, k) => new AnchorProbability(a, (double)counts[k] / n)).ToArray();

        return new OutcomeDistribution(issue.Id, outcomes.Length, outcomes.Length - n, mean, Quantile(sorted, 0.5),
            Quantile(sorted, 0.1), Quantile(sorted, 0.9), sd, sorted[0], sorted[^1], histogram, anchors);
    }

    /// <summary>Type-7 quantile of sorted values.</summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        if (lo >= sorted.Length - 1) return sorted[^1];
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }
}

/// <summary>One model's Monte Carlo result: a distribution per issue it ran on (scenario order).</summary>
public sealed record ModelDistributions(string Model, int Draws, ulong Seed, IReadOnlyList<OutcomeDistribution> Issues)
{
    public OutcomeDistribution? For(IssueId issue) => Issues.FirstOrDefault(d => d.Issue == issue);
}
