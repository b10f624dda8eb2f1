using System.Globalization;
using System.Numerics;

namespace Parley.Core.Models.Exchange;

/// <summary>
/// A decimal number computed the way Python's <c>decimal</c> module does in its default context: exact operands, every
/// arithmetic result rounded to 28 significant digits, half to even. decide computes its exchange model in this
/// arithmetic; ties and caps that land exactly on a position are decided by its last digit, so reproducing decide's
/// choices needs the same arithmetic (.NET's <see cref="decimal"/> keeps a different number of digits). Operations
/// are exact-then-rounded, comparisons exact. Value = <see cref="Coefficient"/> × 10^<see cref="Exponent"/>.
/// </summary>
internal readonly struct ContextDecimal : IComparable<ContextDecimal>, IEquatable<ContextDecimal>
{
    public const int Precision = 28;

    private static readonly BigInteger[] Pow10 = Enumerable.Range(0, 200).Select(k => BigInteger.Pow(10, k)).ToArray();

    private static readonly double[] DoublePow10 = Enumerable.Range(-300, 601).Select(k => Math.Pow(10, k)).ToArray();

    public static readonly ContextDecimal Zero = new(BigInteger.Zero, 0);
    public static readonly ContextDecimal One = new(BigInteger.One, 0);

    private ContextDecimal(BigInteger coefficient, int exponent)
    {
        Coefficient = coefficient;
        Exponent = exponent;
        _approx = (double)coefficient * (exponent is >= -300 and <= 300 ? DoublePow10[exponent + 300] : Math.Pow(10, exponent));
    }

    /// <summary>A double close to the value, for fast comparisons that are not close calls.</summary>
    private readonly double _approx;

    public BigInteger Coefficient { get; }
    public int Exponent { get; }

    public int Sign => Coefficient.Sign;

    /// <summary>The number a text denotes, exactly (like <c>Decimal("0.95")</c>).</summary>
    public static ContextDecimal Parse(string text)
    {
        text = text.Trim();
        int exp = 0;
        int e = text.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            exp = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        int dot = text.IndexOf('.');
        if (dot >= 0)
        {
            exp -= text.Length - dot - 1;
            text = text.Remove(dot, 1);
        }
        return new ContextDecimal(BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), exp);
    }

    /// <summary>The exact value of a binary double (like <c>Decimal(0.4)</c> in Python).</summary>
    public static ContextDecimal ExactFromDouble(double x)
    {
        if (x == 0) return Zero;
        long bits = BitConverter.DoubleToInt64Bits(x);
        bool negative = bits < 0;
        int rawExp = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (rawExp == 0) rawExp = 1; else mantissa |= 1L << 52;
        int e2 = rawExp - 1075;
        BigInteger coef = mantissa;
        int exp = 0;
        if (e2 >= 0) coef <<= e2;
        else
        {
            coef *= BigInteger.Pow(5, -e2);
            exp = e2;
        }
        return new ContextDecimal(negative ? -coef : coef, exp);
    }

    /// <summary>The decimal a double was written as (its shortest round-trip text), exactly.</summary>
    public static ContextDecimal FromWritten(double x) => Parse(x.ToString("R", CultureInfo.InvariantCulture));

    public static implicit operator ContextDecimal(int v) => new(v, 0);

    public static implicit operator ContextDecimal(decimal v) => Parse(v.ToString(CultureInfo.InvariantCulture));

    public static explicit operator double(ContextDecimal v) =>
        double.Parse(v.Coefficient.ToString(CultureInfo.InvariantCulture) + "E" + v.Exponent.ToString(CultureInfo.InvariantCulture),
            NumberStyles.Float, CultureInfo.InvariantCulture);

    private static int Digits(BigInteger c)
    {
        if (c.IsZero) return 1;
        c = BigInteger.Abs(c);
        int estimate = (int)((c.GetBitLength() - 1) * 0.30102999566398119521) + 1;
        while (estimate < Pow10.Length && c >= Pow10[estimate]) estimate++;
        while (estimate > 1 && c < Pow10[estimate - 1]) estimate--;
        return estimate;
    }

    private static BigInteger P10(int k) => k < Pow10.Length ? Pow10[k] : BigInteger.Pow(10, k);

    /// <summary>Rounds a coefficient to the context precision, half to even.</summary>
    private static ContextDecimal Round(BigInteger coef, int exp)
    {
        int n = Digits(coef);
        if (n <= Precision) return new ContextDecimal(coef, exp);
        int drop = n - Precision;
        int sign = coef.Sign;
        var q = BigInteger.DivRem(BigInteger.Abs(coef), P10(drop), out var r);
        var twice = r * 2;
        var unit = P10(drop);
        if (twice > unit || (twice == unit && !q.IsEven)) q += 1;
        return new ContextDecimal(sign < 0 ? -q : q, exp + drop);
    }

    public static ContextDecimal operator +(ContextDecimal a, ContextDecimal b)
    {
        int e = Math.Min(a.Exponent, b.Exponent);
        return Round(a.Coefficient * P10(a.Exponent - e) + b.Coefficient * P10(b.Exponent - e), e);
    }

    public static ContextDecimal operator -(ContextDecimal a, ContextDecimal b)
    {
        int e = Math.Min(a.Exponent, b.Exponent);
        return Round(a.Coefficient * P10(a.Exponent - e) - b.Coefficient * P10(b.Exponent - e), e);
    }

    public static ContextDecimal operator -(ContextDecimal a) => Round(-a.Coefficient, a.Exponent);

    public static ContextDecimal operator *(ContextDecimal a, ContextDecimal b) =>
        Round(a.Coefficient * b.Coefficient, a.Exponent + b.Exponent);

    public static ContextDecimal operator /(ContextDecimal a, ContextDecimal b)
    {
        if (b.Coefficient.IsZero) throw new DivideByZeroException();
        if (a.Coefficient.IsZero) return Zero;
        int shift = Math.Max(0, Precision + 2 - (Digits(a.Coefficient) - Digits(b.Coefficient)));
        var q = BigInteger.DivRem(a.Coefficient * P10(shift), b.Coefficient, out var r);
        int exp = a.Exponent - b.Exponent - shift;
        if (!r.IsZero)
        {
            // A sticky digit: the quotient is not exact, so it is never exactly half-way.
            q = q * 10 + a.Sign * b.Sign;
            exp -= 1;
        }
        return Round(q, exp);
    }

    public static ContextDecimal Abs(ContextDecimal a) => a.Sign < 0 ? -a : Round(a.Coefficient, a.Exponent);

    public int CompareTo(ContextDecimal other)
    {
        double a = _approx, b = other._approx;
        if (double.IsFinite(a) && double.IsFinite(b) && Math.Abs(a - b) > 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b)))
            return a < b ? -1 : 1;
        if (Exponent == other.Exponent) return Coefficient.CompareTo(other.Coefficient);
        int e = Math.Min(Exponent, other.Exponent);
        return (Coefficient * P10(Exponent - e)).CompareTo(other.Coefficient * P10(other.Exponent - e));
    }

    public bool Equals(ContextDecimal other) => CompareTo(other) == 0;
    public override bool Equals(object? obj) => obj is ContextDecimal d && Equals(d);
    public override int GetHashCode() => ((double)this).GetHashCode();

    public static bool operator <(ContextDecimal a, ContextDecimal b) => a.CompareTo(b) < 0;
    public static bool operator >(ContextDecimal a, ContextDecimal b) => a.CompareTo(b) > 0;
    public static bool operator <=(ContextDecimal a, ContextDecimal b) => a.CompareTo(b) <= 0;
    public static bool operator >=(ContextDecimal a, ContextDecimal b) => a.CompareTo(b) >= 0;
    public static bool operator ==(ContextDecimal a, ContextDecimal b) => a.CompareTo(b) == 0;
    public static bool operator !=(ContextDecimal a, ContextDecimal b) => a.CompareTo(b) != 0;

    public override string ToString() =>
        ((double)this).ToString("R", CultureInfo.InvariantCulture);
}
