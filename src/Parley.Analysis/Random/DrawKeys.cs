using System.Runtime.CompilerServices;

namespace Parley.Analysis.Random;

/// <summary>
/// Derives every random number of an analysis from (seed, draw index, input slot) alone, so a result never
/// depends on how many threads ran the draws or in which order. Draw d of seed s has the key
/// <c>Mix(s ⊕ Mix(d + 1))</c>; its uniform for input slot k is element k of the SplitMix64 stream under that key.
/// The same draw index gives every model the same input values (common random numbers), so differences between
/// models' distributions are the models', not the sampling's.
/// </summary>
public static class DrawKeys
{
    private const ulong ModelSeedSalt = 0x6A09E667F3BCC909UL; // √2 fractional bits: separates the model's seed from the inputs' stream

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Key(ulong seed, ulong draw) => SplitMix64.Mix(seed ^ SplitMix64.Mix(draw + 1));

    /// <summary>The uniform in [0, 1) that input slot <paramref name="slot"/> uses in the draw with key <paramref name="drawKey"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Uniform(ulong drawKey, int slot) => SplitMix64.ToUnit(SplitMix64.At(drawKey, (ulong)slot));

    /// <summary>The seed handed to a (possibly stochastic) model in the draw with key <paramref name="drawKey"/>.</summary>
    public static ulong ModelSeed(ulong drawKey) => SplitMix64.Mix(drawKey ^ ModelSeedSalt);
}
