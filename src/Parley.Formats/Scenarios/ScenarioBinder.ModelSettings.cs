using System.Globalization;
using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Formats.Documents;

namespace Parley.Formats.Scenarios;

internal sealed partial class ScenarioBinder
{
    private const string SeedAllowed = "a whole number 0 to 18446744073709551615, without quotes";
    private const string SettingValueAllowed = "a value the model reads (text, number or true/false); see 'parley models'";

    /// <summary>
    /// <c>model_settings:</c> a mapping of model name → its settings (<c>{vpm: quartic, seed: 7}</c>): a model of the
    /// catalogue, settings it declares (names as <c>parley models</c> prints them) with scalar values, and an optional
    /// <c>seed</c>. Each value is checked by the model's own reading of its settings
    /// (<see cref="IModel.CheckSettings"/>) and refused at its line and column.
    /// </summary>
    private List<ModelDefaults> BindModelSettings(FieldMap top)
    {
        var result = new List<ModelDefaults>();
        var node = top.Get("model_settings");
        if (node is null) return result;
        var modelNames = _models.Names;
        if (node is not MappingNode map)
        {
            _context.Error(node, "model_settings", $"expected a mapping (model: settings), got {node.Describe()}",
                "a mapping of model names to their settings, e.g. smp: {vpm: quartic, seed: 7}");
            return result;
        }
        var seenModels = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in map.Entries)
        {
            var name = key.Text;
            var field = BindContext.Join("model_settings", name);
            if (!seenModels.TryAdd(name, key.Start.Line))
            {
                _context.Error(key, field, $"duplicate model '{name}' (first given on line {seenModels[name]})", "each model at most once");
                continue;
            }
            var model = _models.Find(name);
            if (model is null || model.Info.Name != name)
            {
                _context.Error(key, field, $"unknown model '{name}'", Suggestions.Allowed(name, modelNames, "models"));
                continue;
            }
            if (value is ScalarNode { IsNull: true }) continue;
            if (value is not MappingNode settingsMap)
            {
                _context.Error(value, field, $"expected a mapping (setting: value), got {value.Describe()}",
                    $"the model's settings, e.g. {{{(model.Info.Parameters.Count > 0 ? model.Info.Parameters[0].Name + ": " + model.Info.Parameters[0].Default + ", " : "")}seed: 7}}");
                continue;
            }
            if (BindModelDefaults(model, settingsMap, field) is { IsEmpty: false } defaults) result.Add(defaults);
        }
        return result;
    }

    private ModelDefaults? BindModelDefaults(IModel model, MappingNode map, string modelField)
    {
        var names = model.Info.Parameters.Select(p => p.Name).Append("seed").ToArray();
        var settings = new List<ModelSetting>();
        var sources = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        ulong? seed = null;
        bool ok = true;
        foreach (var (key, value) in map.Entries)
        {
            var name = key.Text;
            var field = BindContext.Join(modelField, name);
            if (!seen.TryAdd(name, key.Start.Line))
            {
                _context.Error(key, field, $"duplicate setting '{name}' (first given on line {seen[name]})", "each setting at most once");
                ok = false;
                continue;
            }
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                _context.Error(key, field, $"model '{model.Info.Name}' has no setting '{name}'", Suggestions.Allowed(name, names, "its settings", max: 20));
                ok = false;
                continue;
            }
            if (value is ScalarNode { IsNull: true }) continue; // counts as absent
            if (value is not ScalarNode scalar)
            {
                _context.Error(value, field, $"expected a single value, got {value.Describe()}",
                    name == "seed" ? SeedAllowed : SettingValueAllowed);
                ok = false;
                continue;
            }
            if (name == "seed")
            {
                if (!scalar.Quoted && ulong.TryParse(scalar.Text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var s)) seed = s;
                else
                {
                    _context.Error(value, field, $"expected a whole number, got {scalar.Describe()}{(scalar.Quoted ? " (a quoted string)" : "")}", SeedAllowed);
                    ok = false;
                }
                continue;
            }
            if (string.IsNullOrWhiteSpace(scalar.Text))
            {
                _context.Error(value, field, "the value is empty", SettingValueAllowed);
                ok = false;
                continue;
            }
            if (ModelRegistry.ValueProblem(model, name, scalar.Text) is { } problem)
            {
                var prefix = ModelSettings.Default.Label(name) + ": "; // the field already names the setting
                _context.Error(value, field, problem.StartsWith(prefix, StringComparison.Ordinal) ? problem[prefix.Length..] : problem,
                    model.Info.Parameters.First(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Description);
                ok = false;
                continue;
            }
            settings.Add(new ModelSetting(name, scalar.Text));
            sources[name] = $"{_context.File}:{value.Start.Line}:{value.Start.Column}";
        }
        return ok ? new ModelDefaults(model.Info.Name, settings, seed, sources) : null;
    }
}
