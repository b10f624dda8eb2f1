using System.Globalization;
using Parley.Core.Domain;

namespace Parley.Reports.Charts;

/// <summary>Number and label formatting shared by the charts and the HTML report (invariant culture).</summary>
public static class ChartText
{
    /// <summary>A value on an issue's scale, with one decimal at most when the scale is wide, two when narrow.</summary>
    public static string Value(double v, Scale scale) =>
        !double.IsFinite(v) ? "–" : NoNegativeZero(v.ToString(scale.Width >= 20 ? "0.#" : "0.##", CultureInfo.InvariantCulture));

    public static string WithUnit(double v, Scale scale) =>
        string.IsNullOrEmpty(scale.Unit) ? Value(v, scale) : $"{Value(v, scale)} {scale.Unit}";

    public static string Percent(double p) =>
        !double.IsFinite(p) ? "–" : NoNegativeZero((p * 100).ToString(p is > 0 and < 0.01 ? "0.#" : "0", CultureInfo.InvariantCulture)) + "%";

    public static string Number(double v, string format = "0.###") =>
        !double.IsFinite(v) ? "–" : NoNegativeZero(v.ToString(format, CultureInfo.InvariantCulture));

    /// <summary>"-0" (a tiny negative rounded away) reads as an error on a chart.</summary>
    private static string NoNegativeZero(string s) => s.TrimStart('-').Trim('0', '.').Length == 0 && s.StartsWith('-') ? s[1..] : s;

    /// <summary>Cuts text to at most <paramref name="max"/> characters with an ellipsis.</summary>
    public static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>A rough text width for layout (no font metrics here): 0.58 em per character.</summary>
    public static double Width(string text, double size) => text.Length * size * 0.58;
}
