using Parley.Core.Domain;
using Parley.Core.Models.Baselines;
using Parley.Core.Models.Exchange;
using Parley.Core.Models.ExpectedUtility;
using Parley.Core.Models.Procedural;
using Parley.Core.Models.Spatial;

namespace Parley.Core.Models;

/// <summary>Raised when a model name answers to no registered model; the message lists the ones that exist.</summary>
public sealed class UnknownModelException(string name, IEnumerable<string> known)
    : ParleyException($"unknown model '{name}' (one of: {string.Join(", ", known)})")
{
    public string Name { get; } = name;
    public override ParleyErrorKind Kind => ParleyErrorKind.UnknownModel;
}

/// <summary>
/// The models a program can run, by the name the command line and the scenario's <c>model_settings</c> use. Start
/// from <see cref="BuiltIn"/> (Parley's own models, read-only) or <see cref="WithBuiltIns"/>, and <see cref="Add"/> your
/// own <see cref="IModel"/>: readers check a scenario's <c>model_settings</c> against the registry they are given, and
/// the application services run what it holds.
/// </summary>
public sealed class ModelRegistry
{
    private readonly List<IModel> _models = [];
    private readonly bool _readOnly;

    /// <summary>An empty registry.</summary>
    public ModelRegistry() { }

    private ModelRegistry(IEnumerable<IModel> models, bool readOnly)
    {
        foreach (var m in models) Add(m);
        _readOnly = readOnly;
    }

    /// <summary>Parley's seven models, in the order `parley run` shows them. Read-only: copy it with <see cref="WithBuiltIns"/> to add.</summary>
    public static ModelRegistry BuiltIn { get; } = new(CreateBuiltIns(), readOnly: true);

    /// <summary>A new registry holding the built-in models, to which models can be added.</summary>
    public static ModelRegistry WithBuiltIns() => new(BuiltIn.All, readOnly: false);

    private static IEnumerable<IModel> CreateBuiltIns() =>
    [
        new CompromiseModel(),
        new WeightedMedianModel(),
        new NashBargainingModel(),
        new ConsensusModel(),
        new ExpectedUtilityModel(),
        new SpatialModelOfPolitics(),
        new EqualGainExchangeModel(),
    ];

    /// <summary>Every model, in registration order.</summary>
    public IReadOnlyList<IModel> All => _models;

    /// <summary>The names of every model, in registration order.</summary>
    public IReadOnlyList<string> Names => _models.Select(m => m.Info.Name).ToArray();

    /// <summary>Registers a model; its name must be new (names compare ignoring case).</summary>
    public ModelRegistry Add(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (_readOnly) throw new InvalidOperationException("The built-in registry is read-only: add models to ModelRegistry.WithBuiltIns().");
        if (string.IsNullOrWhiteSpace(model.Info.Name)) throw new ArgumentException("A model needs a name.", nameof(model));
        if (Find(model.Info.Name) is not null) throw new ArgumentException($"A model named '{model.Info.Name}' is already registered.", nameof(model));
        _models.Add(model);
        return this;
    }

    /// <summary>The model with this name (ignoring case), or null.</summary>
    public IModel? Find(string name) =>
        _models.FirstOrDefault(m => string.Equals(m.Info.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The model with this name (ignoring case); <see cref="UnknownModelException"/> when there is none.</summary>
    public IModel Get(string name) => Find(name) ?? throw new UnknownModelException(name, Names);

    /// <summary>
    /// What is wrong with a scenario's settings for a model (<see cref="ModelDefaults"/>) that can be told before it runs:
    /// a model that is not registered, a setting it does not declare, a value it cannot use. Null when they are fine.
    /// </summary>
    public string? DefaultsProblem(ModelDefaults defaults)
    {
        var model = Find(defaults.Model);
        if (model is null)
            return $"Model settings name unknown model '{defaults.Model}' (one of: {string.Join(", ", Names)}).";
        foreach (var s in defaults.Settings)
        {
            if (!model.Info.Declares(s.Name))
                return model.Info.Parameters.Count == 0
                    ? $"Model '{model.Info.Name}' takes no setting '{s.Name}' (only a seed)."
                    : $"Model '{model.Info.Name}' has no setting '{s.Name}' (it has: {model.Info.ParameterNames})).";
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
        try
        {
            model.CheckSettings(ModelSettings.Default.With(name, value));
            return null;
        }
        catch (ModelSettingException e)
        {
            return e.Message;
        }
    }
}
