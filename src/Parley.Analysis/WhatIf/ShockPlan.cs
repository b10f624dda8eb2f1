using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Analysis.WhatIf;

/// <summary>The scenario and settings one model runs with once a set of interventions is applied, and what was approximated.</summary>
public sealed record PreparedRun(Scenario Scenario, ModelSettings Settings, IReadOnlyList<string> Notes);

/// <summary>
/// Turns interventions into a run of one model. Round-0 interventions change the scenario before the run
/// (<see cref="Scenario.Apply"/>). Later rounds go to <see cref="ModelSettings.Interventions"/> for dynamic
/// (round-based) models, which apply them between rounds; a static model has no rounds, so it gets the round-0
/// equivalent with a note saying so. An input an intervention sets loses its range: a what-if fixes that input, so
/// Monte Carlo draws it no more.
/// </summary>
public static class ShockPlan
{
    public static PreparedRun Prepare(Scenario scenario, IModel model, ModelSettings settings, IReadOnlyList<Intervention> interventions)
    {
        if (interventions.Count == 0) return new PreparedRun(scenario, settings, []);
        var notes = new List<string>();
        var now = new List<Intervention>();
        var later = new List<Intervention>();
        foreach (var iv in interventions)
        {
            if (iv.AtRound <= 0) now.Add(iv);
            else if (model.Info.IsDynamic) later.Add(iv);
            else
            {
                now.Add(iv);
                notes.Add($"'{model.Info.Name}' has no rounds: \"{iv}\" is applied before the run instead");
            }
        }
        var prepared = now.Count == 0 ? scenario : ApplyFixed(scenario, now);
        var prepSettings = later.Count == 0 ? settings : settings with { Interventions = [.. settings.Interventions, .. later] };
        return new PreparedRun(prepared, prepSettings, notes);
    }

    /// <summary>Applies interventions now (whatever their round) and drops the range of every input they set.</summary>
    public static Scenario ApplyFixed(Scenario scenario, IReadOnlyList<Intervention> interventions)
    {
        Scenario applied;
        try
        {
            applied = scenario.Apply(interventions);
        }
        catch (ArgumentException e)
        {
            throw new WhatIfException(e.Message);
        }
        var fixedCapability = interventions.Where(i => i.Kind == InterventionKind.SetCapability).Select(i => i.Actor).ToHashSet();
        var fixedPosition = interventions.Where(i => i.Kind == InterventionKind.SetPosition).Select(i => (i.Actor, i.Issue)).ToHashSet();
        var fixedSalience = interventions.Where(i => i.Kind == InterventionKind.SetSalience).Select(i => (i.Actor, i.Issue)).ToHashSet();
        if (fixedCapability.Count + fixedPosition.Count + fixedSalience.Count == 0) return applied;
        var actors = applied.Actors.Select(a => fixedCapability.Contains(a.Id) ? a with { CapabilityRange = null } : a).ToArray();
        var stances = applied.Stances.Select(s =>
        {
            var key = (s.Actor, (IssueId?)s.Issue);
            return s with
            {
                PositionRange = fixedPosition.Contains(key) ? null : s.PositionRange,
                SalienceRange = fixedSalience.Contains(key) ? null : s.SalienceRange,
            };
        }).ToArray();
        return applied.With(actors: actors, stances: stances);
    }
}
