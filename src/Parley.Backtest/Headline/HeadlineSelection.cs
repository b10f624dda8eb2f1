using Parley.Core.Power;

namespace Parley.Backtest.Headline;

/// <summary>One headline forecast: the point, its 80 % interval (percent of the scale) and what was done instead where a component was missing.</summary>
public sealed record HeadlinePoint(double Forecast, PredictionInterval Interval, IReadOnlyList<string> Notes);

/// <summary>The headline: a fitted combination and its calibrated interval.</summary>
public sealed record HeadlineModel(HeadlineCombination Combination, HeadlineInterval Interval)
{
    public HeadlinePoint? Predict(HeadlineRow row)
    {
        var notes = new List<string>(row.Notes);
        if (Combination.Predict(row, notes) is not { } f) return null;
        return new HeadlinePoint(f, Interval.Around(f, Interval.ScaleOf(row)), notes.Distinct().ToArray());
    }

    /// <summary>The components (with their basis) a forecast needs.</summary>
    public IReadOnlyList<(CapabilityBasis, HeadlineComponent)> Needed => Combination.Components.Select(c => (Combination.Basis, c)).ToArray();

    /// <summary>The method in words, for reports and the JSON's <c>method</c>.</summary>
    public string Describe() =>
        $"{Combination.Describe()}; 80 % interval from held-out residuals ({(Interval.Scaling == IntervalScaling.Absolute ? "absolute" : "scaled by the spread of positions")})";
}

/// <summary>
/// The headline as shipped or fitted: one <see cref="HeadlineModel"/> per kind of decision rule; an issue is served by
/// the model of its rule's group (null when the spec has none for it).
/// </summary>
public sealed record HeadlineSpec(IReadOnlyDictionary<HeadlineRuleGroup, HeadlineModel> Models)
{
    public HeadlineModel? For(HeadlineRuleGroup group) => Models.GetValueOrDefault(group);

    public HeadlinePoint? Predict(HeadlineRow row) => For(row.Rule)?.Predict(row);

    /// <summary>The groups' choices in a few words, e.g. <c>consensus: stack/mix+dispersion; majority: compromise/resources+absolute</c>.</summary>
    public string Choice => string.Join("; ", Models.OrderBy(m => m.Key).Select(m =>
        $"{m.Key.ToString().ToLowerInvariant()}: {m.Value.Combination.Name}+{m.Value.Interval.Scaling.ToString().ToLowerInvariant()}"));
}

/// <summary>A candidate family under one basis: its name and how it is fitted to weighted training rows.</summary>
public sealed record HeadlineCandidate(string Name, Func<IReadOnlyList<HeadlineRow>, IReadOnlyList<double>, HeadlineCombination> Fit);

/// <summary>What the selection found in one rule group: the model, and the inner cross-validation scores it was chosen by.</summary>
public sealed record HeadlineGroupFit(HeadlineRuleGroup Group, int Cases, HeadlineModel Model,
    IReadOnlyList<(string Candidate, double Mae)> CandidateScores, IReadOnlyList<(IntervalScaling Scaling, double Score)> IntervalScores);

/// <summary>What a selection found: the spec, and per rule group how it was chosen.</summary>
public sealed record HeadlineFit(HeadlineSpec Spec, IReadOnlyList<HeadlineGroupFit> Groups);

/// <summary>
/// The headline's selection procedure (docs/headline.md), run on training rows only: inner k-fold cross-validation by
/// group (dealt per data set), every candidate fitted on the inner training folds and scored on the held-out fold by
/// the data-set-balanced mean absolute error; the best is refitted on all rows; its inner held-out residuals calibrate
/// the interval, whose scaling is chosen by the balanced interval score in leave-one-inner-fold-out.
/// </summary>
public static class HeadlineSelection
{
    /// <summary>The candidates in tie-break order: per family, per basis.</summary>
    public static IReadOnlyList<HeadlineCandidate> Candidates { get; } =
    [
        .. HeadlineInputs.Bases.Select(b => new HeadlineCandidate($"compromise/{b}", (_, _) => new CompromiseCombination(b))),
        .. HeadlineInputs.Bases.Select(b => new HeadlineCandidate($"stack/{b}", (rows, w) => StackCombination.Fit(b, rows, w))),
        .. HeadlineInputs.Bases.Select(b => new HeadlineCandidate($"convex/{b}", (rows, w) => ConvexCombination.Fit(b, rows, w))),
    ];

    /// <summary>The seed of the inner folds, derived from the run's seed so that they differ from the outer folds' shuffle.</summary>
    public static ulong InnerSeed(ulong seed) => seed ^ 0x9E3779B97F4A7C15UL;

    /// <summary>
    /// Case weights making every data set (stratum) weigh the same in total: 1 / (number of strata × cases of its stratum).
    /// </summary>
    public static double[] BalancedWeights(IReadOnlyList<HeadlineRow> rows)
    {
        var counts = rows.GroupBy(r => r.Stratum).ToDictionary(g => g.Key, g => g.Count());
        return rows.Select(r => 1.0 / (counts.Count * counts[r.Stratum])).ToArray();
    }

    /// <summary>Σ w |y − f| / Σ w over the rows the predictor forecasts (∞ when it forecasts none).</summary>
    public static double WeightedMae(IReadOnlyList<HeadlineRow> rows, IReadOnlyList<double> weights, Func<HeadlineRow, double?> predict)
    {
        double sum = 0, total = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            if (predict(rows[i]) is not { } f) continue;
            sum += weights[i] * Math.Abs(rows[i].Outcome - f);
            total += weights[i];
        }
        return total > 0 ? sum / total : double.PositiveInfinity;
    }

    /// <summary>
    /// The selection on training rows: inner folds are dealt once over all rows (by group, per data set); then each rule
    /// group's rows are selected, fitted and calibrated on their own (docs/headline.md, revision 1).
    /// </summary>
    public static HeadlineFit Select(IReadOnlyList<HeadlineRow> rows, ulong seed, int folds = 10, IReadOnlyList<HeadlineCandidate>? candidates = null)
    {
        if (rows.Count == 0) throw new ArgumentException("no training cases");
        var assignment = Folds.AssignStratified(rows.Select(r => (r.Group, r.Stratum)), folds, InnerSeed(seed));
        var groups = new List<HeadlineGroupFit>();
        foreach (var group in Enum.GetValues<HeadlineRuleGroup>())
        {
            var subset = rows.Where(r => r.Rule == group).ToArray();
            if (subset.Length > 0) groups.Add(SelectGroup(group, subset, subset.Select(r => assignment[r.Group]).ToArray(), candidates ?? Candidates));
        }
        return new HeadlineFit(new HeadlineSpec(groups.ToDictionary(g => g.Group, g => g.Model)), groups);
    }

    private static HeadlineGroupFit SelectGroup(HeadlineRuleGroup group, IReadOnlyList<HeadlineRow> rows, int[] fold,
        IReadOnlyList<HeadlineCandidate> candidates)
    {
        var weights = BalancedWeights(rows);
        int k = fold.Max() + 1;

        // inner held-out forecasts of every candidate
        var scores = new List<(string, double)>();
        int best = -1;
        double bestMae = double.PositiveInfinity;
        double[]? bestHeldOut = null;
        for (int c = 0; c < candidates.Count; c++)
        {
            var heldOut = HeldOut(candidates[c], rows, fold, k);
            double mae = WeightedMae(rows, weights, heldOut);
            scores.Add((candidates[c].Name, mae));
            if (mae < bestMae - 1e-12) { bestMae = mae; best = c; bestHeldOut = heldOut; }
        }
        if (best < 0) throw new InvalidOperationException("no candidate forecast any training case");
        var combination = candidates[best].Fit(rows, weights);

        // the interval: residuals of the chosen candidate's inner held-out forecasts
        var usable = Enumerable.Range(0, rows.Count).Where(i => double.IsFinite(bestHeldOut![i])).ToArray();
        var intervalScores = new List<(IntervalScaling, double)>();
        HeadlineInterval? interval = null;
        double bestScore = double.PositiveInfinity;
        foreach (var scaling in Enum.GetValues<IntervalScaling>())
        {
            double score = 0, total = 0;
            for (int f = 0; f < k; f++)
            {
                var train = usable.Where(i => fold[i] != f).ToArray();
                var test = usable.Where(i => fold[i] == f).ToArray();
                if (train.Length == 0 || test.Length == 0) continue;
                var calibration = Calibrate(scaling, rows, bestHeldOut!, train);
                foreach (int i in test)
                {
                    var interval_i = calibration.Around(bestHeldOut![i], calibration.ScaleOf(rows[i]));
                    score += weights[i] * HeadlineInterval.Score(interval_i, rows[i].Outcome);
                    total += weights[i];
                }
            }
            double mean = total > 0 ? score / total : double.PositiveInfinity;
            intervalScores.Add((scaling, mean));
            if (mean < bestScore - 1e-12) { bestScore = mean; interval = Calibrate(scaling, rows, bestHeldOut!, usable); }
        }
        return new HeadlineGroupFit(group, rows.Count, new HeadlineModel(combination, interval!), scores, intervalScores);
    }

    /// <summary>Σ w |y − f| / Σ w over the rows with a finite forecast in <paramref name="forecasts"/>.</summary>
    public static double WeightedMae(IReadOnlyList<HeadlineRow> rows, IReadOnlyList<double> weights, IReadOnlyList<double> forecasts)
    {
        double sum = 0, total = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            if (!double.IsFinite(forecasts[i])) continue;
            sum += weights[i] * Math.Abs(rows[i].Outcome - forecasts[i]);
            total += weights[i];
        }
        return total > 0 ? sum / total : double.PositiveInfinity;
    }

    /// <summary>Each row's forecast by the candidate fitted without the row's fold (NaN where it gives none).</summary>
    private static double[] HeldOut(HeadlineCandidate candidate, IReadOnlyList<HeadlineRow> rows, int[] fold, int k)
    {
        var result = Enumerable.Repeat(double.NaN, rows.Count).ToArray();
        for (int f = 0; f < k; f++)
        {
            var train = Enumerable.Range(0, rows.Count).Where(i => fold[i] != f).Select(i => rows[i]).ToArray();
            if (train.Length == 0) continue;
            var fitted = candidate.Fit(train, BalancedWeights(train));
            for (int i = 0; i < rows.Count; i++)
                if (fold[i] == f && fitted.Predict(rows[i]) is { } p) result[i] = p;
        }
        return result;
    }

    /// <summary>The interval calibrated on the residuals of the rows <paramref name="use"/>, balanced over their data sets.</summary>
    private static HeadlineInterval Calibrate(IntervalScaling scaling, IReadOnlyList<HeadlineRow> rows, double[] forecasts, int[] use)
    {
        var subset = use.Select(i => rows[i]).ToArray();
        var weights = BalancedWeights(subset);
        var residuals = use.Select(i => rows[i].Outcome - forecasts[i]).ToArray();
        var scales = use.Select(i => Math.Max(rows[i].Dispersion, HeadlineInputs.DispersionFloor)).ToArray();
        return HeadlineInterval.Calibrate(scaling, residuals, scales, weights);
    }
}
