using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Analysis.WhatIf;

/// <summary>One issue's forecast without and with a shock.</summary>
public sealed record ShockEffect(IssueId Issue, double Without, double With)
{
    public double Change => With - Without;
}

/// <summary>What one shock does to one model's forecasts; <see cref="Error"/> is set when the shocked run failed.</summary>
public sealed record ShockOutcome(Shock Shock, string Model, IReadOnlyList<ShockEffect> Effects, IReadOnlyList<string> Notes, string? Error = null);

/// <summary>Runs a model with and without each shock (point inputs) so reports can show what each shock changes.</summary>
public static class ShockComparison
{
    public static IReadOnlyList<ShockOutcome> Compare(Scenario scenario, IModel model, ModelSettings settings, IEnumerable<Shock> shocks)
    {
        var baseline = model.Run(scenario, settings);
        return shocks.Select(shock => Outcome(baseline, model, shock, Shocked(scenario, model, settings, shock))).ToArray();
    }

    /// <summary>One shocked run: the model's result with the shock applied and the notes, or the error that stopped it.</summary>
    public static (ScenarioResult? Result, IReadOnlyList<string> Notes, string? Error) Shocked(Scenario scenario, IModel model,
        ModelSettings settings, Shock shock)
    {
        try
        {
            var run = ShockPlan.Prepare(scenario, model, settings, shock.Interventions);
            return (model.Run(run.Scenario, run.Settings), run.Notes, null);
        }
        catch (Exception e) when (e is Core.ParleyException or ArgumentException or InvalidOperationException)
        {
            // a what-if that does not apply says so itself; a model's refusal or failure is worded as everywhere
            return (null, [], e is WhatIfException ? e.Message : ModelFailure.Describe(e));
        }
    }

    /// <summary>What a shocked run (or its error) changes against the baseline, issue by issue of the baseline.</summary>
    public static ShockOutcome Outcome(ScenarioResult baseline, IModel model, Shock shock,
        (ScenarioResult? Result, IReadOnlyList<string> Notes, string? Error) shocked) => Outcome(baseline, model, shock,
        shocked.Result is { } r ? issue => r.For(issue)?.Forecast ?? double.NaN : null, shocked.Notes, shocked.Error);

    /// <summary>The same from the shocked forecast per issue (<paramref name="with"/> is null when the run failed).</summary>
    public static ShockOutcome Outcome(ScenarioResult baseline, IModel model, Shock shock, Func<IssueId, double>? with,
        IReadOnlyList<string> notes, string? error) =>
        error is not null || with is null
            ? new ShockOutcome(shock, model.Info.Name, [], [], error)
            : new ShockOutcome(shock, model.Info.Name, baseline.Issues.Select(r => new ShockEffect(r.Issue, r.Forecast, with(r.Issue))).ToArray(), notes);
}
