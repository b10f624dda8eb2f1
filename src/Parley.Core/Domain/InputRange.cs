namespace Parley.Core.Domain;

/// <summary>
/// The uncertainty an analyst attaches to one input: uniform on [Low, High], or triangular with a mode.
/// Used by the Monte Carlo and sensitivity analyses; the point value of the input stays the model's input.
/// </summary>
public sealed record InputRange
{
    public InputRange(double low, double high, double? mode = null)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high) || (mode is { } m && !double.IsFinite(m)))
            throw new ArgumentException("A range needs finite numbers.");
        if ((InputBounds.Magnitude(low) ?? InputBounds.Magnitude(high) ?? (mode is { } mo ? InputBounds.Magnitude(mo) : null)) is { } far)
            throw new ArgumentException($"A range needs 0 or numbers of magnitude 1e-9 to 1e12: {far}.");
        if (low > high) throw new ArgumentException($"A range needs low <= high (got {low}..{high}).");
        if (mode is { } md && (md < low || md > high))
            throw new ArgumentException($"A range's mode must lie within low..high (got {md} outside {low}..{high}).");
        Low = low;
        High = high;
        Mode = mode;
    }

    public double Low { get; }
    public double High { get; }

    /// <summary>The most likely value; null means uniform on [Low, High].</summary>
    public double? Mode { get; }

    public bool IsTriangular => Mode is not null;

    /// <summary>The value that stands for the range when the others vary (tornado): the mode, else the midpoint.</summary>
    public double Centre => Mode ?? (Low + High) / 2.0;

    /// <summary>Draws a value from a uniform variate u in [0, 1) (inverse CDF), so callers control the generator.</summary>
    public double Quantile(double u)
    {
        if (High == Low) return Low;
        if (Mode is not { } c) return Low + u * (High - Low);
        double f = (c - Low) / (High - Low);
        return u < f
            ? Low + Math.Sqrt(u * (High - Low) * (c - Low))
            : High - Math.Sqrt((1 - u) * (High - Low) * (High - c));
    }
}
