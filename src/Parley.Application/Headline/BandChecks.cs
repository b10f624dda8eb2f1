using Parley.Analysis;

namespace Parley.Application.Headline;

/// <summary>Checks of an analysis that the user should see as notes.</summary>
public static class BandChecks
{
    /// <summary>
    /// A model whose point forecast lies outside its own 10–90 % band over the input ranges: the point inputs sit in a
    /// corner of the ranges (or the model jumps), so the point forecast is not a typical outcome of the model.
    /// </summary>
    public static IEnumerable<Note> OutsideOwnBand(AnalysisResult result)
    {
        foreach (var m in result.Models)
        {
            if (m.Point is null || m.Distribution is null) continue;
            foreach (var issue in result.Scenario.Issues)
            {
                if (m.Point.For(issue.Id) is not { } point || m.Distribution.For(issue.Id) is not { } d || d.Draws - d.Invalid < 2) continue;
                if (point.Forecast < d.P10 - 1e-9 || point.Forecast > d.P90 + 1e-9)
                    yield return new Note(NoteKind.Analysis,
                        $"{m.Name} on {issue.Id}: the point forecast {Format(point.Forecast)} lies outside the model's own 10–90% band "
                        + $"over the input ranges ({Format(d.P10)}–{Format(d.P90)})");
            }
        }
    }

    /// <summary>A model whose point run cycled or hit its round cap: its point forecast is not a resting point.</summary>
    public static IEnumerable<Note> Unsettled(AnalysisResult result)
    {
        foreach (var m in result.Models)
        {
            if (m.Point is null) continue;
            foreach (var issue in result.Scenario.Issues)
                if (m.Point.For(issue.Id)?.Convergence is { Settled: false } c)
                    yield return new Note(NoteKind.Analysis, c.Status == Core.Models.ConvergenceStatus.Cycled
                        ? $"{m.Name} on {issue.Id}: the run cycles (outcomes {string.Join(", ", c.Cycle!.Select(Format))}): the point forecast depends on where the rounds stop"
                        : $"{m.Name} on {issue.Id}: the run hit its round cap ({c.Rounds} rounds) still moving: the point forecast is not a resting point");
        }
    }

    private static string Format(double v) => v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
