using Parley.Application.Models;
using Parley.Application.Sizing;
using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Application.Forecasting;

/// <summary>One model's run: the model, the settings it ran with, and its result.</summary>
public sealed record ModelRun(IModel Model, ModelSettings Settings, ScenarioResult Result)
{
    public string Name => Model.Info.Name;
}

/// <summary>Every chosen model's forecast of a scenario, with the notes about how they ran.</summary>
public sealed record Forecast(Scenario Scenario, IReadOnlyList<ModelRun> Runs, IReadOnlyList<Note> Notes)
{
    public IReadOnlyList<ScenarioResult> Results => Runs.Select(r => r.Result).ToArray();

    /// <summary>The headline forecast of each issue run (docs/headline.md): one number and its 80 % interval.</summary>
    public IReadOnlyList<HeadlineResult> Headlines { get; init; } = [];
}

/// <summary>The `run` use case: each chosen model (every registered model by default) on the scenario.</summary>
public sealed class ForecastService(ModelRegistry? registry = null)
{
    private readonly ModelRegistry _registry = registry ?? ModelRegistry.BuiltIn;

    public ModelRegistry Registry => _registry;

    /// <summary>The models a forecast runs when none is named: every registered model.</summary>
    public IReadOnlyList<string> DefaultModels => _registry.Names;

    /// <summary>
    /// What one run of each chosen model will cost (<see cref="SizeEstimate"/>), for warning before it starts; throws as
    /// <see cref="Run(Scenario, ModelRequest, CancellationToken)"/> does on a request certain not to fit in memory.
    /// </summary>
    public SizeEstimate Estimate(Scenario scenario, ModelRequest request)
    {
        var estimate = SizeEstimator.ForForecast(scenario, ModelPlanner.Plan(_registry, scenario, request, DefaultModels));
        if (request.SizeCheck) estimate.ThrowIfCannotFit();
        return estimate;
    }

    public Forecast Run(Scenario scenario, ModelRequest request, CancellationToken cancellation = default)
    {
        var plan = ModelPlanner.Plan(_registry, scenario, request, DefaultModels);
        if (request.SizeCheck) SizeEstimator.ForForecast(scenario, plan).ThrowIfCannotFit();
        var (modelled, basisNotes) = CapabilityBasisPlanner.Apply(scenario, request);
        var runs = new List<ModelRun>();
        foreach (var chosen in plan.Models)
        {
            cancellation.ThrowIfCancellationRequested();
            runs.Add(new ModelRun(chosen.Model, chosen.Settings, chosen.Model.Run(modelled, chosen.Settings, cancellation)));
        }
        return new Forecast(scenario, runs, [.. plan.Notes, .. basisNotes])
        {
            Headlines = new Headline.HeadlineService().Forecast(scenario, plan.Requested.Issues),
        };
    }

    /// <summary>
    /// The forecast with what-ifs applied (actors left out, inputs set, declared shocks; see
    /// <see cref="Analysing.AnalysisService.WhatIfs"/>): each model runs on the scenario as each intervention leaves it,
    /// from its round on. The forecast's <see cref="Forecast.Scenario"/> is the scenario as read. Its headlines are those
    /// of the scenario with every what-if applied before the run (<see cref="Headline.HeadlineService.WithWhatIfs"/>),
    /// computed as for a run without what-ifs, so what-ifs that change nothing leave the headline as it was.
    /// </summary>
    public Forecast Run(Scenario scenario, ModelRequest request, IReadOnlyList<Intervention> whatIfs, CancellationToken cancellation = default)
    {
        if (whatIfs.Count == 0) return Run(scenario, request, cancellation);
        var plan = ModelPlanner.Plan(_registry, scenario, request, DefaultModels);
        if (request.SizeCheck) SizeEstimator.ForForecast(scenario, plan).ThrowIfCannotFit();
        var runs = new List<ModelRun>();
        var notes = plan.Notes.ToList();
        foreach (var chosen in plan.Models)
        {
            cancellation.ThrowIfCancellationRequested();
            var prepared = Analysis.WhatIf.ShockPlan.Prepare(scenario, chosen.Model, chosen.Settings, whatIfs);
            notes.AddRange(prepared.Notes.Select(n => new Note(NoteKind.Analysis, $"{chosen.Name}: {n}")));
            runs.Add(new ModelRun(chosen.Model, prepared.Settings, chosen.Model.Run(prepared.Scenario, prepared.Settings, cancellation)));
        }
        return new Forecast(scenario, runs, notes)
        {
            Headlines = new Headline.HeadlineService().Forecast(Headline.HeadlineService.WithWhatIfs(scenario, whatIfs), plan.Requested.Issues),
        };
    }
}
