using Parley.Core.Domain;

namespace Parley.Cli.Rendering;

/// <summary>A one-line picture of where a value lies on an issue's scale, e.g. <c>├──────●───┼──────┤</c> (┼ = status quo).</summary>
public static class ScaleGauge
{
    public static string Draw(double value, Issue issue, int width = 24)
    {
        var cells = new char[width];
        for (int i = 0; i < width; i++) cells[i] = '─';
        cells[0] = '├';
        cells[^1] = '┤';
        if (issue.StatusQuo is { } q) cells[Cell(q, issue.Scale, width)] = '┼';
        cells[Cell(value, issue.Scale, width)] = '●';
        return new string(cells);
    }

    /// <summary>As <see cref="Draw(double, Issue, int)"/> with the interval low..high drawn as <c>━</c>, e.g. <c>├───━━━●━━───┼───┤</c>.</summary>
    public static string Draw(double value, double low, double high, Issue issue, int width = 24)
    {
        var cells = Draw(value, issue, width).ToCharArray();
        int from = Cell(low, issue.Scale, width), to = Cell(high, issue.Scale, width);
        for (int i = from; i <= to; i++)
            if (cells[i] == '─') cells[i] = '━';
        return new string(cells);
    }

    private static int Cell(double value, Scale scale, int width) =>
        Math.Clamp((int)Math.Round(scale.ToUnit(Math.Clamp(value, scale.Min, scale.Max)) * (width - 1)), 0, width - 1);
}
