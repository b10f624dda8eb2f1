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
    ulong? Seed)
{
    /// <summary>
    /// KTAB's ideal-accommodation matrix, row-major in the file's actor order: the identity with the scenario's ideal
    /// adjustments written over it; null when there are none. Built when asked for (n × n numbers), not on reading.
    /// </summary>
    public double[]? Accommodation
    {
        get
        {
            if (Scenario.IdealAdjustments.Count == 0) return null;
            int n = Scenario.Actors.Count;
            var index = new Dictionary<ActorId, int>();
            for (int i = 0; i < n; i++) index[Scenario.Actors[i].Id] = i;
            var m = new double[n * n];
            for (int i = 0; i < n; i++) m[i * n + i] = 1.0;
            foreach (var a in Scenario.IdealAdjustments) m[index[a.Actor] * n + index[a.Follows]] = a.Weight;
            return m;
        }
    }
}
