namespace Parley.Application.Models;

/// <summary>
/// Which models to run and how: names (empty = the use case's default models), settings as KEY=VALUE for the chosen
/// models (each goes to the models that declare it; one no chosen model declares is an error), a seed (null = the
/// scenario's model_settings seed, else <see cref="Core.Models.ModelSettings.DefaultSeed"/>) and the issues to run
/// (null = all). This is what the command line's --model, --option, --variant, --rounds, --seed and --issue say.
/// </summary>
public sealed record ModelRequest
{
    public IReadOnlyList<string> Models { get; init; } = [];
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    public ulong? Seed { get; init; }
    public IReadOnlyList<string>? Issues { get; init; }

    /// <summary>
    /// What the models take capability to mean (<c>--capability-basis</c>); null = the scenario's <c>capability_basis</c>,
    /// else the capabilities as given. See <see cref="Core.Power.CapabilityBasis"/>.
    /// </summary>
    public Core.Power.CapabilityBasis? CapabilityBasis { get; init; }

    /// <summary>
    /// Refuse, before anything runs, a plan certain not to fit in memory (<see cref="Sizing.SizeEstimate"/>); false is
    /// the command line's <c>--no-size-check</c>.
    /// </summary>
    public bool SizeCheck { get; init; } = true;

    /// <summary>This request with one more setting (later ones win).</summary>
    public ModelRequest WithSetting(string name, string value) =>
        this with { Settings = new Dictionary<string, string>(Settings, StringComparer.OrdinalIgnoreCase) { [name] = value } };
}
