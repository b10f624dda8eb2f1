using System.Globalization;

namespace Parley.Core.Domain;

/// <summary>
/// The range of numbers a scenario may hold, so that every model's arithmetic stays finite: scale ends, positions,
/// status quos, outcomes and anchors lie within ±<see cref="MaxMagnitude"/>; capabilities (and rule weights, per-issue
/// capabilities) are at most <see cref="MaxMagnitude"/>; and a positive capability, salience or weight is at least
/// <see cref="MinPositive"/> (a weight or salience may also be exactly 0), as is the magnitude of any other non-zero
/// number. So a product of a capability, a salience
/// and a squared distance lies between about 1e-60 and 1e48, and a sum of such products over any number of actors
/// stays far from both overflow (1e308) and the subnormal range (1e-308) — where 1e308 capabilities overflowed and
/// 4.9e-324 ones divided by zero. A scale must also be wider than <see cref="MinPositive"/> times its largest end
/// (and than <see cref="MinPositive"/>), so positions on it stay distinct. No real scenario needs more: budgets in
/// units of currency stay below 1e12 when written in millions, and a capability share below 1e-9 is none.
/// The domain constructors refuse numbers outside these bounds; the readers report them at their place in the file.
/// </summary>
public static class InputBounds
{
    /// <summary>The largest magnitude of any number on a scale, and the largest capability or weight.</summary>
    public const double MaxMagnitude = 1e12;

    /// <summary>The smallest positive capability, salience (on 0–1) or weight.</summary>
    public const double MinPositive = 1e-9;

    /// <summary>What a capability may be (finite, &gt; 0).</summary>
    public const string CapabilityAllowed = "a number from 1e-9 to 1e12";

    /// <summary>What a weight or a per-issue capability may be (0 allowed).</summary>
    public const string WeightAllowed = "0, or a number from 1e-9 to 1e12";

    /// <summary>What a number on a scale may be.</summary>
    public const string MagnitudeAllowed = "0, or a number of magnitude 1e-9 to 1e12";

    /// <summary>Null when <paramref name="value"/> is a valid capability; else what is wrong with it ("1e+300 is above 1e12").</summary>
    public static string? Capability(double value) =>
        !double.IsFinite(value) ? $"{Format(value)} is not a finite number"
        : value <= 0 ? $"{Format(value)} is not > 0"
        : Positive(value);

    /// <summary>Null when <paramref name="value"/> is a valid weight: 0, or within <see cref="MinPositive"/>..<see cref="MaxMagnitude"/>.</summary>
    public static string? Weight(double value) =>
        !double.IsFinite(value) ? $"{Format(value)} is not a finite number"
        : value < 0 ? $"{Format(value)} is negative"
        : value == 0 ? null
        : Positive(value);

    /// <summary>Null when <paramref name="salience"/> (on 0–1) is 0 or at least <see cref="MinPositive"/> (its range 0..1 is checked apart).</summary>
    public static string? SalienceFloor(double salience) =>
        salience > 0 && salience < MinPositive
            ? $"{Format(salience)} is below 1e-9, the smallest salience accepted on 0–1 (write 0 for none)"
            : null;

    /// <summary>
    /// Null when <paramref name="value"/> is 0 or of magnitude <see cref="MinPositive"/> to <see cref="MaxMagnitude"/>:
    /// a number nearer 0 than 1e-9 (a subnormal 4.9e-324, say) is not told from 0, and the exchange model's exact
    /// decimal arithmetic would need hundreds of digits for it.
    /// </summary>
    public static string? Magnitude(double value) =>
        !double.IsFinite(value) ? $"{Format(value)} is not a finite number"
        : Math.Abs(value) > MaxMagnitude ? $"{Format(value)} is beyond ±1e12, the largest magnitude accepted"
        : value != 0 && Math.Abs(value) < MinPositive ? $"{Format(value)} is too close to 0 (write 0, or a magnitude of at least 1e-9)"
        : null;

    /// <summary>Null when [min, max] is a usable scale: both ends within bounds, min &lt; max, and wide enough for its magnitude.</summary>
    public static string? Scale(double min, double max)
    {
        if (Magnitude(min) is { } low) return "min " + low;
        if (Magnitude(max) is { } high) return "max " + high;
        if (!(min < max)) return $"min {Format(min)} is not below max {Format(max)}";
        double narrowest = MinPositive * Math.Max(1, Math.Max(Math.Abs(min), Math.Abs(max)));
        return max - min < narrowest
            ? $"the scale {Format(min)}..{Format(max)} is narrower than {Format(narrowest)} (1e-9 of its largest end, or 1e-9)"
            : null;
    }

    private static string? Positive(double value) =>
        value < MinPositive ? $"{Format(value)} is below 1e-9, the smallest positive value accepted"
        : value > MaxMagnitude ? $"{Format(value)} is above 1e12, the largest value accepted"
        : null;

    /// <summary>A number as messages write it (shortest round-trip form).</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
