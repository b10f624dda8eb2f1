namespace Parley.Contracts.V1;

/// <summary>
/// `parley analyze --json`: the `run --json` document (models that failed are left out of the issues) with the
/// analysis fields in each model's entry (<see cref="ModelEntry.Distribution"/> ...), and <see cref="Analysis"/>.
/// </summary>
public sealed record AnalyzeDocument(
    string Scenario,
    IReadOnlyList<IssueDto> Issues,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    SharedDto? Shared,
    AnalysisDto Analysis);

/// <summary>The run's settings: draws and seed of the Monte Carlo, the what-ifs applied, and each failed model's error.</summary>
public sealed record AnalysisDto(int Draws, ulong Seed, IReadOnlyList<string> WhatIfs, IReadOnlyDictionary<string, string> Errors);

/// <summary>The Monte Carlo distribution of one model's forecast on one issue; anchors: label → P(nearest).</summary>
public sealed record DistributionDto(
    int Draws,
    ulong Seed,
    double Mean,
    double Median,
    double P10,
    double P90,
    double StdDev,
    double Min,
    double Max,
    int Invalid,
    IReadOnlyDictionary<string, double> Anchors);

/// <summary>One input's tornado bar: its key and label, its range, the forecast at each end, and the swing.</summary>
public sealed record TornadoBarDto(string Input, string Label, double Low, double High, double AtLow, double AtHigh, double Swing);

public sealed record SobolDto(int Samples, double Variance, IReadOnlyList<SobolIndexDto> Indices);

public sealed record SobolIndexDto(string Input, string Label, double First, double Total);

/// <summary>
/// A shock (or the command line's what-if) on this issue: the forecast without and with it, or the error that stopped it.
/// </summary>
public sealed record ShockDto(string Id, double? Without, double? With, string? Error, IReadOnlyList<string> Notes);
