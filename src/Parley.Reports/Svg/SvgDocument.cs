using System.Globalization;
using System.Text;

namespace Parley.Reports.Svg;

/// <summary>
/// Parley's own small SVG writer: a fixed-size canvas and the primitives the charts need (line, rect, circle, text,
/// polyline, groups), every number written with the invariant culture and at most two decimals so the output is
/// stable across machines (the golden tests pin it), every text escaped. Elements may carry a tooltip (&lt;title&gt;).
/// </summary>
public sealed class SvgDocument
{
    private readonly StringBuilder _body = new();
    private int _depth = 1;

    public SvgDocument(double width, double height, string kind, string label)
    {
        Width = width;
        Height = height;
        Kind = kind;
        Label = label;
    }

    public double Width { get; }
    public double Height { get; }

    /// <summary>The chart's kind (class "chart chart-KIND" and data-chart="KIND"), e.g. "histogram".</summary>
    public string Kind { get; }

    /// <summary>The accessible name of the chart (aria-label).</summary>
    public string Label { get; }

    /// <summary>Extra attributes on the root element, e.g. data-issue.</summary>
    public Dictionary<string, string> Data { get; } = [];

    public SvgDocument Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null,
        string? cssClass = null) =>
        Element("line", [("x1", Num(x1)), ("y1", Num(y1)), ("x2", Num(x2)), ("y2", Num(y2)), ("stroke", stroke),
            ("stroke-width", Num(width)), ("stroke-dasharray", dash), ("class", cssClass)]);

    public SvgDocument Rect(double x, double y, double width, double height, string fill, string? tooltip = null,
        string? stroke = null, double? opacity = null, double? radius = null, string? cssClass = null) =>
        Element("rect", [("x", Num(x)), ("y", Num(y)), ("width", Num(Math.Max(0, width))), ("height", Num(Math.Max(0, height))),
            ("rx", radius is { } r ? Num(r) : null), ("fill", fill), ("stroke", stroke),
            ("fill-opacity", opacity is { } o ? Num(o) : null), ("class", cssClass)], tooltip);

    public SvgDocument Circle(double cx, double cy, double r, string fill, string? tooltip = null, string? stroke = "#ffffff",
        double strokeWidth = 1, double? opacity = null, string? cssClass = null) =>
        Element("circle", [("cx", Num(cx)), ("cy", Num(cy)), ("r", Num(r)), ("fill", fill), ("stroke", stroke),
            ("stroke-width", stroke is null ? null : Num(strokeWidth)), ("fill-opacity", opacity is { } o ? Num(o) : null),
            ("class", cssClass)], tooltip);

    /// <summary>A diamond marker centred on (cx, cy).</summary>
    public SvgDocument Diamond(double cx, double cy, double r, string fill, string? tooltip = null) =>
        Polygon([(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], fill, tooltip);

    public SvgDocument Polygon(IEnumerable<(double X, double Y)> points, string fill, string? tooltip = null, string? stroke = "#ffffff") =>
        Element("polygon", [("points", Points(points)), ("fill", fill), ("stroke", stroke)], tooltip);

    public SvgDocument Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width = 1.5, string? tooltip = null,
        double? opacity = null, string? dash = null) =>
        Element("polyline", [("points", Points(points)), ("fill", "none"), ("stroke", stroke), ("stroke-width", Num(width)),
            ("stroke-opacity", opacity is { } o ? Num(o) : null), ("stroke-dasharray", dash),
            ("stroke-linejoin", "round"), ("stroke-linecap", "round")], tooltip);

    /// <summary>Text; <paramref name="anchor"/> is start, middle or end; <paramref name="rotate"/> turns it about (x, y).</summary>
    public SvgDocument Text(double x, double y, string text, string anchor = "start", double size = 12, string fill = "#222222",
        string? weight = null, double? rotate = null, string? cssClass = null, string? baseline = null)
    {
        Indent();
        _body.Append("<text");
        Attributes([("x", Num(x)), ("y", Num(y)), ("text-anchor", anchor == "start" ? null : anchor), ("font-size", Num(size)),
            ("fill", fill), ("font-weight", weight), ("dominant-baseline", baseline),
            ("transform", rotate is { } r ? $"rotate({Num(r)} {Num(x)} {Num(y)})" : null), ("class", cssClass)]);
        _body.Append('>').Append(Escape(text)).Append("</text>\n");
        return this;
    }

    public SvgDocument BeginGroup(string? cssClass = null, string? transform = null, string? tooltip = null)
    {
        Indent();
        _body.Append("<g");
        Attributes([("class", cssClass), ("transform", transform)]);
        _body.Append(">\n");
        _depth++;
        if (tooltip is not null)
        {
            Indent();
            _body.Append("<title>").Append(Escape(tooltip)).Append("</title>\n");
        }
        return this;
    }

    public SvgDocument EndGroup()
    {
        _depth--;
        Indent();
        _body.Append("</g>\n");
        return this;
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\"");
        sb.Append(" viewBox=\"0 0 ").Append(Num(Width)).Append(' ').Append(Num(Height)).Append('"');
        sb.Append(" width=\"").Append(Num(Width)).Append("\" height=\"").Append(Num(Height)).Append('"');
        sb.Append(" class=\"chart chart-").Append(Escape(Kind)).Append("\" data-chart=\"").Append(Escape(Kind)).Append('"');
        foreach (var (k, v) in Data.OrderBy(p => p.Key, StringComparer.Ordinal))
            sb.Append(" data-").Append(Escape(k)).Append("=\"").Append(Escape(v)).Append('"');
        sb.Append(" role=\"img\" aria-label=\"").Append(Escape(Label)).Append("\" font-family=\"")
            .Append(FontFamily).Append("\">\n");
        sb.Append("  <title>").Append(Escape(Label)).Append("</title>\n");
        sb.Append(_body);
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>The fonts charts ask for (system fonts only: the report loads nothing).</summary>
    public const string FontFamily = "Segoe UI, Helvetica Neue, Arial, Liberation Sans, DejaVu Sans, sans-serif";

    /// <summary>A number as SVG wants it: invariant culture, at most two decimals, no negative zero.</summary>
    public static string Num(double v)
    {
        if (!double.IsFinite(v)) return "0";
        var s = Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);
        return s == "-0" ? "0" : s;
    }

    /// <summary>Escapes text for XML content and attribute values.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ when char.IsControl(c) && c != '\n' && c != '\t' => "",
                _ => c.ToString(),
            });
        return sb.ToString();
    }

    private SvgDocument Element(string name, (string Name, string? Value)[] attributes, string? tooltip = null)
    {
        Indent();
        _body.Append('<').Append(name);
        Attributes(attributes);
        if (tooltip is null) _body.Append("/>\n");
        else _body.Append("><title>").Append(Escape(tooltip)).Append("</title></").Append(name).Append(">\n");
        return this;
    }

    private void Attributes((string Name, string? Value)[] attributes)
    {
        foreach (var (n, v) in attributes)
            if (v is not null) _body.Append(' ').Append(n).Append("=\"").Append(Escape(v)).Append('"');
    }

    private void Indent() => _body.Append(' ', 2 * _depth);

    private static string Points(IEnumerable<(double X, double Y)> points) =>
        string.Join(" ", points.Select(p => Num(p.X) + "," + Num(p.Y)));
}
