using Parley.Core.Domain;

namespace Parley.Core.Models;

/// <summary>
/// A bargaining model: a pure function from a validated scenario and settings (with a seed) to a result.
/// Implementations must be deterministic for a given seed and free of I/O.
/// </summary>
public interface IModel
{
    ModelInfo Info { get; }

    ScenarioResult Run(Scenario scenario, ModelSettings settings);

    /// <summary>
    /// <see cref="Run(Scenario, ModelSettings)"/> that stops with <see cref="OperationCanceledException"/> once
    /// <paramref name="cancellation"/> fires. Models whose runs take long (round loops over many actors) check it between
    /// rounds; the default checks it once, before the run.
    /// </summary>
    ScenarioResult Run(Scenario scenario, ModelSettings settings, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        return Run(scenario, settings);
    }

    /// <summary>
    /// Refuses, without running, settings the model does not declare or whose values it cannot use
    /// (<see cref="ModelSettingException"/> naming the setting): the same reading of the settings a run does.
    /// </summary>
    void CheckSettings(ModelSettings settings) => settings.Check(Info);
}

/// <summary>A model that works on one issue at a time; multi-issue scenarios run issue by issue.</summary>
public interface IIssueModel : IModel
{
    IssueResult Run(IssueProblem problem, ModelSettings settings);

    /// <summary>Only the forecast, for the hot loops of Monte Carlo and benchmarks (may skip building traces).</summary>
    double Forecast(IssueProblem problem, ModelSettings settings) => Run(problem, settings).Forecast;
}

/// <summary>Base for one-dimensional models: runs <see cref="IIssueModel.Run(IssueProblem, ModelSettings)"/> on each selected issue.</summary>
public abstract class IssueModel : IIssueModel
{
    public abstract ModelInfo Info { get; }

    public abstract IssueResult Run(IssueProblem problem, ModelSettings settings);

    public virtual double Forecast(IssueProblem problem, ModelSettings settings) => Run(problem, settings).Forecast;

    /// <inheritdoc cref="IModel.CheckSettings"/>
    public virtual void CheckSettings(ModelSettings settings) => settings.Check(Info);

    public ScenarioResult Run(Scenario scenario, ModelSettings settings) => Run(scenario, settings, CancellationToken.None);

    /// <summary>Runs each selected issue in turn, checking <paramref name="cancellation"/> before each.</summary>
    public virtual ScenarioResult Run(Scenario scenario, ModelSettings settings, CancellationToken cancellation)
    {
        settings.RejectUnknown(Info);
        var results = new List<IssueResult>();
        foreach (var issue in SelectIssues(scenario, settings))
        {
            cancellation.ThrowIfCancellationRequested();
            results.Add(Run(IssueProblem.From(scenario, issue), settings));
        }
        return new ScenarioResult(Info.Name, results);
    }

    public static IEnumerable<Issue> SelectIssues(Scenario scenario, ModelSettings settings) =>
        settings.Issues is null ? scenario.Issues : scenario.Issues.Where(i => settings.Issues.Contains(i.Id));

    /// <summary>
    /// The results to report of a model that bargains across issues (exchange, smp): it runs on every issue, since
    /// leaving issues out would change the outcome on those kept, and the selection only chooses what is shown
    /// (docs/decisions.md).
    /// </summary>
    public static IReadOnlyList<IssueResult> Shown(IReadOnlyList<IssueResult> results, ModelSettings settings) =>
        settings.Issues is null ? results : results.Where(r => settings.Issues.Contains(r.Issue)).ToArray();
}
