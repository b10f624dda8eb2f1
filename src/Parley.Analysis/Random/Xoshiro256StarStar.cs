using System.Runtime.CompilerServices;

namespace Parley.Analysis.Random;

/// <summary>
/// Blackman &amp; Vigna's xoshiro256** (2018, "Scrambled linear pseudorandom number generators"), seeded from
/// four SplitMix64 outputs as its authors recommend. A mutable struct: copy it and you fork the stream.
/// </summary>
public struct Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro256StarStar(ulong seed)
    {
        _s0 = SplitMix64.At(seed, 0);
        _s1 = SplitMix64.At(seed, 1);
        _s2 = SplitMix64.At(seed, 2);
        _s3 = SplitMix64.At(seed, 3);
        if ((_s0 | _s1 | _s2 | _s3) == 0) _s0 = SplitMix64.Gamma; // the all-zero state is the one forbidden state
    }

    /// <summary>The generator of stream <paramref name="index"/> under <paramref name="seed"/> (e.g. one Monte Carlo draw).</summary>
    public static Xoshiro256StarStar ForStream(ulong seed, ulong index) => new(DrawKeys.Key(seed, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => SplitMix64.ToUnit(NextUInt64());
}

file static class BitOperations
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong RotateLeft(ulong x, int k) => System.Numerics.BitOperations.RotateLeft(x, k);
}
