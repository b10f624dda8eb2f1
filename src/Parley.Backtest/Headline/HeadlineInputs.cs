using System.Runtime.CompilerServices;
using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.Baselines;
using Parley.Core.Models.ExpectedUtility;
using Parley.Core.Power;

namespace Parley.Backtest.Headline;

/// <summary>
/// The headline is fitted, calibrated and served separately for these two kinds of decision rule (docs/headline.md,
/// revision 1): bargaining under a veto for everyone differs from bargaining under a (qualified) majority.
/// </summary>
public enum HeadlineRuleGroup
{
    /// <summary>Consensus or unanimity: every actor holds a veto.</summary>
    Consensus,

    /// <summary>Simple or qualified majority (weighted or not).</summary>
    Majority,
}

/// <summary>The models the headline may combine: one-issue models that run in microseconds (see docs/headline.md).</summary>
public enum HeadlineComponent
{
    Compromise,
    Median,
    Eum,
}

/// <summary>
/// What the headline knows about one issue, in percent of the issue's scale (0–100): the component models' forecasts
/// under each capability basis computed (NaN where a model failed or its run did not settle), the agenda setter's
/// position and the status quo (NaN when absent), the spread of the positions, and (backtests) the outcome.
/// <see cref="Notes"/> say which components were dropped and why.
/// </summary>
public sealed record HeadlineRow(string Id, string Group, string Stratum, double Outcome,
    IReadOnlyDictionary<(CapabilityBasis Basis, HeadlineComponent Component), double> Components,
    double Setter, double StatusQuo, double Dispersion, IReadOnlyList<string> Notes)
{
    /// <summary>The issue's kind of decision rule: which of the headline's models serves it.</summary>
    public HeadlineRuleGroup Rule { get; init; } = HeadlineRuleGroup.Consensus;

    public double Component(CapabilityBasis basis, HeadlineComponent component) =>
        Components.TryGetValue((basis, component), out var v) ? v : double.NaN;
}

/// <summary>
/// Computes <see cref="HeadlineRow"/>s: the same code for the backtest's fit and for a forecast, so what is calibrated
/// is what is served. Every component runs with its model's default settings (the headline is calibrated with them;
/// a scenario's model_settings and the command line's options do not reach it).
/// </summary>
public static class HeadlineInputs
{
    /// <summary>The capability bases the selection considers, in its tie-break order.</summary>
    public static IReadOnlyList<CapabilityBasis> Bases { get; } = [CapabilityBasis.Resources, CapabilityBasis.VotingPower, CapabilityBasis.Mix()];

    /// <summary>The spread under which positions count as agreeing (the dispersion interval's floor), points of 0–100.</summary>
    public const double DispersionFloor = 2.5;

    private static readonly IIssueModel Compromise = new CompromiseModel();
    private static readonly IIssueModel Median = new WeightedMedianModel();
    private static readonly IIssueModel Eum = new ExpectedUtilityModel();

    private static IIssueModel ModelOf(HeadlineComponent c) => c switch
    {
        HeadlineComponent.Compromise => Compromise,
        HeadlineComponent.Median => Median,
        _ => Eum,
    };

    /// <summary>The name the component's model has in the catalogue.</summary>
    public static string NameOf(HeadlineComponent c) => ModelOf(c).Info.Name;

    private static readonly ConditionalWeakTable<Scenario, Dictionary<CapabilityBasis, Scenario>> Applied = new();

    /// <summary>The scenario under a basis, computed once per scenario object (a DEU proposal serves all its issues).</summary>
    public static Scenario Under(Scenario resources, CapabilityBasis basis)
    {
        if (basis == CapabilityBasis.Resources) return resources;
        var cache = Applied.GetValue(resources, _ => []);
        lock (cache)
        {
            if (!cache.TryGetValue(basis, out var s)) cache[basis] = s = basis.Apply(resources);
            return s;
        }
    }

    /// <summary>
    /// The row of one issue of a scenario whose capabilities are the actors' resources, with the components asked for
    /// (<paramref name="needed"/>) under their bases. <paramref name="outcome"/> is in percent (NaN for a forecast).
    /// </summary>
    /// <param name="models">Replaces a component's model (tests: a model that reports a run that did not settle).</param>
    public static HeadlineRow Compute(Scenario resources, IssueId issueId, IEnumerable<(CapabilityBasis, HeadlineComponent)> needed,
        string id = "", string group = "", string stratum = "", double outcome = double.NaN,
        IReadOnlyDictionary<HeadlineComponent, IIssueModel>? models = null)
    {
        var issue = resources.Issue(issueId);
        var scale = issue.Scale;
        var components = new Dictionary<(CapabilityBasis, HeadlineComponent), double>();
        var notes = new List<string>();
        foreach (var (basis, component) in needed.Distinct())
        {
            var problem = IssueProblem.From(Under(resources, basis), issue);
            var model = models?.GetValueOrDefault(component) ?? ModelOf(component);
            double value = double.NaN;
            string? why = null;
            try
            {
                var result = model.Run(problem, ModelSettings.Default);
                if (result.Convergence is { Settled: false } c) why = $"its run {Describe(c)}, so its forecast is not a settled point";
                else value = scale.ToPercent(result.Forecast);
                if (why is null && !double.IsFinite(value)) why = "no finite forecast";
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
            {
                why = $"it failed ({e.Message})";
            }
            if (why is not null)
            {
                notes.Add($"{model.Info.Name} ({basis}) left out: {why}");
                value = double.NaN;
            }
            components[(basis, component)] = value;
        }
        var positions = resources.StancesOn(issueId).Select(s => scale.ToPercent(s.Position)).ToArray();
        double mean = positions.Average();
        double dispersion = Math.Sqrt(positions.Sum(p => (p - mean) * (p - mean)) / positions.Length);
        double setter = resources.SetterFor(issue) is { } sid && resources.StanceOf(sid, issueId) is { } st ? scale.ToPercent(st.Position) : double.NaN;
        double statusQuo = issue.StatusQuo is { } q ? scale.ToPercent(q) : double.NaN;
        return new HeadlineRow(id, group, stratum, outcome, components, setter, statusQuo, dispersion, notes)
        {
            Rule = GroupOf(resources.RuleFor(issue)),
        };
    }

    public static HeadlineRuleGroup GroupOf(DecisionRule rule) =>
        rule is DecisionRule.Consensus ? HeadlineRuleGroup.Consensus : HeadlineRuleGroup.Majority;

    private static string Describe(Convergence c) => c.Status switch
    {
        ConvergenceStatus.Cycled => $"cycled (after {c.Rounds} rounds)",
        ConvergenceStatus.RoundCap => $"was still moving at its round cap ({c.Rounds} rounds)",
        _ => c.Status.ToString().ToLowerInvariant(),
    };

    /// <summary>Every component under every basis: what the selection needs.</summary>
    public static IReadOnlyList<(CapabilityBasis, HeadlineComponent)> All { get; } =
        [.. Bases.SelectMany(b => Enum.GetValues<HeadlineComponent>().Select(c => (b, c)))];
}
