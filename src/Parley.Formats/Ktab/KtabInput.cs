using Parley.Core.Domain;

namespace Parley.Formats.Ktab;

/// <summary>
/// Everything a KTAB scenario file holds: the Parley scenario (one issue per KTAB dimension, scale 0–100,
/// saliences 0–1 = KTAB's / 100, its ideal_adjustment = the XML's non-identity IdealAdjustment entries, its
/// model_settings for smp = the XML's model parameters and its seed), plus the same parts
/// as KTAB holds them: the model parameters as Parley SMP settings (e.g. <c>vpm=linear</c>), the PRNG seed as given
/// (whatever the transitions), and the full ideal-accommodation matrix in the file's actor order (null = identity).
/// </summary>
public sealed record KtabInput(
    Scenario Scenario,
    IReadOnlyDictionary<string, string> ModelSettings,
    ulong? Seed,
    double[]? Accommodation);
