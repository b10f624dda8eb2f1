using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Reports.Charts;

namespace Parley.Reports.Html;

/// <summary>
/// How a model's run ended, for the report: a marker after a forecast that is not a resting point (↻ a cycle whose
/// outcome changes, … still moving at the round cap; the markers `parley run` shows), its legend, and the ending in
/// plain words. Plain text: the caller escapes it.
/// </summary>
public static class ConvergenceText
{
    public const string CycleMarker = "↻";
    public const string RoundCapMarker = "…";

    /// <summary>The legend of each marker, as the report prints it under a table that shows one.</summary>
    public static IReadOnlyList<(string Marker, string Meaning)> Legend { get; } =
    [
        (CycleMarker, "the model's rounds cycle and the outcome changes within the cycle: the forecast depends on where the rounds stop"),
        (RoundCapMarker, "the model hit its round cap while still moving: the forecast is not a resting point"),
    ];

    /// <summary>The marker of a run that did not settle, or null.</summary>
    public static string? Marker(Convergence? c) => c switch
    {
        null or { Settled: true } => null,
        { Status: ConvergenceStatus.Cycled } => CycleMarker,
        _ => RoundCapMarker,
    };

    /// <summary>A run's ending in a few words for a list ("round cap", "cycles"), or null when it settled.</summary>
    public static string? Short(Convergence? c) => c switch
    {
        null or { Settled: true } => null,
        { Status: ConvergenceStatus.Cycled } => $"cycles, period {c.Cycle?.Count ?? 0}",
        _ => $"still moving at its round cap of {c.Rounds} rounds",
    };

    /// <summary>The ending in plain words on the issue's scale (null for a model with no notion of rounds or gridlock).</summary>
    public static string? Words(Convergence? c, Scale scale) => c switch
    {
        null => null,
        { Status: ConvergenceStatus.Converged } => c.Rounds > 0 ? $"converged after {c.Rounds} round{(c.Rounds == 1 ? "" : "s")}" : "converged",
        { Status: ConvergenceStatus.Gridlock } => "gridlock: no change from the status quo passes the decision rule, so the forecast is the status quo",
        { Status: ConvergenceStatus.Cycled, Settled: true } =>
            $"cycled (period {c.Cycle!.Count}) with the same outcome in every round of the cycle: the forecast is settled",
        { Status: ConvergenceStatus.Cycled } =>
            $"cycled (period {c.Cycle?.Count ?? 0}): the outcome alternates between {string.Join(", ", (c.Cycle ?? []).Select(v => ChartText.Value(v, scale)))}; "
            + $"the forecast is round {c.Rounds}'s, so it depends on where the rounds stop",
        _ => $"round cap: still moving after {c.Rounds} rounds, so the forecast is the last round's, not a resting point",
    };
}
