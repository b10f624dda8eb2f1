using Parley.Backtest;

namespace Parley.Contracts.V1;

/// <summary>Maps a backtest report to the `backtest --json` document.</summary>
public static class BacktestMapper
{
    public static BacktestDocument Map(BacktestReport report)
    {
        var models = new Dictionary<string, BacktestModelDto>();
        foreach (var m in report.Models)
            models[m.Name] = new BacktestModelDto(Points(m.Errors.Mae), Points(m.Errors.Rmse), Points(m.Errors.MedianAe),
                Points(m.Errors.Within10), m.Errors.N, m.Kind, m.HeldOut, m.NotApplicable, m.Failed);
        return new BacktestDocument(report.Dataset, report.Cases, report.Skipped, report.Capability, report.Folds, report.Seed, models);
    }

    /// <summary>Errors to 6 decimals; null when there is none (a model that forecast no case).</summary>
    private static double? Points(double v) => double.IsFinite(v) ? Math.Round(v, 6) : null;
}
