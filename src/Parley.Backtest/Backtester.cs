using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Backtest;

/// <summary>One predictor's scores: its errors, the cases it could not forecast, and (tuned) the choice per fold.</summary>
public sealed record ModelScore(string Name, string Kind, ErrorSummary Errors, int NotApplicable, int Failed,
    string? FirstFailure, IReadOnlyList<string> FoldChoices)
{
    /// <summary>True when the errors are held-out (cross-validated) errors.</summary>
    public bool HeldOut => FoldChoices.Count > 0;

    /// <summary>How often the predictor's 80 % intervals held the outcome (predictors that give intervals only).</summary>
    public IntervalSummary? Intervals { get; init; }
}

/// <summary>One forecast of one case by one predictor (the per-case CSV row). Fold is −1 for untuned predictors.</summary>
public sealed record CaseError(string Case, string Group, string Model, int Fold, double Forecast, double Outcome)
{
    public double AbsError => Math.Abs(Forecast - Outcome);

    /// <summary>The data set of the case when several are pooled ("" otherwise).</summary>
    public string Stratum { get; init; } = "";

    /// <summary>The predictor's interval (p10, p90), when it gives one.</summary>
    public PredictionInterval? Interval { get; init; }
}

/// <summary>The result of a backtest: what was scored, and every predictor's errors.</summary>
public sealed record BacktestReport(string Dataset, string Capability, int Cases, int Skipped, int Folds, ulong Seed,
    IReadOnlyList<ModelScore> Models, IReadOnlyList<CaseError> Errors, IReadOnlyList<SkippedCase> SkippedCases);

/// <summary>A data set's cases ready to predict under the capability convention named <see cref="Capability"/>, and the cases it could not take.</summary>
public sealed record PreparedCases(string Capability, IReadOnlyList<PreparedCase> Cases, IReadOnlyList<SkippedCase> Skipped);

/// <summary>Options of a backtest run.</summary>
public sealed record BacktestOptions
{
    /// <summary>Folds for tuned predictors (cross-validation by group); the default is 10.</summary>
    public int Folds { get; init; } = 10;

    /// <summary>Fixes the fold assignment and the models' random draws.</summary>
    public ulong Seed { get; init; } = ModelSettings.DefaultSeed;

    public ModelSettings Settings { get; init; } = ModelSettings.Default;
}

/// <summary>
/// Scores predictors on a data set: every case is prepared under a capability convention, each untuned predictor
/// forecasts every case, each tuned predictor is fitted on k − 1 folds and scored on the held-out fold
/// (reporting held-out errors only).
/// </summary>
public static class Backtester
{
    /// <summary>The predictors of a default run: every catalogue model, then the benchmarks, then the tuned combinations.</summary>
    public static IReadOnlyList<IPredictor> DefaultPredictors(ModelSettings? settings = null) =>
    [
        .. ModelCatalog.All.Select(m => (IPredictor)new ModelPredictor(m, settings)),
        .. Benchmarks(),
        .. TunedPredictors.All(settings),
    ];

    public static IReadOnlyList<IPredictor> Benchmarks() =>
        [new AgendaSetterPredictor(), new ReferencePointPredictor(), new ProceduralPredictor()];

    /// <summary>
    /// Finds a predictor by name: a catalogue model, a benchmark or a tuned combination (case-insensitive). A model
    /// may carry its own settings as <c>NAME:KEY=VALUE,KEY=VALUE</c> (e.g. <c>eum:variant=paper</c>), so variants of
    /// one model can be scored side by side; the settings are checked against the model's declared parameters.
    /// </summary>
    public static IPredictor? Find(string name, ModelSettings? settings = null)
    {
        int colon = name.IndexOf(':');
        if (colon < 0)
            return DefaultPredictors(settings).FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        var model = ModelCatalog.Find(name[..colon]);
        if (model is null) return null;
        var s = settings ?? ModelSettings.Default;
        foreach (var pair in name[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = pair.IndexOf('=');
            if (eq <= 0 || eq == pair.Length - 1) throw new ModelSettingException($"model '{name}': '{pair}' is not KEY=VALUE");
            s = s.With(pair[..eq].Trim(), pair[(eq + 1)..].Trim());
        }
        s.RejectUnknown(model.Info);
        return new ModelPredictor(model, s, name);
    }

    public static IReadOnlyList<string> Names(ModelSettings? settings = null) => DefaultPredictors(settings).Select(p => p.Name).ToArray();

    public static BacktestReport Run(BacktestDataset dataset, IReadOnlyList<IPredictor> predictors,
        CapabilityConvention capability, BacktestOptions? options = null) =>
        Run(dataset, Prepare(dataset, capability), predictors, options);

    /// <summary>The data set's cases under a capability convention (one scenario per proposal, so models can cache runs), and those it cannot take.</summary>
    public static PreparedCases Prepare(BacktestDataset dataset, CapabilityConvention capability)
    {
        var skipped = dataset.Skipped.ToList();
        var prepared = new List<PreparedCase>();
        var applied = new Dictionary<(Scenario, DateOnly?), Scenario>();
        foreach (var c in dataset.Cases)
        {
            try
            {
                if (!applied.TryGetValue((c.Scenario, c.DecisionDate), out var s))
                    applied[(c.Scenario, c.DecisionDate)] = s = capability.Apply(c);
                prepared.Add(new PreparedCase(c, s));
            }
            catch (ArgumentException e) { skipped.Add(new SkippedCase(c.Id, $"capability ({capability.Name}): {e.Message}")); }
        }
        return new PreparedCases(capability.Name, prepared, skipped);
    }

    /// <summary>Scores the predictors on prepared cases (<see cref="Prepare"/>).</summary>
    public static BacktestReport Run(BacktestDataset dataset, PreparedCases cases, IReadOnlyList<IPredictor> predictors, BacktestOptions? options = null)
    {
        options ??= new BacktestOptions();
        var prepared = cases.Cases;
        var skipped = cases.Skipped;
        var fold = Folds.AssignStratified(prepared.Select(c => (c.Case.Group, c.Case.Stratum)), Math.Max(1, options.Folds), options.Seed);
        var scores = new List<ModelScore>();
        var errors = new List<CaseError>();
        foreach (var p in predictors)
        {
            var rows = new List<CaseError>();
            int notApplicable = 0, failed = 0;
            string? firstFailure = null;
            var choices = new List<string>();
            void Score(IPredictor predictor, PreparedCase c, int f)
            {
                try
                {
                    if (predictor.Predict(c) is { } forecast && double.IsFinite(forecast))
                        rows.Add(new CaseError(c.Case.Id, c.Case.Group, p.Name, f, forecast, c.OutcomePercent)
                        {
                            Stratum = c.Case.Stratum,
                            Interval = (predictor as IIntervalPredictor)?.Interval(c),
                        });
                    else notApplicable++;
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or ModelSettingException or Parley.Core.ModelRefusedException or ArithmeticException)
                {
                    failed++;
                    firstFailure ??= $"{c.Case.Id}: {e.Message}";
                }
            }
            if (p is ITunedPredictor tuned && options.Folds >= 2)
            {
                for (int f = 0; f < options.Folds; f++)
                {
                    var training = prepared.Where(c => fold[c.Case.Group] != f).ToArray();
                    var test = prepared.Where(c => fold[c.Case.Group] == f).ToArray();
                    if (test.Length == 0) continue;
                    if (training.Length == 0)
                    {
                        // every case is in this fold (one proposal): nothing is left to tune on, so nothing is held out
                        notApplicable += test.Length;
                        continue;
                    }
                    var (fitted, choice) = tuned.Fit(training);
                    choices.Add(choice);
                    foreach (var c in test) Score(fitted, c, f);
                }
                var order = prepared.Select((c, i) => (c.Case.Id, i)).ToDictionary(t => t.Id, t => t.i);
                rows = rows.OrderBy(r => order[r.Case]).ToList();
            }
            else
            {
                foreach (var c in prepared) Score(p, c, -1);
            }
            scores.Add(new ModelScore(p.Name, p.Kind, ErrorSummary.Of(rows.Select(r => r.AbsError).ToArray()),
                notApplicable, failed, firstFailure, choices) { Intervals = IntervalSummary.Of(rows) });
            errors.AddRange(rows);
        }
        return new BacktestReport(dataset.Name, cases.Capability, prepared.Count, skipped.Count, options.Folds, options.Seed,
            scores, errors, skipped);
    }
}
