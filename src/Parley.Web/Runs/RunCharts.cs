using Parley.Analysis;
using Parley.Reports.Charts;
using Parley.Reports.Svg;

namespace Parley.Web.Runs;

/// <summary>One chart of one model.</summary>
public sealed record ModelChart(string Model, string Svg);

/// <summary>The charts of one issue: every model on the scale, then each model's distribution and tornado (analyses).</summary>
public sealed record IssueChartSet(string Issue, string Title, string Scale, IReadOnlyList<ModelChart> Distributions, IReadOnlyList<ModelChart> Tornadoes);

/// <summary>
/// The report's charts (Parley.Reports' <see cref="IssueCharts"/>, the same SVG) for the web pages, made once when a
/// run finishes and stored with it, so a page shows them without the analysis in memory.
/// </summary>
public static class RunCharts
{
    public static IReadOnlyList<IssueChartSet> Build(AnalysisResult result, int tornadoBars = 12)
    {
        var ok = result.Models.Where(m => m.Error is null && m.Point is not null).ToArray();
        string Colour(ModelAnalysis m) => Palette.At(result.Models.ToList().IndexOf(m));
        var sets = new List<IssueChartSet>();
        foreach (var issue in result.Scenario.Issues)
        {
            if (!ok.Any(m => m.Point!.For(issue.Id) is not null)) continue;
            var marks = ok.Select(m =>
            {
                var d = m.Distribution?.For(issue.Id);
                return new ModelMark(m.Name, m.Point!.For(issue.Id)?.Forecast ?? double.NaN, d?.P10, d?.P90, Colour(m));
            }).ToArray();
            var histograms = ok.Where(m => m.Distribution?.For(issue.Id) is not null)
                .Select(m => new ModelChart(m.Name, IssueCharts.Histogram(issue, m.Distribution!.For(issue.Id)!, m.Name, Colour(m)))).ToArray();
            var tornadoes = ok.Where(m => m.TornadoFor(issue.Id) is not null)
                .Select(m => new ModelChart(m.Name, IssueCharts.Tornado(issue, m.TornadoFor(issue.Id)!, m.Name, tornadoBars))).ToArray();
            sets.Add(new IssueChartSet(issue.Id.Value, issue.Title, IssueCharts.Scale(issue, marks), histograms, tornadoes));
        }
        return sets;
    }
}
