using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Backtest;

/// <summary>
/// The <c>backtest --json</c> document: <c>{"dataset", "cases", "skipped", "capability", "folds", "seed",
/// "models": {NAME: {"mae", "rmse", "median_ae", "within10", "n", "kind", "held_out", "not_applicable", "failed"}}}</c>.
/// Errors are in points of a 0–100 scale (percent of each issue's scale); null when a model forecast no case.
/// Extend, never rename.
/// </summary>
public static class BacktestJson
{
    private static JsonNode? Num(double v) => double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 6)) : null;

    public static JsonObject Build(BacktestReport report)
    {
        var models = new JsonObject();
        foreach (var m in report.Models)
            models[m.Name] = new JsonObject
            {
                ["mae"] = Num(m.Errors.Mae),
                ["rmse"] = Num(m.Errors.Rmse),
                ["median_ae"] = Num(m.Errors.MedianAe),
                ["within10"] = Num(m.Errors.Within10),
                ["n"] = m.Errors.N,
                ["kind"] = m.Kind,
                ["held_out"] = m.HeldOut,
                ["not_applicable"] = m.NotApplicable,
                ["failed"] = m.Failed,
            };
        return new JsonObject
        {
            ["dataset"] = report.Dataset,
            ["cases"] = report.Cases,
            ["skipped"] = report.Skipped,
            ["capability"] = report.Capability,
            ["folds"] = report.Folds,
            ["seed"] = report.Seed,
            ["models"] = models,
        };
    }

    public static string Write(BacktestReport report) =>
        Build(report).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
