using Parley.Core.Models;

namespace Parley.Cli.Rendering;

/// <summary>
/// A short marker after a model's forecast when its run did not settle (it cycled, or hit its round cap still moving),
/// and the legend note that explains it; nothing for a settled run (converged, gridlock, a cycle with one outcome).
/// </summary>
public static class ConvergenceMarker
{
    /// <summary>The markup to append to the forecast cell ("" when the run settled or has no notion of convergence).</summary>
    public static string For(IssueResult result) => result.Convergence switch
    {
        null or { Settled: true } => "",
        { Status: ConvergenceStatus.Cycled } => " [yellow]↻[/]",
        _ => " [yellow]…[/]",
    };

    /// <summary>The legend for the marker shown, or null.</summary>
    public static string? Legend(IssueResult result) => result.Convergence switch
    {
        null or { Settled: true } => null,
        { Status: ConvergenceStatus.Cycled } => "↻ = the model's rounds cycle: its forecast is the last round's, not a resting point",
        _ => "… = the model hit its round cap while still moving: its forecast is not a resting point",
    };
}
