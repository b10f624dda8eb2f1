using Parley.Analysis;
using Parley.Core.Domain;

namespace Parley.Contracts.V1;

/// <summary>Maps an analysis to the `analyze --json` document: run's document for the models that ran, plus the analysis.</summary>
public static class AnalyzeMapper
{
    public static AnalyzeDocument Map(AnalysisResult result)
    {
        var ok = result.Models.Where(m => m.Point is not null).ToArray();
        var points = ok.Select(m => m.Point!).ToArray();
        var issues = RunMapper.Issues(result.Scenario, points, (i, issue, entry) => Extend(ok[i], issue, entry));
        var errors = new Dictionary<string, string>();
        foreach (var m in result.Models)
            if (m.Error is { } error) errors[m.Name] = error;
        var analysis = new AnalysisDto(result.Options.MonteCarlo.Draws, result.Options.MonteCarlo.Seed,
            result.WhatIfs.Select(w => w.ToString()).ToArray(), errors);
        return new AnalyzeDocument(result.Scenario.Id, RunMapper.WithHeadlines(result.Scenario, issues, result.Headlines), RunMapper.Shared(points), analysis);
    }

    private static ModelEntry Extend(ModelAnalysis m, Issue issue, ModelEntry entry)
    {
        var tornado = m.TornadoFor(issue.Id);
        var shocks = Shocks(m, issue.Id);
        return entry with
        {
            Distribution = m.Distribution?.For(issue.Id) is { } d ? Distribution(d, m.Distribution.Seed) : null,
            Tornado = tornado?.Bars.Select(b =>
                new TornadoBarDto(b.Input.Key, b.Label, b.Input.Range.Low, b.Input.Range.High, b.AtLow, b.AtHigh, b.Swing)).ToArray(),
            TornadoCentre = tornado?.Centre,
            Sobol = m.SobolFor(issue.Id) is { } s
                ? new SobolDto(s.Samples, s.Variance, s.Indices.Select(x => new SobolIndexDto(x.Input.Key, x.Label, x.First, x.Total)).ToArray())
                : null,
            Shocks = shocks.Count > 0 ? shocks : null,
            AnalysisNotes = m.Notes.Count > 0 ? m.Notes : null,
        };
    }

    private static DistributionDto Distribution(Analysis.MonteCarlo.OutcomeDistribution d, ulong seed)
    {
        var anchors = new Dictionary<string, double>();
        foreach (var a in d.Anchors) anchors[a.Anchor.Label] = a.Probability;
        return new DistributionDto(d.Draws, seed, d.Mean, d.Median, d.P10, d.P90, d.StdDev, d.Min, d.Max, d.Invalid, anchors);
    }

    /// <summary>Each shock that touched the issue or failed: the forecast without and with it.</summary>
    private static List<ShockDto> Shocks(ModelAnalysis m, IssueId issue)
    {
        var shocks = new List<ShockDto>();
        foreach (var s in m.Shocks)
        {
            var effect = s.Effects.FirstOrDefault(e => e.Issue == issue);
            if (effect is null && s.Error is null) continue;
            shocks.Add(new ShockDto(s.Shock.Id, effect?.Without, effect?.With, s.Error, s.Notes));
        }
        return shocks;
    }
}
