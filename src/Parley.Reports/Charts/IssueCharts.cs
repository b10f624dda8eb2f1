using Parley.Analysis.MonteCarlo;
using Parley.Analysis.Sensitivity;
using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Reports.Svg;

namespace Parley.Reports.Charts;

/// <summary>One model's forecast on an issue for the scale chart, with its 10–90 % band when Monte Carlo ran.</summary>
public sealed record ModelMark(string Model, double Forecast, double? P10, double? P90, string Colour);

/// <summary>The charts of one issue. Each returns a complete &lt;svg&gt; element (see <see cref="SvgDocument"/>).</summary>
public static class IssueCharts
{
    private const double Width = 760;

    /// <summary>The issue's scale with its labelled anchors, status quo, known outcome, and every model's forecast marked.</summary>
    public static string Scale(Issue issue, IReadOnlyList<ModelMark> marks)
    {
        const double left = 150, right = 40, top = 58, row = 30;
        double height = top + Math.Max(1, marks.Count) * row + 52;
        var svg = new SvgDocument(Width, height, "scale", $"{issue.Title}: forecasts on the scale");
        svg.Data["issue"] = issue.Id.Value;
        var x = new LinearScale(issue.Scale.Min, issue.Scale.Max, left, Width - right);
        double bottom = top + marks.Count * row;

        AnchorLabels(svg, issue, x, 16, 32, top - 8, bottom);
        for (int k = 0; k < marks.Count; k++)
        {
            var m = marks[k];
            double y = top + k * row + row / 2;
            svg.Text(left - 12, y, ChartText.Clip(m.Model, 20), "end", 13, Palette.Ink, baseline: "middle");
            svg.Line(x.Map(issue.Scale.Min), y, x.Map(issue.Scale.Max), y, Palette.Grid, 1);
            if (m.P10 is { } lo && m.P90 is { } hi && double.IsFinite(lo) && double.IsFinite(hi))
                svg.Rect(x.Map(lo), y - 6, x.Map(hi) - x.Map(lo), 12, m.Colour, $"{m.Model}: 80% of draws in {ChartText.Value(lo, issue.Scale)}–{ChartText.Value(hi, issue.Scale)}",
                    opacity: 0.25, radius: 6);
            if (double.IsFinite(m.Forecast))
            {
                svg.Circle(x.Map(m.Forecast), y, 7, m.Colour, $"{m.Model}: {ChartText.WithUnit(m.Forecast, issue.Scale)}", strokeWidth: 2);
                double labelX = x.Map(Math.Max(m.Forecast, m.P90 ?? m.Forecast)) + 12;
                bool flip = labelX > Width - right - 30;
                svg.Text(flip ? x.Map(Math.Min(m.Forecast, m.P10 ?? m.Forecast)) - 12 : labelX, y, ChartText.Value(m.Forecast, issue.Scale),
                    flip ? "end" : "start", 12, Palette.Ink, "600", baseline: "middle");
            }
            else svg.Text(left, y, "no forecast", "start", 12, Palette.Muted, baseline: "middle");
        }
        Axis(svg, issue.Scale, x, bottom + 8);
        if (issue.StatusQuo is { } q)
            Marker(svg, x.Map(q), bottom + 8, "status quo", Palette.Muted);
        if (issue.Outcome is { } o)
            Marker(svg, x.Map(o), bottom + 8, "actual outcome", Palette.Ink);
        return svg.ToString();
    }

    /// <summary>The outcome distribution of one model: histogram of the draws over the scale, with anchor bands and quantiles.</summary>
    public static string Histogram(Issue issue, OutcomeDistribution d, string model, string colour)
    {
        const double left = 56, right = 24, top = 44, plotHeight = 150;
        double height = top + plotHeight + 46;
        var svg = new SvgDocument(Width, height, "histogram", $"{issue.Title}: distribution of the {model} forecast over {d.Draws} draws");
        svg.Data["issue"] = issue.Id.Value;
        svg.Data["model"] = model;
        var x = new LinearScale(issue.Scale.Min, issue.Scale.Max, left, Width - right);
        double bottom = top + plotHeight;
        var h = d.Histogram;
        double maxShare = h.Counts.Count == 0 ? 1 : Math.Max(1e-9, h.Counts.Max() / (double)Math.Max(1, d.Draws));
        var yMax = Math.Min(1.0, NiceCeiling(maxShare * 1.08));
        var y = new LinearScale(0, yMax, bottom, top);

        // anchor bands: each anchor's share of the scale is where the outcome lies nearest to it
        for (int k = 0; k < issue.Anchors.Count; k++)
        {
            var a = issue.Anchors[k];
            double lo = k == 0 ? issue.Scale.Min : (issue.Anchors[k - 1].Value + a.Value) / 2;
            double hi = k == issue.Anchors.Count - 1 ? issue.Scale.Max : (a.Value + issue.Anchors[k + 1].Value) / 2;
            double p = d.Anchors.Count > k ? d.Anchors[k].Probability : 0;
            svg.Rect(x.Map(lo), top - 30, x.Map(hi) - x.Map(lo), plotHeight + 30, k % 2 == 0 ? Palette.BandA : Palette.BandB,
                $"nearest to “{a.Label}”: {ChartText.Percent(p)} of draws");
            double mid = (x.Map(lo) + x.Map(hi)) / 2;
            double room = x.Map(hi) - x.Map(lo) - 4;
            var label = ChartText.Percent(p);
            svg.Text(mid, top - 17, label, "middle", 12, p >= 0.5 ? Palette.Ink : Palette.Muted, p >= 0.5 ? "700" : "600");
            if (room > 24)
                svg.Text(mid, top - 4, ChartText.Clip(a.Label, Math.Max(3, (int)(room / 6.5))), "middle", 10, Palette.Muted);
        }
        foreach (var t in y.Ticks(4))
        {
            svg.Line(left, y.Map(t), Width - right, y.Map(t), "#ffffff", 1);
            svg.Text(left - 6, y.Map(t), ChartText.Percent(t), "end", 10, Palette.Muted, baseline: "middle");
        }
        for (int k = 0; k < h.Counts.Count; k++)
        {
            if (h.Counts[k] == 0) continue;
            double share = h.Counts[k] / (double)Math.Max(1, d.Draws);
            double x0 = x.Map(h.BinLow(k)), x1 = x.Map(h.BinHigh(k));
            svg.Rect(x0 + 0.5, y.Map(share), x1 - x0 - 1, bottom - y.Map(share), colour,
                $"{ChartText.Value(h.BinLow(k), issue.Scale)}–{ChartText.Value(h.BinHigh(k), issue.Scale)}: {ChartText.Percent(share)}", opacity: 0.85);
        }
        if (double.IsFinite(d.Median))
        {
            svg.Line(x.Map(d.P10), top - 2, x.Map(d.P10), bottom, Palette.Ink, 1.2, "4 3");
            svg.Line(x.Map(d.P90), top - 2, x.Map(d.P90), bottom, Palette.Ink, 1.2, "4 3");
            svg.Line(x.Map(d.Median), top - 2, x.Map(d.Median), bottom, Palette.Ink, 2);
        }
        svg.Line(left, bottom, Width - right, bottom, Palette.Axis, 1);
        Axis(svg, issue.Scale, x, bottom);
        svg.Text(left, height - 4,
            $"{model}: median {ChartText.Value(d.Median, issue.Scale)} (solid line); 80% of {d.Draws} draws between {ChartText.Value(d.P10, issue.Scale)} and {ChartText.Value(d.P90, issue.Scale)} (dashed)",
            "start", 11, Palette.Muted);
        return svg.ToString();
    }

    /// <summary>Positions over rounds (dynamic models): one line per actor coloured by group, the forecast outcome in black.</summary>
    public static string Trajectory(Issue issue, IReadOnlyList<TrajectoryPoint> points, string model, Scenario scenario,
        IReadOnlyDictionary<string, string> groupColours)
    {
        const double left = 56, right = 150, top = 20, plotHeight = 220;
        var groups = scenario.StancesOn(issue.Id).Select(s => scenario.Actor(s.Actor).Group ?? "").Distinct().ToArray();
        double legendWidth = 40 + ChartText.Width("forecast outcome", 11)
                             + groups.Sum(g => 40 + ChartText.Width(ChartText.Clip(g.Length == 0 ? "(no group)" : g, 18), 11));
        double height = top + plotHeight + 66 + 18 * Math.Floor(legendWidth / (Width - left - 10));
        var svg = new SvgDocument(Width, height, "trajectory", $"{issue.Title}: positions over rounds ({model})");
        svg.Data["issue"] = issue.Id.Value;
        svg.Data["model"] = model;
        int rounds = points.Count == 0 ? 1 : Math.Max(1, points.Max(p => p.Round));
        var x = new LinearScale(0, rounds, left, Width - right);
        var y = new LinearScale(issue.Scale.Min, issue.Scale.Max, top + plotHeight, top);
        foreach (var t in y.Ticks(5))
        {
            svg.Line(left, y.Map(t), Width - right, y.Map(t), Palette.Grid, 1);
            svg.Text(left - 6, y.Map(t), ChartText.Value(t, issue.Scale), "end", 10, Palette.Muted, baseline: "middle");
        }
        foreach (var a in issue.Anchors)
        {
            svg.Line(left, y.Map(a.Value), Width - right, y.Map(a.Value), Palette.Axis, 1, "2 3");
            svg.Text(Width - right + 6, y.Map(a.Value), ChartText.Clip(a.Label, 22), "start", 10, Palette.Muted, baseline: "middle");
        }
        var actors = points.SelectMany(p => p.Positions.Keys).Distinct().OrderBy(k => k, StringComparer.Ordinal).ToArray();
        foreach (var actor in actors)
        {
            var line = points.Where(p => p.Positions.ContainsKey(actor)).Select(p => (x.Map(p.Round), y.Map(p.Positions[actor]))).ToArray();
            if (line.Length == 0) continue;
            var colour = GroupColour(scenario, actor, groupColours);
            svg.Polyline(line, colour, 1.4, Name(scenario, actor), 0.7);
        }
        svg.Polyline(points.Select(p => (x.Map(p.Round), y.Map(p.Outcome))), Palette.Ink, 3, "forecast outcome");
        for (int r = 0; r <= rounds; r += Math.Max(1, rounds / 10))
            svg.Text(x.Map(r), top + plotHeight + 16, r.ToString(System.Globalization.CultureInfo.InvariantCulture), "middle", 10, Palette.Muted);
        svg.Text((left + Width - right) / 2, top + plotHeight + 34, "round", "middle", 11, Palette.Muted);
        svg.Line(left, top + plotHeight, Width - right, top + plotHeight, Palette.Axis, 1);
        var legend = new List<(string Label, string Colour, double Width)> { ("forecast outcome", Palette.Ink, 3) };
        legend.AddRange(groups.Select(g => (ChartText.Clip(g.Length == 0 ? "(no group)" : g, 18), groupColours.GetValueOrDefault(g, Palette.Muted), 1.6)));
        double lx = left, ly = top + plotHeight + 56;
        foreach (var (label, colour, width) in legend)
        {
            double w = 40 + ChartText.Width(label, 11);
            if (lx + w > Width - 10) { lx = left; ly += 18; }
            svg.Line(lx, ly - 4, lx + 22, ly - 4, colour, width);
            svg.Text(lx + 28, ly, label, "start", 11, Palette.Ink);
            lx += w;
        }
        return svg.ToString();
    }

    /// <summary>The tornado: each uncertain input's swing of the forecast between its low and its high end, ranked.</summary>
    public static string Tornado(Issue issue, TornadoResult t, string model, int top = 12)
    {
        var bars = t.Bars.Where(b => double.IsFinite(b.Swing)).Take(top).ToArray();
        const double left = 250, right = 60, head = 40, row = 24;
        double height = head + Math.Max(1, bars.Length) * row + 40;
        var svg = new SvgDocument(Width, height, "tornado", $"{issue.Title}: sensitivity of the {model} forecast to each uncertain input");
        svg.Data["issue"] = issue.Id.Value;
        svg.Data["model"] = model;
        double lo = bars.Select(b => Math.Min(b.AtLow, b.AtHigh)).Append(t.Centre).Min();
        double hi = bars.Select(b => Math.Max(b.AtLow, b.AtHigh)).Append(t.Centre).Max();
        double pad = Math.Max((hi - lo) * 0.08, issue.Scale.Width * 0.01);
        var x = new LinearScale(lo - pad, hi + pad, left, Width - right);

        svg.Rect(left, 8, 12, 12, Palette.Low);
        svg.Text(left + 18, 18, "input at the low end of its range", "start", 11, Palette.Muted);
        svg.Rect(left + 230, 8, 12, 12, Palette.High);
        svg.Text(left + 248, 18, "input at the high end", "start", 11, Palette.Muted);
        if (bars.Length == 0)
            svg.Text(left, head + row / 2, "No input of this issue carries a range.", "start", 12, Palette.Muted, baseline: "middle");
        for (int k = 0; k < bars.Length; k++)
        {
            var b = bars[k];
            double y = head + k * row;
            svg.Text(left - 10, y + row / 2, ChartText.Clip(b.Label, 40), "end", 12, Palette.Ink, baseline: "middle");
            double c = x.Map(t.Centre);
            svg.Rect(Math.Min(c, x.Map(b.AtLow)), y + 4, Math.Abs(x.Map(b.AtLow) - c), row - 8, Palette.Low,
                $"{b.Label} at {ChartText.Number(b.Input.Range.Low)}: forecast {ChartText.Value(b.AtLow, issue.Scale)}");
            svg.Rect(Math.Min(c, x.Map(b.AtHigh)), y + 4, Math.Abs(x.Map(b.AtHigh) - c), row - 8, Palette.High,
                $"{b.Label} at {ChartText.Number(b.Input.Range.High)}: forecast {ChartText.Value(b.AtHigh, issue.Scale)}");
            svg.Text(x.Map(Math.Max(b.AtLow, b.AtHigh)) + 5, y + row / 2, ChartText.Value(b.Swing, issue.Scale), "start", 10, Palette.Muted,
                baseline: "middle");
        }
        double bottom = head + Math.Max(1, bars.Length) * row;
        svg.Line(x.Map(t.Centre), head - 4, x.Map(t.Centre), bottom, Palette.Ink, 1.5);
        svg.Line(left, bottom, Width - right, bottom, Palette.Axis, 1);
        foreach (var tick in x.Ticks(6))
        {
            svg.Line(x.Map(tick), bottom, x.Map(tick), bottom + 4, Palette.Axis, 1);
            svg.Text(x.Map(tick), bottom + 16, ChartText.Value(tick, issue.Scale), "middle", 10, Palette.Muted);
        }
        svg.Text(x.Map(t.Centre), bottom + 32, $"forecast with every input at its centre: {ChartText.Value(t.Centre, issue.Scale)}", "middle", 11,
            Palette.Muted);
        return svg.ToString();
    }

    /// <summary>The actor map: position (x) against capability (y); marker area grows with salience; colour = group.</summary>
    public static string ActorMap(Scenario scenario, Issue issue, IReadOnlyDictionary<string, string> groupColours)
    {
        const double left = 56, right = 24, top = 34, plotHeight = 260;
        var stances = scenario.StancesOn(issue.Id);
        var groups = stances.Select(s => scenario.Actor(s.Actor).Group ?? "").Distinct().ToArray();
        double legendRows = Math.Ceiling(groups.Length / 5.0);
        double height = top + plotHeight + 46 + legendRows * 18;
        var svg = new SvgDocument(Width, height, "actor-map", $"{issue.Title}: actors by position and capability");
        svg.Data["issue"] = issue.Id.Value;
        var x = new LinearScale(issue.Scale.Min, issue.Scale.Max, left, Width - right);
        double maxCap = stances.Count == 0 ? 1 : stances.Max(s => scenario.Actor(s.Actor).Capability);
        double minCap = stances.Count == 0 ? 1 : stances.Min(s => scenario.Actor(s.Actor).Capability);
        // capabilities spanning more than 30× (e.g. the US against small allies) go on a log scale, else all but one sit on the axis
        bool log = minCap > 0 && maxCap / minCap > 30;
        Func<double, double> yOf;
        if (log)
        {
            double lo = Math.Floor(Math.Log10(minCap)), hi = Math.Ceiling(Math.Log10(maxCap));
            if (hi <= lo) hi = lo + 1;
            var logScale = new LinearScale(lo, hi, top + plotHeight, top);
            yOf = c => logScale.Map(Math.Log10(c));
            for (double e = lo; e <= hi + 1e-9; e++)
            {
                double t = Math.Pow(10, e);
                svg.Line(left, yOf(t), Width - right, yOf(t), Palette.Grid, 1);
                svg.Text(left - 6, yOf(t), ChartText.Number(t, "0.###"), "end", 10, Palette.Muted, baseline: "middle");
            }
        }
        else
        {
            var y = new LinearScale(0, NiceCeiling(maxCap * 1.1), top + plotHeight, top);
            yOf = y.Map;
            foreach (var t in y.Ticks(4))
            {
                svg.Line(left, y.Map(t), Width - right, y.Map(t), Palette.Grid, 1);
                svg.Text(left - 6, y.Map(t), ChartText.Number(t, "0.##"), "end", 10, Palette.Muted, baseline: "middle");
            }
        }
        svg.Text(14, top + plotHeight / 2, log ? "capability (log scale)" : "capability", "middle", 11, Palette.Muted, rotate: -90);
        AnchorLabels(svg, issue, x, 12, 24, top, top + plotHeight);
        // largest markers first so small ones stay visible on top
        foreach (var s in stances.OrderByDescending(s => s.Salience).ThenBy(s => s.Actor.Value, StringComparer.Ordinal))
        {
            var a = scenario.Actor(s.Actor);
            double r = 3 + 11 * Math.Sqrt(s.Salience);
            double cx = x.Map(s.Position), cy = yOf(a.Capability);
            svg.Circle(cx, cy, r, groupColours.GetValueOrDefault(a.Group ?? "", Palette.Muted),
                $"{a.Name}: position {ChartText.WithUnit(s.Position, issue.Scale)}, capability {ChartText.Number(a.Capability)}, salience {ChartText.Number(s.Salience, "0.##")}",
                opacity: 0.75);
            svg.Text(cx + r + 2, cy - r + 2, a.Id.Value, "start", 9, Palette.Ink);
        }
        double bottom = top + plotHeight;
        svg.Line(left, bottom, Width - right, bottom, Palette.Axis, 1);
        Axis(svg, issue.Scale, x, bottom);
        double ly = bottom + 44;
        for (int k = 0; k < groups.Length; k++)
        {
            double lx = left + (k % 5) * 136;
            double yy = ly + Math.Floor(k / 5.0) * 18;
            svg.Circle(lx + 6, yy - 4, 6, groupColours.GetValueOrDefault(groups[k], Palette.Muted), opacity: 0.75);
            svg.Text(lx + 16, yy, ChartText.Clip(groups[k].Length == 0 ? "(no group)" : groups[k], 18), "start", 11, Palette.Ink);
        }
        svg.Text(Width - right, ly - 18 + legendRows * 18 + 16, "marker size = salience", "end", 10, Palette.Muted);
        return svg.ToString();
    }

    /// <summary>Colours for the scenario's groups in order of first appearance (actors without a group are grey).</summary>
    public static IReadOnlyDictionary<string, string> GroupColours(Scenario scenario)
    {
        var map = new Dictionary<string, string> { [""] = Palette.Muted };
        int k = 0;
        foreach (var a in scenario.Actors)
            if (a.Group is { } g && !map.ContainsKey(g)) map[g] = Palette.At(k++);
        return map;
    }

    private static string GroupColour(Scenario scenario, string actor, IReadOnlyDictionary<string, string> colours)
    {
        var id = new ActorId(actor);
        return scenario.HasActor(id) ? colours.GetValueOrDefault(scenario.Actor(id).Group ?? "", Palette.Muted) : Palette.Muted;
    }

    private static string Name(Scenario scenario, string actor)
    {
        var id = new ActorId(actor);
        return scenario.HasActor(id) ? scenario.Actor(id).Name : actor;
    }

    /// <summary>Anchor labels on two alternating rows so neighbours do not overlap, with dotted guides down the plot.</summary>
    private static void AnchorLabels(SvgDocument svg, Issue issue, LinearScale x, double row1, double row2, double guideTop, double guideBottom)
    {
        double end1 = double.NegativeInfinity, end2 = double.NegativeInfinity;
        foreach (var a in issue.Anchors)
        {
            double ax = x.Map(a.Value);
            var label = ChartText.Clip(a.Label, 28);
            double w = ChartText.Width(label, 11);
            double start = ax - w / 2;
            bool first = start > end1 + 6 || start - end1 >= start - end2;
            double yy = first ? row1 : row2;
            if (first) end1 = ax + w / 2; else end2 = ax + w / 2;
            svg.Line(ax, yy + 4, ax, guideBottom, Palette.Axis, 1, "2 3");
            svg.Text(Math.Clamp(ax, w / 2 + 2, Width - w / 2 - 2), yy, label, "middle", 11, Palette.Muted, "600");
        }
        _ = guideTop;
    }

    /// <summary>Ticks and numbers along the scale; the unit follows the last number (e.g. "100 points").</summary>
    private static void Axis(SvgDocument svg, Core.Domain.Scale scale, LinearScale x, double y)
    {
        var ticks = x.Ticks(8);
        for (int k = 0; k < ticks.Count; k++)
        {
            double t = ticks[k];
            svg.Line(x.Map(t), y, x.Map(t), y + 4, Palette.Axis, 1);
            bool last = k == ticks.Count - 1 && !string.IsNullOrEmpty(scale.Unit);
            svg.Text(x.Map(t), y + 16, last ? $"{ChartText.Value(t, scale)} {scale.Unit}" : ChartText.Value(t, scale), "middle", 10, Palette.Muted);
        }
    }

    private static void Marker(SvgDocument svg, double x, double y, string label, string colour)
    {
        svg.Polygon([(x, y - 1), (x - 6, y - 10), (x + 6, y - 10)], colour, label, null);
        svg.Text(x, y + 30, label, "middle", 10, colour, "600");
    }

    private static double NiceCeiling(double v)
    {
        if (!(v > 0)) return 1;
        double mag = Math.Pow(10, Math.Floor(Math.Log10(v)));
        foreach (var m in new[] { 1.0, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 })
            if (m * mag >= v - 1e-12) return m * mag;
        return 10 * mag;
    }
}
