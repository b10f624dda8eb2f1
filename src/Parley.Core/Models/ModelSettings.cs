using System.Globalization;
using Parley.Core.Domain;

namespace Parley.Core.Models;

/// <summary>Raised when a model setting is unknown or cannot be read; the message names the setting and what is allowed.</summary>
public sealed class ModelSettingException(string message) : ParleyException(message)
{
    public override ParleyErrorKind Kind => ParleyErrorKind.InvalidSetting;
}

/// <summary>
/// The options of one model run: named settings (e.g. variant=paper, rounds=10, q=1), a seed that fixes every
/// random draw, the issues to run (null = all), and interventions (shocks) for the dynamic models.
/// </summary>
public sealed record ModelSettings
{
    public static readonly ModelSettings Default = new();

    /// <summary>The seed every run and analysis uses unless one is given: the Hague summit's opening day.</summary>
    public const ulong DefaultSeed = 20250624;

    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    public ulong Seed { get; init; } = DefaultSeed;
    public IReadOnlyList<IssueId>? Issues { get; init; }

    /// <summary>Interventions after round 0, applied by the dynamic models between rounds.</summary>
    public IReadOnlyList<Intervention> Interventions { get; init; } = [];

    /// <summary>
    /// Where settings came from when not from the command line (setting → e.g. "the scenario's model_settings.smp.vpm");
    /// errors about such a setting name it.
    /// </summary>
    public IReadOnlyDictionary<string, string> Origins { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public ModelSettings With(string name, string value)
    {
        var d = new Dictionary<string, string>(Values, StringComparer.OrdinalIgnoreCase) { [name] = value };
        var o = new Dictionary<string, string>(Origins, StringComparer.OrdinalIgnoreCase);
        o.Remove(name);
        return this with { Values = d, Origins = o };
    }

    /// <summary>"setting 'NAME'", with where it came from when that was not the command line (for error messages).</summary>
    public string Label(string name) =>
        Origins.TryGetValue(name, out var origin) ? $"setting '{name}' (from {origin})" : $"setting '{name}'";

    /// <summary>
    /// These settings (the command line's) over a scenario's settings for one model (<see cref="Scenario.ModelDefaultsFor"/>):
    /// a setting given here wins, then the scenario's, then the model's own default (the model's fallback). The
    /// scenario's seed is used when <paramref name="seedGiven"/> is false. Settings taken from the scenario are recorded in
    /// <see cref="Origins"/>, so that an error about one names the scenario field (<c>model_settings.MODEL.NAME</c>).
    /// </summary>
    public ModelSettings OverScenario(ModelDefaults? defaults, bool seedGiven)
    {
        if (defaults is null || defaults.IsEmpty) return this;
        var values = new Dictionary<string, string>(Values, StringComparer.OrdinalIgnoreCase);
        var origins = new Dictionary<string, string>(Origins, StringComparer.OrdinalIgnoreCase);
        foreach (var s in defaults.Settings)
            if (values.TryAdd(s.Name, s.Value))
                origins[s.Name] = $"the scenario's model_settings.{defaults.Model}.{s.Name}"
                                  + (defaults.Sources.TryGetValue(s.Name, out var at) ? $" at {at}" : "");
        var result = this with { Values = values, Origins = origins };
        if (!seedGiven && defaults.Seed is { } seed) result = result with { Seed = seed };
        return result;
    }

    public bool Has(string name) => Values.ContainsKey(name);

    public string GetString(string name, string fallback) => Values.TryGetValue(name, out var v) ? v : fallback;

    public double GetDouble(string name, double fallback)
    {
        if (!Values.TryGetValue(name, out var v)) return fallback;
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) return d;
        throw new ModelSettingException($"{Label(name)}: '{v}' is not a finite number");
    }

    public int GetInt(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!Values.TryGetValue(name, out var v)) return fallback;
        if (int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= min && i <= max) return i;
        throw new ModelSettingException($"{Label(name)}: '{v}' is not a whole number in {min}..{max}");
    }

    public bool GetBool(string name, bool fallback)
    {
        if (!Values.TryGetValue(name, out var v)) return fallback;
        return v.ToLowerInvariant() switch
        {
            "true" or "on" or "yes" or "1" => true,
            "false" or "off" or "no" or "0" => false,
            _ => throw new ModelSettingException($"{Label(name)}: '{v}' is not on/off (true/false)"),
        };
    }

    /// <summary>How a choice is written in settings and help: the enum name in kebab case (MedianStable → median-stable).</summary>
    public static string Spelling<T>(T value) where T : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>Reads a choice among named values (case-insensitive, '-' and '_' ignored).</summary>
    public T GetEnum<T>(string name, T fallback) where T : struct, Enum
    {
        if (!Values.TryGetValue(name, out var v)) return fallback;
        static string Norm(string s) => s.Replace("-", "").Replace("_", "").ToLowerInvariant();
        foreach (var e in Enum.GetValues<T>())
            if (Norm(e.ToString()) == Norm(v)) return e;
        throw new ModelSettingException(
            $"{Label(name)}: '{v}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");
    }

    /// <summary>
    /// Refuses settings the model does not declare, then reads every declared setting that is given (the typed
    /// <see cref="ModelParameter"/>s check their values): what a run would refuse, without running.
    /// </summary>
    public void Check(ModelInfo info)
    {
        RejectUnknown(info);
        foreach (var p in info.Parameters) p.Check(this);
    }

    /// <summary>Throws if a setting is given that the model does not know.</summary>
    public void RejectUnknown(ModelInfo info)
    {
        foreach (var key in Values.Keys)
            if (!info.Declares(key))
                throw new ModelSettingException(info.Parameters.Count == 0
                    ? $"model '{info.Name}' takes no setting '{key}'"
                    : $"model '{info.Name}' has no setting '{key}' (it has: {info.ParameterNames})");
    }
}
