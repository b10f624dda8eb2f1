namespace Parley.Core.Domain;

/// <summary>One setting of a model as a scenario gives it (e.g. <c>vpm = quartic</c>); the model reads the value when it runs.</summary>
public readonly record struct ModelSetting(string Name, string Value);

/// <summary>
/// The settings a scenario gives one model (its <c>model_settings</c> entry, e.g. KTAB's XML &lt;ModelParameters&gt; and
/// prngSeed for <c>smp</c>): named settings in the order given and an optional seed. They sit between the model's own
/// defaults and the command line: <c>--option</c> and <c>--seed</c> override them.
/// <para>
/// The settings are checked when the scenario is built (the model must exist, declare each setting and accept its
/// value, see <see cref="Scenario"/> and <see cref="Models.IModel.CheckSettings"/>).
/// </para>
/// </summary>
public sealed class ModelDefaults : IEquatable<ModelDefaults>
{
    /// <param name="sources">Where each setting was written (name → e.g. "file.yaml:12:9"), for error messages; not part of
    /// the settings' value (equality ignores it).</param>
    public ModelDefaults(string model, IReadOnlyList<ModelSetting>? settings = null, ulong? seed = null,
        IReadOnlyDictionary<string, string>? sources = null)
    {
        if (string.IsNullOrWhiteSpace(model)) throw new ArgumentException("Model settings need a model name.");
        var list = (settings ?? []).ToArray();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in list)
        {
            if (string.IsNullOrWhiteSpace(s.Name)) throw new ArgumentException($"Model settings of '{model}': a setting has no name.");
            if (s.Value is null) throw new ArgumentException($"Model settings of '{model}': setting '{s.Name}' has no value.");
            if (string.Equals(s.Name, "seed", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"Model settings of '{model}': the seed is not a named setting (give it as the seed).");
            if (!seen.Add(s.Name)) throw new ArgumentException($"Model settings of '{model}': setting '{s.Name}' is given twice.");
        }
        Model = model;
        Settings = list;
        Seed = seed;
        Sources = sources ?? new Dictionary<string, string>();
    }

    /// <summary>The model's name as the command line spells it (e.g. <c>smp</c>).</summary>
    public string Model { get; }

    /// <summary>The settings in the order given (names as the model declares them).</summary>
    public IReadOnlyList<ModelSetting> Settings { get; }

    /// <summary>The seed of the model's random draws, or null for the run's seed.</summary>
    public ulong? Seed { get; }

    /// <summary>Where each setting was written (setting name → "file:line:column"), when read from a file.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; }

    public bool IsEmpty => Settings.Count == 0 && Seed is null;

    /// <summary>The value of a setting (names compared ignoring case), or null.</summary>
    public string? Get(string name) =>
        Settings.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    public bool Equals(ModelDefaults? other) =>
        other is not null && Model == other.Model && Seed == other.Seed && Settings.SequenceEqual(other.Settings);

    public override bool Equals(object? obj) => Equals(obj as ModelDefaults);

    public override int GetHashCode() => HashCode.Combine(Model, Seed, Settings.Count);

    public override string ToString() =>
        $"{Model}: " + string.Join(", ", Settings.Select(s => $"{s.Name}={s.Value}")
            .Concat(Seed is { } seed ? [$"seed={seed}"] : []));
}
