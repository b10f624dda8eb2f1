namespace Parley.Contracts.V1;

/// <summary>
/// `parley backtest --json`. Errors are in points of a 0–100 scale (percent of each issue's scale), rounded to 6
/// decimals; null when a model forecast no case.
/// </summary>
public sealed record BacktestDocument(
    string Dataset,
    int Cases,
    int Skipped,
    string Capability,
    int Folds,
    ulong Seed,
    IReadOnlyDictionary<string, BacktestModelDto> Models);

public sealed record BacktestModelDto(
    double? Mae,
    double? Rmse,
    double? MedianAe,
    double? Within10,
    int N,
    string Kind,
    bool HeldOut,
    int NotApplicable,
    int Failed);
