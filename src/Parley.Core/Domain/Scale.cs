namespace Parley.Core.Domain;

/// <summary>The continuum an issue is measured on: [Min, Max] in some unit (years, % of GDP, points), within <see cref="InputBounds"/>.</summary>
public sealed record Scale
{
    public Scale(double min, double max, string unit = "")
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
            throw new ArgumentException($"A scale needs finite bounds (got {min}..{max}).");
        if (!(min < max))
            throw new ArgumentException($"A scale needs min < max (got {min}..{max}).");
        if (InputBounds.Scale(min, max) is { } problem)
            throw new ArgumentException($"A scale needs ends within ±1e12 and some width: {problem}.");
        Min = min;
        Max = max;
        Unit = unit ?? "";
    }

    public double Min { get; }
    public double Max { get; }
    public string Unit { get; }
    public double Width => Max - Min;

    public bool Contains(double value) => value >= Min && value <= Max;

    /// <summary>Maps a value of this scale to [0, 1].</summary>
    public double ToUnit(double value) => (value - Min) / Width;

    /// <summary>Maps a value of [0, 1] back to this scale.</summary>
    public double FromUnit(double unit) => Min + unit * Width;

    /// <summary>Maps a value of this scale to [0, 100], the scale the field's data sets use.</summary>
    public double ToPercent(double value) => 100.0 * ToUnit(value);

    public double FromPercent(double percent) => FromUnit(percent / 100.0);
}

/// <summary>A labelled point on an issue's scale, e.g. 60 = "long-term threat".</summary>
public sealed record Anchor(double Value, string Label);
