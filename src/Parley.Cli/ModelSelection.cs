using System.CommandLine;
using Parley.Core.Domain;
using Parley.Core.Modelling;

namespace Parley.Cli;

/// <summary>
/// The options that choose models and their settings: --model (repeatable), --variant, --rounds, --seed,
/// --issue (repeatable) and --option KEY=VALUE (repeatable). A setting is passed to the models that declare it;
/// a setting that no chosen model declares is an error.
/// </summary>
public sealed class ModelSelection
{
    private readonly IReadOnlyList<string> _defaults;

    /// <param name="defaults">The models run when none is named (default: every model).</param>
    /// <param name="shortOptionAlias">Whether --option also answers to -o (not where -o is the output file).</param>
    public ModelSelection(IReadOnlyList<string>? defaults = null, bool shortOptionAlias = true)
    {
        _defaults = defaults ?? ModelCatalog.DefaultNames;
        Settings = shortOptionAlias ? new Option<string[]>("--option", "-o") : new Option<string[]>("--option");
        Settings.Description = "Model setting KEY=VALUE (repeatable), e.g. --option q=0.5. See 'parley models' for each model's settings.";
        Models = new Option<string[]>("--model", "-m")
        {
            Description = "Model to run (repeatable). Default: " + string.Join(", ", _defaults) + ". See 'parley models'.",
        };
    }

    public Option<string[]> Models { get; }

    public Option<string?> Variant { get; } = new("--variant") { Description = "Model variant (e.g. eum: reference|paper)." };
    public Option<int?> Rounds { get; } = new("--rounds") { Description = "Number of rounds for round-based models." };
    public Option<ulong?> Seed { get; } = new("--seed") { Description = "Seed fixing every random draw (default 20250624)." };
    public Option<string[]> Issues { get; } = new("--issue") { Description = "Run only this issue (repeatable)." };
    public Option<string[]> Settings { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Models);
        command.Options.Add(Variant);
        command.Options.Add(Rounds);
        command.Options.Add(Seed);
        command.Options.Add(Issues);
        command.Options.Add(Settings);
    }

    public IReadOnlyList<IModel> ChosenModels(ParseResult parse)
    {
        var names = parse.GetValue(Models) is { Length: > 0 } given ? given : _defaults.ToArray();
        var models = new List<IModel>();
        foreach (var name in names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var model = ModelCatalog.Find(name);
            if (model is null)
            {
                if (parse.GetValue(Models) is not { Length: > 0 }) continue; // a default model not built in: skip quietly
                throw new UsageException($"unknown model '{name}' (one of: {string.Join(", ", ModelCatalog.All.Select(m => m.Info.Name))})");
            }
            if (!models.Contains(model)) models.Add(model);
        }
        return models;
    }

    /// <summary>All settings given on the command line, before they are split per model.</summary>
    public ModelSettings RequestedSettings(ParseResult parse, Scenario scenario)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var kv in parse.GetValue(Settings) ?? [])
        {
            int eq = kv.IndexOf('=');
            if (eq <= 0 || eq == kv.Length - 1) throw new UsageException($"--option: '{kv}' is not KEY=VALUE");
            values[kv[..eq].Trim()] = kv[(eq + 1)..].Trim();
        }
        if (parse.GetValue(Variant) is { } variant) values["variant"] = variant;
        if (parse.GetValue(Rounds) is { } rounds)
        {
            if (rounds < 0) throw new UsageException($"--rounds: {rounds} must be ≥ 0");
            values["rounds"] = rounds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        IReadOnlyList<IssueId>? issues = null;
        if (parse.GetValue(Issues) is { Length: > 0 } ids)
        {
            foreach (var id in ids)
                if (!scenario.HasIssue(new IssueId(id)))
                    throw new UsageException($"--issue: no issue '{id}' in scenario '{scenario.Id}' (it has: {string.Join(", ", scenario.Issues.Select(i => i.Id))})");
            issues = ids.Select(i => new IssueId(i)).ToArray();
        }
        var settings = new ModelSettings { Values = values, Issues = issues };
        if (parse.GetValue(Seed) is { } seed) settings = settings with { Seed = seed };
        return settings;
    }

    /// <summary>The settings one model receives: those it declares. Throws when a setting suits no chosen model.</summary>
    public static ModelSettings For(IModel model, ModelSettings requested)
    {
        var mine = requested.Values
            .Where(kv => model.Info.Parameters.Any(p => string.Equals(p.Name, kv.Key, StringComparison.OrdinalIgnoreCase)))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
        return requested with { Values = mine };
    }

    /// <summary>True when --seed was given (it then overrides a seed in the scenario's model_settings).</summary>
    public bool SeedGiven(ParseResult parse) => parse.GetValue(Seed) is not null;

    /// <summary>
    /// The command line's settings for the chosen models, checked (a setting no chosen model takes is an error), with
    /// the notes on stderr about what the scenario gives them: its model_settings, and inputs some of them ignore.
    /// Pass the result to <see cref="For(IModel, ModelSettings, Scenario, bool)"/> for each model.
    /// </summary>
    public (ModelSettings Requested, bool SeedGiven) Settle(ParseResult parse, Scenario scenario, IReadOnlyList<IModel> models,
        CliConsole console)
    {
        var requested = RequestedSettings(parse, scenario);
        RejectUnused(models, requested);
        bool seedGiven = SeedGiven(parse);
        NoteScenarioSettings(scenario, models, requested, seedGiven, console);
        NoteUnusedInputs(scenario, models, console);
        return (requested, seedGiven);
    }

    /// <summary>
    /// The settings one model receives on a scenario: the command line's (those the model declares) over the scenario's
    /// model_settings for it, over the model's own defaults; the scenario's seed unless --seed was given.
    /// </summary>
    public static ModelSettings For(IModel model, ModelSettings requested, Scenario scenario, bool seedGiven) =>
        For(model, requested).OverScenario(scenario.ModelDefaultsFor(model.Info.Name), seedGiven);

    /// <summary>
    /// Notes on stderr, once per chosen model that the scenario gives settings, which of them the run uses (and which the
    /// command line overrides). Quiet when the scenario has none for the chosen models.
    /// </summary>
    private static void NoteScenarioSettings(Scenario scenario, IReadOnlyList<IModel> models, ModelSettings requested, bool seedGiven,
        CliConsole console)
    {
        foreach (var model in models)
        {
            if (scenario.ModelDefaultsFor(model.Info.Name) is not { IsEmpty: false } defaults) continue;
            var used = new List<string>();
            var overridden = new List<string>();
            foreach (var s in defaults.Settings)
                (requested.Values.ContainsKey(s.Name) ? overridden : used).Add($"{s.Name}={s.Value}");
            if (defaults.Seed is { } seed) (seedGiven ? overridden : used).Add($"seed={seed}");
            var text = used.Count == 0
                ? $"{model.Info.Name}: the command line overrides every setting of the scenario's model_settings ({string.Join(" ", overridden)})"
                : $"{model.Info.Name}: using the scenario's settings {string.Join(" ", used)}"
                  + (overridden.Count == 0 ? "" : $" (the command line overrides {string.Join(" ", overridden)})");
            console.Error.WriteLine($"parley: note: {text}");
        }
    }

    public static void RejectUnused(IReadOnlyList<IModel> models, ModelSettings requested)
    {
        foreach (var key in requested.Values.Keys)
            if (!models.Any(m => m.Info.Parameters.Any(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase))))
                throw new UsageException($"no chosen model takes the setting '{key}' (models: {string.Join(", ", models.Select(m => m.Info.Name))}; see 'parley models')");
    }

    /// <summary>
    /// Notes on stderr the scenario's inputs that some chosen models do not use: the ideal_adjustment is used by the
    /// smp model only (quiet when every chosen model uses it, or when the scenario has none).
    /// </summary>
    private static void NoteUnusedInputs(Scenario scenario, IReadOnlyList<IModel> models, CliConsole console)
    {
        int count = scenario.IdealAdjustments.Count;
        if (count == 0) return;
        var ignoring = models.Where(m => !m.Info.UsesIdealAdjustment).Select(m => m.Info.Name).ToArray();
        if (ignoring.Length == 0) return;
        var users = ModelCatalog.All.Where(m => m.Info.UsesIdealAdjustment).Select(m => m.Info.Name).ToArray();
        console.Error.WriteLine($"parley: note: the scenario's ideal_adjustment ({count} entr{(count == 1 ? "y" : "ies")}) is used by "
                                + $"{(users.Length == 0 ? "no model" : "the " + string.Join(", ", users) + " model" + (users.Length == 1 ? "" : "s"))} only; "
                                + $"{string.Join(", ", ignoring)} ignore{(ignoring.Length == 1 ? "s" : "")} it");
    }

    /// <summary>
    /// Runs each chosen model on the scenario with its own settings (the command line's over the scenario's
    /// model_settings; see <see cref="Settle"/>).
    /// </summary>
    public IReadOnlyList<ScenarioResult> RunAll(ParseResult parse, Scenario scenario, CliConsole console, out IReadOnlyList<IModel> models)
    {
        models = ChosenModels(parse);
        var (requested, seedGiven) = Settle(parse, scenario, models, console);
        var results = new List<ScenarioResult>();
        foreach (var model in models) results.Add(model.Run(scenario, For(model, requested, scenario, seedGiven)));
        return results;
    }
}
