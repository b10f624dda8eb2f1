using System.Runtime.CompilerServices;

namespace Parley.Analysis.Random;

/// <summary>
/// Steele, Lea &amp; Flood's SplitMix64 (OOPSLA 2014): a Weyl sequence passed through a 64-bit finaliser.
/// Because output k of the stream seeded with s is <c>Mix(s + (k + 1)·γ)</c>, it is also a counter-based
/// generator: any element can be computed directly, which is how Monte Carlo draws pick their inputs.
/// </summary>
public static class SplitMix64
{
    /// <summary>The golden-ratio increment γ of the Weyl sequence.</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>The SplitMix64 finaliser (a bijection on 64-bit words with good avalanche).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Element <paramref name="index"/> (0-based) of the SplitMix64 stream seeded with <paramref name="state"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong At(ulong state, ulong index) => Mix(state + (index + 1) * Gamma);

    /// <summary>Maps the top 53 bits of a word to a double uniform on [0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToUnit(ulong bits) => (bits >> 11) * (1.0 / (1UL << 53));
}
