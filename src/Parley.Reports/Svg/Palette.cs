namespace Parley.Reports.Svg;

/// <summary>
/// Okabe &amp; Ito's colour-blind-safe palette (2008, "Color Universal Design"), ordered for contrast on white (yellow last).
/// </summary>
public static class Palette
{
    public static readonly IReadOnlyList<string> Categorical =
        ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

    public const string Ink = "#1f2933";
    public const string Muted = "#6b7785";
    public const string Grid = "#e3e7ec";
    public const string Axis = "#9aa5b1";
    public const string BandA = "#f3f6f9";
    public const string BandB = "#e8eef4";

    /// <summary>Low end of a range (tornado): blue; high end: vermillion.</summary>
    public const string Low = "#0072B2";
    public const string High = "#D55E00";

    public static string At(int index) => Categorical[((index % Categorical.Count) + Categorical.Count) % Categorical.Count];
}
