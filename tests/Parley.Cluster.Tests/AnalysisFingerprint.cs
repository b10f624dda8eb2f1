using System.Globalization;
using Parley.Analysis;

namespace Parley.Cluster.Tests;

/// <summary>Every number of an analysis, in a fixed order, as exact bit patterns: two analyses are bit-identical when their lines are equal.</summary>
internal static class AnalysisFingerprint
{
    public static IReadOnlyList<string> Of(AnalysisResult result)
    {
        var lines = new List<string>();
        void Add(string path, double value) => lines.Add($"{path}={BitConverter.DoubleToInt64Bits(value):x16}");
        foreach (var m in result.Models)
        {
            lines.Add($"{m.Name} error={m.Error}");
            foreach (var issue in m.Point?.Issues ?? []) Add($"{m.Name}/{issue.Issue}/point", issue.Forecast);
            foreach (var d in m.Distribution?.Issues ?? [])
            {
                var p = $"{m.Name}/{d.Issue}/mc";
                lines.Add($"{p}/draws={d.Draws} invalid={d.Invalid} hist={string.Join(",", d.Histogram.Counts)}");
                foreach (var (name, v) in new[] { ("mean", d.Mean), ("median", d.Median), ("p10", d.P10), ("p90", d.P90), ("sd", d.StdDev), ("min", d.Min), ("max", d.Max) })
                    Add($"{p}/{name}", v);
                foreach (var a in d.Anchors) Add($"{p}/anchor/{a.Anchor.Label}", a.Probability);
            }
            foreach (var t in m.Tornado)
            {
                Add($"{m.Name}/{t.Issue}/tornado/point", t.Point);
                Add($"{m.Name}/{t.Issue}/tornado/centre", t.Centre);
                foreach (var b in t.Bars)
                {
                    Add($"{m.Name}/{t.Issue}/tornado/{b.Input.Key}/low", b.AtLow);
                    Add($"{m.Name}/{t.Issue}/tornado/{b.Input.Key}/high", b.AtHigh);
                }
            }
            foreach (var s in m.Sobol)
            {
                Add($"{m.Name}/{s.Issue}/sobol/variance", s.Variance);
                foreach (var x in s.Indices)
                {
                    Add($"{m.Name}/{s.Issue}/sobol/{x.Input.Key}/first", x.First);
                    Add($"{m.Name}/{s.Issue}/sobol/{x.Input.Key}/total", x.Total);
                }
            }
            foreach (var s in m.Shocks)
                foreach (var e in s.Effects)
                    lines.Add(string.Create(CultureInfo.InvariantCulture, $"{m.Name}/{s.Shock.Id}/{e.Issue}={e.Without:R}->{e.With:R}"));
        }
        return lines;
    }

    /// <summary>How many numbers the fingerprint holds (so a test can check it compared something).</summary>
    public static int Numbers(IReadOnlyList<string> lines) => lines.Count(l => l.Contains('='));
}
