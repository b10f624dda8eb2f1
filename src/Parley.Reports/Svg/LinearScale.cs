namespace Parley.Reports.Svg;

/// <summary>Maps a data interval onto a pixel interval (either may be reversed), with readable tick values.</summary>
public sealed record LinearScale(double DomainMin, double DomainMax, double RangeMin, double RangeMax)
{
    public double Map(double v) =>
        DomainMax == DomainMin ? (RangeMin + RangeMax) / 2 : RangeMin + (v - DomainMin) / (DomainMax - DomainMin) * (RangeMax - RangeMin);

    /// <summary>About <paramref name="count"/> ticks at 1, 2 or 5 × 10^k steps within the domain.</summary>
    public IReadOnlyList<double> Ticks(int count = 5)
    {
        double lo = Math.Min(DomainMin, DomainMax), hi = Math.Max(DomainMin, DomainMax);
        if (!(hi > lo)) return [lo];
        double raw = (hi - lo) / Math.Max(1, count);
        double mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = new[] { 1.0, 2.0, 2.5, 5.0, 10.0 }.Select(m => m * mag).First(s => s >= raw);
        var ticks = new List<double>();
        for (double t = Math.Ceiling(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step)
            ticks.Add(Math.Round(t / step) * step + 0.0); // + 0.0 turns −0 into 0
        return ticks;
    }
}
