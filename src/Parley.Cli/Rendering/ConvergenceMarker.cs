using Parley.Core.Models;
using Parley.Reports.Html;

namespace Parley.Cli.Rendering;

/// <summary>
/// A short marker after a model's forecast when its run did not settle (it cycled, or hit its round cap still moving),
/// and the legend note that explains it; nothing for a settled run (converged, gridlock, a cycle with one outcome).
/// The markers and their meanings are the report's (<see cref="ConvergenceText"/>), so terminal and report never differ.
/// </summary>
public static class ConvergenceMarker
{
    /// <summary>The markup to append to the forecast cell ("" when the run settled or has no notion of convergence).</summary>
    public static string For(IssueResult result) =>
        ConvergenceText.Marker(result.Convergence) is { } marker ? $" [yellow]{marker}[/]" : "";

    /// <summary>The legend for the marker shown, or null.</summary>
    public static string? Legend(IssueResult result) =>
        ConvergenceText.Marker(result.Convergence) is { } marker
            ? $"{marker} = {ConvergenceText.Legend.Single(l => l.Marker == marker).Meaning}"
            : null;
}
