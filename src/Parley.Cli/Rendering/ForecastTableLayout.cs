namespace Parley.Cli.Rendering;

/// <summary>
/// How wide the forecast table's last two columns may be so that every row fits on one line of the console: the gauge
/// keeps its full width while the anchor labels have room, then narrows (to its header's width, then below it while
/// the anchor column keeps its header's), and goes at very narrow widths; anchor labels
/// longer than their column are cut with an ellipsis (the JSON and `--details` keep them whole).
/// </summary>
public sealed record ForecastTableLayout(int AnchorWidth, int GaugeWidth)
{
    public const int FullGauge = 24;

    /// <summary>The gauge's width before it narrows below its header, "on the scale" (then headed "scale").</summary>
    public const int MinGauge = 12;

    /// <summary>The narrowest gauge worth drawing; below it the gauge column is left out.</summary>
    private const int LeastGauge = 6;

    /// <summary>The anchor text worth keeping before the gauge narrows: enough to tell the labels apart.</summary>
    private const int AnchorWanted = 20;

    /// <summary>The anchor column's header, "nearest anchor": the column is never narrower.</summary>
    private const int AnchorHeader = 14;

    public bool ShowGauge => GaugeWidth > 0;

    /// <summary>The gauge column's header: its full name when it fits the gauge.</summary>
    public string GaugeHeader => GaugeWidth >= MinGauge ? "on the scale" : "scale";

    /// <param name="consoleWidth">The console's width in cells.</param>
    /// <param name="otherWidths">The content widths of the columns before the anchor (model, forecast, interval...).</param>
    /// <param name="anchorNatural">The widest anchor cell uncut (at least its header).</param>
    public static ForecastTableLayout For(int consoleWidth, IReadOnlyList<int> otherWidths, int anchorNatural)
    {
        anchorNatural = Math.Max(anchorNatural, AnchorHeader);
        // a rounded table: one border per column and one more, two cells of padding per column
        int fixedCells = 1 + otherWidths.Sum(w => w + 3) + 3;
        int shared = consoleWidth - fixedCells - 3; // the anchor column's content and the gauge's, less the gauge column's frame
        int gauge = Math.Clamp(shared - Math.Min(anchorNatural, AnchorWanted), MinGauge, FullGauge);
        if (shared - gauge < AnchorHeader) gauge = shared - AnchorHeader;
        if (gauge < LeastGauge) return new ForecastTableLayout(Math.Max(AnchorHeader, Math.Min(anchorNatural, shared + 3)), 0);
        return new ForecastTableLayout(Math.Min(anchorNatural, shared - gauge), gauge);
    }

    /// <summary><paramref name="text"/> cut to the anchor column's width with a trailing ellipsis.</summary>
    public string Fit(string text) => text.Length <= AnchorWidth ? text : text[..Math.Max(0, AnchorWidth - 1)].TrimEnd() + "…";
}
