namespace Parley.Backtest.Headline;

/// <summary>One predictor's held-out scores on one data set of a pooled run.</summary>
public sealed record StratumScore(string Stratum, string Model, ErrorSummary Errors, IntervalSummary? Intervals);

/// <summary>
/// The headline against a benchmark on the cases the benchmark forecasts (benchmarks abstain where they cannot apply,
/// so a fair comparison uses the same cases).
/// </summary>
public sealed record PairedScore(string Stratum, string Benchmark, int N, double HeadlineMae, double BenchmarkMae,
    double HeadlineWithin10, double BenchmarkWithin10);

/// <summary>
/// The headline's evaluation and fit (<c>parley backtest DEU data/cases --fit-headline</c>): the nested
/// cross-validation (outer folds by group, dealt per data set; the whole selection inside each) with the benchmarks
/// scored on the same cases, the per-data-set tables, and the selection run once on every case — the model to ship.
/// </summary>
public sealed record HeadlineEvaluation(BacktestReport Report, IReadOnlyList<StratumScore> Strata, IReadOnlyList<PairedScore> Paired,
    IReadOnlyList<HeadlineFit> OuterFits, HeadlineFit Final)
{
    /// <summary>The benchmarks the brief names: the compromise mean, the agenda setter, the status quo.</summary>
    public static readonly string[] PairedBenchmarks = ["compromise/equal", "compromise/resources", "agenda-setter", "reference-point"];

    public static HeadlineEvaluation Run(BacktestDataset pooled, BacktestOptions options, CancellationToken cancellation = default)
    {
        var headline = new HeadlinePredictor(options.Seed);
        IReadOnlyList<IPredictor> predictors =
        [
            headline,
            .. HeadlinePredictor.CompromiseBenchmarks(),
            new AgendaSetterPredictor(),
            new ReferencePointPredictor(),
        ];
        var report = Backtester.Run(pooled, predictors, CapabilityConvention.AsGiven, options);
        cancellation.ThrowIfCancellationRequested();
        var strata = report.Errors.Select(e => e.Stratum).Distinct().Order(StringComparer.Ordinal).ToArray();
        var scores = new List<StratumScore>();
        foreach (var stratum in strata)
            foreach (var model in report.Models)
            {
                var rows = report.Errors.Where(e => e.Stratum == stratum && e.Model == model.Name).ToArray();
                scores.Add(new StratumScore(stratum, model.Name, ErrorSummary.Of(rows.Select(r => r.AbsError).ToArray()), IntervalSummary.Of(rows)));
            }
        var paired = new List<PairedScore>();
        foreach (var stratum in strata)
        {
            var mine = report.Errors.Where(e => e.Stratum == stratum && e.Model == headline.Name).ToDictionary(e => e.Case);
            foreach (var benchmark in PairedBenchmarks)
            {
                var theirs = report.Errors.Where(e => e.Stratum == stratum && e.Model == benchmark && mine.ContainsKey(e.Case)).ToArray();
                if (theirs.Length == 0) continue;
                var ours = theirs.Select(t => mine[t.Case]).ToArray();
                paired.Add(new PairedScore(stratum, benchmark, theirs.Length, ours.Average(e => e.AbsError), theirs.Average(e => e.AbsError),
                    Within(ours), Within(theirs)));
            }
        }
        // the model to ship: the same procedure on every case
        var prepared = pooled.Cases.Select(c => new PreparedCase(c, c.Scenario)).ToArray();
        var final = HeadlineSelection.Select(prepared.Select(headline.Row).ToArray(), options.Seed);
        return new HeadlineEvaluation(report, scores, paired, headline.Fits.ToArray(), final);
    }

    private static double Within(IReadOnlyList<CaseError> rows) =>
        rows.Count(r => r.AbsError <= ErrorSummary.WithinThreshold + 1e-9) / (double)rows.Count;
}
