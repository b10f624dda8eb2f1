using System.Runtime.CompilerServices;
using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.Baselines;

namespace Parley.Backtest;

/// <summary>A case ready to predict: the case and its scenario under the run's capability convention.</summary>
public sealed class PreparedCase(BacktestCase c, Scenario scenario)
{
    private IssueProblem? _problem;

    public BacktestCase Case { get; } = c;
    public Scenario Scenario { get; } = scenario;
    public Issue Issue => Scenario.Issue(Case.Issue);

    /// <summary>The case's issue as a one-dimensional problem (actors with a position on it).</summary>
    public IssueProblem Problem => _problem ??= IssueProblem.From(Scenario, Issue);

    /// <summary>The known outcome in percent of the issue's scale (0–100).</summary>
    public double OutcomePercent => Issue.Scale.ToPercent(Case.Outcome);
}

/// <summary>
/// Something that forecasts a case's outcome: a Parley model, or a benchmark of the backtest.
/// Forecasts are in percent of the issue's scale (0–100), so errors compare across data sets.
/// </summary>
public interface IPredictor
{
    string Name { get; }

    /// <summary>"model" (from the catalogue), "benchmark" (a simple reference predictor) or "tuned" (cross-validated).</summary>
    string Kind { get; }

    /// <summary>The forecast in percent of the issue's scale, or null when the predictor does not apply (e.g. no status quo).</summary>
    double? Predict(PreparedCase c);
}

/// <summary>A predictor that also gives an 80 % interval (p10, p90) in percent of the scale; the backtest reports its coverage.</summary>
public interface IIntervalPredictor : IPredictor
{
    /// <summary>The interval of the forecast <see cref="IPredictor.Predict"/> gives, or null where it gives none.</summary>
    PredictionInterval? Interval(PreparedCase c);
}

/// <summary>A predictor with parameters tuned on training cases; the backtest reports its held-out error only.</summary>
public interface ITunedPredictor : IPredictor
{
    /// <summary>The predictor with its parameters chosen on <paramref name="training"/> (and a description of the choice).</summary>
    (IPredictor Fitted, string Choice) Fit(IReadOnlyList<PreparedCase> training);
}

/// <summary>
/// Runs any model of the catalogue on a case: one-issue models on the case's issue alone; other models on the
/// case's whole scenario (for DEU: the proposal), run once per scenario and capability convention and cached.
/// </summary>
public sealed class ModelPredictor(IModel model, ModelSettings? settings = null, string? name = null) : IPredictor
{
    private readonly ModelSettings _settings = settings ?? ModelSettings.Default;
    private readonly ConditionalWeakTable<Scenario, ScenarioResult> _runs = new();

    public IModel Model { get; } = model;

    /// <summary>The model's name, or the name it was asked by with its settings (e.g. <c>eum:variant=paper</c>).</summary>
    public string Name { get; } = name ?? model.Info.Name;
    public string Kind => "model";

    public double? Predict(PreparedCase c)
    {
        double forecast;
        if (Model is IIssueModel m) forecast = m.Forecast(c.Problem, _settings);
        else
        {
            if (!_runs.TryGetValue(c.Scenario, out var run))
            {
                run = Model.Run(c.Scenario, _settings);
                _runs.AddOrUpdate(c.Scenario, run);
            }
            forecast = (run.For(c.Case.Issue)
                ?? throw new InvalidOperationException($"model '{Name}' returned no result for issue {c.Case.Issue}")).Forecast;
        }
        return c.Issue.Scale.ToPercent(forecast);
    }
}

/// <summary>Benchmark: the agenda setter's position (on DEU, the Commission's proposal position).</summary>
public sealed class AgendaSetterPredictor : IPredictor
{
    public string Name => "agenda-setter";
    public string Kind => "benchmark";

    public double? Predict(PreparedCase c) =>
        c.Problem.SetterIndex is { } k ? c.Issue.Scale.ToPercent(c.Problem.Positions[k]) : null;
}

/// <summary>Benchmark: the reference point (status quo) — "nothing changes".</summary>
public sealed class ReferencePointPredictor : IPredictor
{
    public string Name => "reference-point";
    public string Kind => "benchmark";

    public double? Predict(PreparedCase c) => c.Issue.StatusQuo is { } q ? c.Issue.Scale.ToPercent(q) : null;
}

/// <summary>
/// A procedural (agenda-setter / veto-player) model: the setter proposes the point of the win-set of the status
/// quo closest to its own position (Steunenberg 1994; Tsebelis &amp; Garrett 2000; Crombez 1996; Thomson et al. 2006,
/// ch. 4–5; docs/specs/baselines.md §3.4). Under unanimity the pivot is the voter closest to the status quo on
/// the setter's side; under a qualified majority, the voter at which the cumulative weight (ordered from the far side
/// toward q) first reaches the quota(s); actors with <see cref="Actor.Veto"/> (the Parliament under co-decision)
/// bound the outcome too. Forecast: clamp(x_setter, q, 2·x_pivot − q); the status quo when a veto player lies at or
/// beyond q. Voters: the actors weighted in the rule's table; under consensus, the actors of group "council" when
/// the scenario has that group (DEU), else every actor but the setter. Quotas are shares of the positioned voters'
/// weights (absent members abstain; see docs/decisions.md). Does not apply without a status quo or a setter position.
/// </summary>
public sealed class ProceduralPredictor : IPredictor
{
    public string Name => "procedural";
    public string Kind => "benchmark";

    public double? Predict(PreparedCase c) => Forecast(c) is { } f ? c.Issue.Scale.ToPercent(f) : null;

    public static double? Forecast(PreparedCase c)
    {
        var p = c.Problem;
        if (p.StatusQuo is not { } q || p.SetterIndex is not { } setter) return null;
        double a = p.Positions[setter];
        if (a == q) return q;
        int side = a > q ? 1 : -1;
        double bound = side * (a - q); // how far toward the setter the outcome may move
        var voters = Voters(c, setter);
        if (voters.Count > 0)
            bound = Math.Min(bound, 2 * PivotDistance(p, voters, q, side));
        for (int i = 0; i < p.Count; i++)
            if (i != setter && p.Vetoes[i])
                bound = Math.Min(bound, 2 * side * (p.Positions[i] - q));
        return bound <= 0 ? q : q + side * bound;
    }

    private static List<int> Voters(PreparedCase c, int setter)
    {
        var p = c.Problem;
        var idx = Enumerable.Range(0, p.Count).Where(i => i != setter);
        return p.Rule switch
        {
            DecisionRule.QualifiedMajority qm when qm.Weights is { } w => idx.Where(i => w.GetValueOrDefault(p.Actors[i].Id) > 0).ToList(),
            DecisionRule.Majority m when m.Weights is { } w => idx.Where(i => w.GetValueOrDefault(p.Actors[i].Id) > 0).ToList(),
            _ when p.Actors.Any(x => x.Group == "council") => idx.Where(i => p.Actors[i].Group == "council").ToList(),
            _ => idx.ToList(),
        };
    }

    /// <summary>Signed distance (toward the setter) from q of the pivotal voter.</summary>
    private static double PivotDistance(IssueProblem p, List<int> voters, double q, int side)
    {
        var d = voters.Select(i => side * (p.Positions[i] - q)).ToArray();
        var order = Enumerable.Range(0, voters.Count).OrderByDescending(k => d[k]).ThenBy(k => k).ToArray();
        if (p.Rule is DecisionRule.Consensus) return d.Min();
        var (t1, w1, t2, w2) = p.Rule switch
        {
            DecisionRule.QualifiedMajority qm => (qm.Threshold, qm.Weights, qm.SecondThreshold, qm.SecondWeights),
            DecisionRule.Majority m => (0.5, m.Weights, (double?)null, (IReadOnlyDictionary<ActorId, double>?)null),
            _ => (1.0, null, null, null),
        };
        double W(IReadOnlyDictionary<ActorId, double>? table, int k) => table is null ? 1.0 : table.GetValueOrDefault(p.Actors[voters[k]].Id);
        double total1 = Enumerable.Range(0, voters.Count).Sum(k => W(w1, k));
        double total2 = Enumerable.Range(0, voters.Count).Sum(k => W(w2, k));
        double c1 = 0, c2 = 0;
        foreach (int k in order)
        {
            c1 += W(w1, k);
            c2 += W(w2, k);
            bool first = c1 >= t1 * total1 - 1e-12;
            bool second = t2 is not { } tt || total2 <= 0 || c2 >= tt * total2 - 1e-12;
            if (first && second) return d[k];
        }
        return d[order[^1]];
    }
}
