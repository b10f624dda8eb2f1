using Parley.Core;
using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Application.Models;

/// <summary>One chosen model with the settings it runs with (the request's over the scenario's model_settings over its own defaults).</summary>
public sealed record ChosenModel(IModel Model, ModelSettings Settings)
{
    public string Name => Model.Info.Name;
}

/// <summary>The models a request resolves to on a scenario, with the notes the user should see about their settings.</summary>
public sealed record ModelPlan(IReadOnlyList<ChosenModel> Models, ModelSettings Requested, bool SeedGiven, IReadOnlyList<Note> Notes)
{
    /// <summary>The settings the run uses for this model.</summary>
    public ModelSettings SettingsFor(IModel model) =>
        Models.FirstOrDefault(m => ReferenceEquals(m.Model, model))?.Settings
        ?? ModelPlanner.SettingsFor(model, Requested, null, SeedGiven);
}

/// <summary>
/// Resolves a <see cref="ModelRequest"/> on a scenario: which models, and each one's settings. The one place where the
/// precedence (request over the scenario's model_settings over the model's own defaults) is applied and where the notes
/// about it are made.
/// </summary>
public static class ModelPlanner
{
    /// <param name="defaults">The models run when the request names none (e.g. every model for a forecast).</param>
    public static ModelPlan Plan(ModelRegistry registry, Scenario scenario, ModelRequest request, IReadOnlyList<string> defaults)
    {
        var models = Choose(registry, request, defaults);
        var requested = Requested(scenario, request);
        RejectUnused(models, requested);
        bool seedGiven = request.Seed is not null;
        var chosen = models.Select(m => new ChosenModel(m, SettingsFor(m, requested, scenario, seedGiven))).ToArray();
        foreach (var c in chosen) c.Model.CheckSettings(c.Settings);
        var notes = new List<Note>();
        notes.AddRange(ScenarioSettingNotes(scenario, models, requested, seedGiven));
        notes.AddRange(UnusedInputNotes(registry, scenario, models));
        return new ModelPlan(chosen, requested, seedGiven, notes);
    }

    /// <summary>The models named (names may be comma-separated), or the defaults; an unknown name is an error.</summary>
    public static IReadOnlyList<IModel> Choose(ModelRegistry registry, ModelRequest request, IReadOnlyList<string> defaults)
    {
        bool named = request.Models.Count > 0;
        var names = named ? request.Models : defaults;
        var models = new List<IModel>();
        foreach (var name in names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var model = registry.Find(name);
            if (model is null)
            {
                if (!named) continue; // a default model that this registry does not hold: skip quietly
                throw new UnknownModelException(name, registry.Names);
            }
            if (!models.Contains(model)) models.Add(model);
        }
        if (models.Count == 0) throw new InvalidRequestException("model", "no model to run (see 'parley models')");
        return models;
    }

    /// <summary>The request's settings before they are split per model, with its issues checked against the scenario.</summary>
    public static ModelSettings Requested(Scenario scenario, ModelRequest request)
    {
        IReadOnlyList<IssueId>? issues = null;
        if (request.Issues is { Count: > 0 } ids)
        {
            foreach (var id in ids)
                if (!scenario.HasIssue(new IssueId(id)))
                    throw new InvalidRequestException("issue",
                        $"no issue '{id}' in scenario '{scenario.Id}' (it has: {string.Join(", ", scenario.Issues.Select(i => i.Id))})");
            issues = ids.Select(i => new IssueId(i)).ToArray();
        }
        var settings = new ModelSettings
        {
            Values = new Dictionary<string, string>(request.Settings, StringComparer.OrdinalIgnoreCase),
            Issues = issues,
        };
        return request.Seed is { } seed ? settings with { Seed = seed } : settings;
    }

    /// <summary>A setting that no chosen model declares is an error (it would be silently ignored otherwise).</summary>
    public static void RejectUnused(IReadOnlyList<IModel> models, ModelSettings requested)
    {
        foreach (var key in requested.Values.Keys)
            if (!models.Any(m => m.Info.Declares(key)))
                throw new ModelSettingException(
                    $"no chosen model takes the setting '{key}' (models: {string.Join(", ", models.Select(m => m.Info.Name))}; see 'parley models')");
    }

    /// <summary>The requested settings one model declares.</summary>
    public static ModelSettings Own(IModel model, ModelSettings requested) =>
        requested with
        {
            Values = requested.Values.Where(kv => model.Info.Declares(kv.Key))
                .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase),
        };

    /// <summary>
    /// The settings one model runs with: the request's (those it declares) over the scenario's model_settings for it,
    /// over the model's own defaults; the scenario's seed unless the request gave one.
    /// </summary>
    public static ModelSettings SettingsFor(IModel model, ModelSettings requested, Scenario? scenario, bool seedGiven) =>
        Own(model, requested).OverScenario(scenario?.ModelDefaultsFor(model.Info.Name), seedGiven);

    private static IEnumerable<Note> ScenarioSettingNotes(Scenario scenario, IReadOnlyList<IModel> models, ModelSettings requested, bool seedGiven)
    {
        foreach (var model in models)
        {
            if (scenario.ModelDefaultsFor(model.Info.Name) is not { IsEmpty: false } defaults) continue;
            var used = new List<string>();
            var overridden = new List<string>();
            foreach (var s in defaults.Settings)
                (requested.Values.ContainsKey(s.Name) ? overridden : used).Add($"{s.Name}={s.Value}");
            if (defaults.Seed is { } seed) (seedGiven ? overridden : used).Add($"seed={seed}");
            yield return new Note(NoteKind.Settings, used.Count == 0
                ? $"{model.Info.Name}: the command line overrides every setting of the scenario's model_settings ({string.Join(" ", overridden)})"
                : $"{model.Info.Name}: using the scenario's settings {string.Join(" ", used)}"
                  + (overridden.Count == 0 ? "" : $" (the command line overrides {string.Join(" ", overridden)})"));
        }
    }

    /// <summary>The scenario's ideal_adjustment is used by the smp model only: say so when a chosen model ignores it.</summary>
    private static IEnumerable<Note> UnusedInputNotes(ModelRegistry registry, Scenario scenario, IReadOnlyList<IModel> models)
    {
        int count = scenario.IdealAdjustments.Count;
        if (count == 0) yield break;
        var ignoring = models.Where(m => !m.Info.UsesIdealAdjustment).Select(m => m.Info.Name).ToArray();
        if (ignoring.Length == 0) yield break;
        var users = registry.All.Where(m => m.Info.UsesIdealAdjustment).Select(m => m.Info.Name).ToArray();
        yield return new Note(NoteKind.UnusedInput,
            $"the scenario's ideal_adjustment ({count} entr{(count == 1 ? "y" : "ies")}) is used by "
            + $"{(users.Length == 0 ? "no model" : "the " + string.Join(", ", users) + " model" + (users.Length == 1 ? "" : "s"))} only; "
            + $"{string.Join(", ", ignoring)} ignore{(ignoring.Length == 1 ? "s" : "")} it");
    }
}
