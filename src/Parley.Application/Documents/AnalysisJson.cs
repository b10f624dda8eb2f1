using System.Text.Json.Nodes;
using Parley.Formats.Json;

namespace Parley.Application.Documents;

/// <summary>`analyze --json`: the `run --json` document with distribution, tornado and shocks added to each model's entry.</summary>
public static class AnalysisJson
{
    public static JsonObject Build(Analysis.AnalysisResult result)
    {
        var ok = result.Models.Where(m => m.Point is not null).ToArray();
        var doc = ForecastJson.Build(result.Scenario, ok.Select(m => m.Point!).ToArray());
        foreach (var m in ok)
            foreach (var issue in result.Scenario.Issues)
            {
                if (ForecastJson.FindModelEntry(doc, issue.Id, m.Point!.Model) is not { } entry) continue;
                if (m.Distribution?.For(issue.Id) is { } d)
                {
                    var anchors = new JsonObject();
                    foreach (var a in d.Anchors) anchors[a.Anchor.Label] = a.Probability;
                    entry["distribution"] = new JsonObject
                    {
                        ["draws"] = d.Draws,
                        ["seed"] = m.Distribution.Seed,
                        ["mean"] = d.Mean,
                        ["median"] = d.Median,
                        ["p10"] = d.P10,
                        ["p90"] = d.P90,
                        ["std_dev"] = d.StdDev,
                        ["min"] = d.Min,
                        ["max"] = d.Max,
                        ["invalid"] = d.Invalid,
                        ["anchors"] = anchors,
                    };
                }
                if (m.TornadoFor(issue.Id) is { } t)
                {
                    var bars = new JsonArray();
                    foreach (var b in t.Bars)
                        bars.Add(new JsonObject
                        {
                            ["input"] = b.Input.Key,
                            ["label"] = b.Label,
                            ["low"] = b.Input.Range.Low,
                            ["high"] = b.Input.Range.High,
                            ["at_low"] = b.AtLow,
                            ["at_high"] = b.AtHigh,
                            ["swing"] = b.Swing,
                        });
                    entry["tornado"] = bars;
                    entry["tornado_centre"] = t.Centre;
                }
                if (m.SobolFor(issue.Id) is { } sobol)
                {
                    var rows = new JsonArray();
                    foreach (var x in sobol.Indices)
                        rows.Add(new JsonObject { ["input"] = x.Input.Key, ["label"] = x.Label, ["first"] = x.First, ["total"] = x.Total });
                    entry["sobol"] = new JsonObject { ["samples"] = sobol.Samples, ["variance"] = sobol.Variance, ["indices"] = rows };
                }
                var shocks = new JsonArray();
                foreach (var s in m.Shocks)
                {
                    var effect = s.Effects.FirstOrDefault(e => e.Issue == issue.Id);
                    if (effect is null && s.Error is null) continue;
                    shocks.Add(new JsonObject
                    {
                        ["id"] = s.Shock.Id,
                        ["without"] = effect?.Without,
                        ["with"] = effect?.With,
                        ["error"] = s.Error,
                        ["notes"] = new JsonArray(s.Notes.Select(n => (JsonNode?)n).ToArray()),
                    });
                }
                if (shocks.Count > 0) entry["shocks"] = shocks;
                if (m.Notes.Count > 0) entry["analysis_notes"] = new JsonArray(m.Notes.Select(n => (JsonNode?)n).ToArray());
            }
        var errors = new JsonObject();
        foreach (var m in result.Models.Where(m => m.Error is not null)) errors[m.Name] = m.Error;
        doc["analysis"] = new JsonObject
        {
            ["draws"] = result.Options.MonteCarlo.Draws,
            ["seed"] = result.Options.MonteCarlo.Seed,
            ["what_ifs"] = new JsonArray(result.WhatIfs.Select(w => (JsonNode?)w.ToString()).ToArray()),
            ["errors"] = errors,
        };
        return doc;
    }
}
