using Parley.Core.Models.Baselines;
using Parley.Core.Models.Exchange;
using Parley.Core.Models.ExpectedUtility;
using Parley.Core.Models.Procedural;
using Parley.Core.Models.Spatial;

namespace Parley.Core.Modelling;

/// <summary>Every model Parley ships, by the name the command line uses. Add a model here to expose it.</summary>
public static class ModelCatalog
{
    public static IReadOnlyList<IModel> All { get; } =
    [
        new CompromiseModel(),
        new WeightedMedianModel(),
        new NashBargainingModel(),
        new ConsensusModel(),
        new ExpectedUtilityModel(),
        new SpatialModelOfPolitics(),
        new EqualGainExchangeModel(),
    ];

    /// <summary>The models `parley run` uses when none is named.</summary>
    public static IReadOnlyList<string> DefaultNames { get; } = All.Select(m => m.Info.Name).ToArray();

    /// <summary>
    /// The models the Monte Carlo commands (`analyze`, `report`) use when none is named: the one-issue models, whose
    /// fast path makes thousands of draws cheap. The multi-issue models (smp, exchange) run there when named.
    /// </summary>
    public static IReadOnlyList<string> AnalysisDefaultNames { get; } =
        All.Where(m => m is IIssueModel).Select(m => m.Info.Name).ToArray();

    /// <summary>
    /// What is wrong with a scenario's settings for a model (<see cref="Domain.ModelDefaults"/>) that can be told before it
    /// runs: a model that does not exist, a setting it does not declare, a value the model cannot use. Null when the
    /// settings are fine.
    /// </summary>
    public static string? DefaultsProblem(Domain.ModelDefaults defaults)
    {
        var model = Find(defaults.Model);
        if (model is null)
            return $"Model settings name unknown model '{defaults.Model}' (one of: {string.Join(", ", All.Select(m => m.Info.Name))}).";
        foreach (var s in defaults.Settings)
        {
            if (!model.Info.Parameters.Any(p => string.Equals(p.Name, s.Name, StringComparison.OrdinalIgnoreCase)))
                return model.Info.Parameters.Count == 0
                    ? $"Model '{model.Info.Name}' takes no setting '{s.Name}' (only a seed)."
                    : $"Model '{model.Info.Name}' has no setting '{s.Name}' (it has: {string.Join(", ", model.Info.Parameters.Select(p => p.Name))}).";
            if (ValueProblem(model, s.Name, s.Value) is { } problem) return $"Model '{model.Info.Name}': {problem}.";
        }
        return null;
    }

    /// <summary>
    /// Why <paramref name="model"/> cannot use <paramref name="value"/> for its setting <paramref name="name"/> (the
    /// message a run would give, e.g. "setting 'vpm': 'quadratic' is not one of …"), or null when it can.
    /// </summary>
    public static string? ValueProblem(IModel model, string name, string value)
    {
        var settings = ModelSettings.Default with
        {
            Values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [name] = value },
        };
        try
        {
            model.CheckSettings(settings);
            return null;
        }
        catch (ModelSettingException e)
        {
            return e.Message;
        }
    }

    public static IModel? Find(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Info.Name, name, StringComparison.OrdinalIgnoreCase));
}
