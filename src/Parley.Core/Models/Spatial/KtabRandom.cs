namespace Parley.Core.Models.Spatial;

/// <summary>
/// KTAB's pseudo-random generator (<c>KBase::PRNG</c>, docs/specs/smp.md §7): the standard 64-bit Mersenne Twister
/// (<c>std::mt19937_64</c>) whose every draw is passed through KTAB's bijection
/// <c>q(i) = (i + 0xE08C1D668B756F83)·(2i + 3) mod 2⁶⁴</c>; <c>uniform(a,b) = a + (b−a)·q/(2⁶⁴−1)</c>;
/// <see cref="ProbSel"/> returns the first index whose cumulative probability reaches a uniform(0,1) draw.
/// Unlike KTAB, Parley draws in actor order after the parallel work, so a seed fixes the whole run.
/// </summary>
internal sealed class KtabRandom
{
    /// <summary>KTAB's default seed <c>KBase::dSeed</c> = 0xD67CC16FE69C185C.</summary>
    public const ulong DefaultSeed = 0xD67CC16FE69C185CUL;

    private const int N = 312, M = 156;
    private const ulong MatrixA = 0xB5026F5AA96619E9UL, UpperMask = 0xFFFFFFFF80000000UL, LowerMask = 0x7FFFFFFFUL;
    private const ulong Q64C = 0xE08C1D668B756F83UL;
    private readonly ulong[] _mt = new ulong[N];
    private int _index;

    public KtabRandom(ulong seed)
    {
        _mt[0] = seed;
        for (int i = 1; i < N; i++)
            _mt[i] = 6364136223846793005UL * (_mt[i - 1] ^ (_mt[i - 1] >> 62)) + (ulong)i;
        _index = N;
    }

    /// <summary>The next raw output of mt19937_64 (before KTAB's transformation).</summary>
    public ulong NextRaw()
    {
        if (_index >= N) Twist();
        ulong x = _mt[_index++];
        x ^= (x >> 29) & 0x5555555555555555UL;
        x ^= (x << 17) & 0x71D67FFFEDA60000UL;
        x ^= (x << 37) & 0xFFF7EEE000000000UL;
        x ^= x >> 43;
        return x;
    }

    private void Twist()
    {
        for (int i = 0; i < N; i++)
        {
            ulong x = (_mt[i] & UpperMask) | (_mt[(i + 1) % N] & LowerMask);
            ulong xA = x >> 1;
            if ((x & 1UL) != 0) xA ^= MatrixA;
            _mt[i] = _mt[(i + M) % N] ^ xA;
        }
        _index = 0;
    }

    /// <summary>KTAB's <c>qTrans</c>: a bijection of 64-bit words without fixed points.</summary>
    public static ulong QTrans(ulong i) => unchecked((i + Q64C) * (2UL * i + 3UL));

    /// <summary>KTAB's <c>PRNG::uniform()</c>: one transformed 64-bit draw.</summary>
    public ulong NextUInt64() => QTrans(NextRaw());

    /// <summary>KTAB's <c>PRNG::uniform(a, b)</c>.</summary>
    public double Uniform(double a, double b)
    {
        double x = (double)NextUInt64() / (double)ulong.MaxValue;
        return a + ((b - a) * x);
    }

    /// <summary>KTAB's <c>PRNG::probSel</c>: the first index whose cumulative probability reaches a uniform draw.</summary>
    public int ProbSel(ReadOnlySpan<double> p)
    {
        double u = Uniform(0.0, 1.0);
        double sum = 0.0;
        for (int i = 0; i < p.Length; i++)
        {
            sum += p[i];
            if (u <= sum) return i;
        }
        return p.Length - 1; // round-off
    }
}
