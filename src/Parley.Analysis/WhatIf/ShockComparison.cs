using Parley.Core.Domain;
using Parley.Core.Modelling;

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
        var outcomes = new List<ShockOutcome>();
        foreach (var shock in shocks)
        {
            try
            {
                var run = ShockPlan.Prepare(scenario, model, settings, shock.Interventions);
                var shocked = model.Run(run.Scenario, run.Settings);
                var effects = baseline.Issues
                    .Select(r => new ShockEffect(r.Issue, r.Forecast, shocked.For(r.Issue)?.Forecast ?? double.NaN))
                    .ToArray();
                outcomes.Add(new ShockOutcome(shock, model.Info.Name, effects, run.Notes));
            }
            catch (Exception e) when (e is WhatIfException or ArgumentException or ModelSettingException or Parley.Core.ModelRefusedException or InvalidOperationException)
            {
                outcomes.Add(new ShockOutcome(shock, model.Info.Name, [], [], e.Message));
            }
        }
        return outcomes;
    }
}
