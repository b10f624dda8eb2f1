using Parley.Analysis.Inputs;
using Parley.Analysis.MonteCarlo;
using Parley.Analysis.Random;
using Parley.Backtest.Headline;
using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Application.Headline;

/// <summary>
/// The headline forecast of a scenario's issues (docs/headline.md): the shipped combination (<see cref="ShippedHeadline"/>)
/// of the issue's rule group, on the scenario's capabilities as given (the headline applies its own, fitted capability
/// basis; a scenario's <c>capability_basis</c> and the command line's model options change the models' forecasts, not
/// the headline, whose calibration holds for its own recipe only).
/// </summary>
public sealed class HeadlineService(HeadlineSpec? spec = null)
{
    /// <summary>The note `analyze` and `report` give when no input has a range.</summary>
    public const string NoRangesNote = "inputs without ranges: the bands show only model error";

    private const ulong ResidualSalt = 0xBB67AE8584CAA73BUL; // √3 fractional bits: the residual's stream, apart from the inputs'

    private readonly HeadlineSpec _spec = spec ?? ShippedHeadline.Spec;

    /// <summary>The point headline of each issue (all, or <paramref name="issues"/>) with the interval of model error only.</summary>
    public IReadOnlyList<HeadlineResult> Forecast(Scenario scenario, IReadOnlyList<IssueId>? issues = null)
    {
        var results = new List<HeadlineResult>();
        foreach (var issue in Selected(scenario, issues))
            if (Point(scenario, issue) is { } p) results.Add(p.Result);
        return results;
    }

    /// <summary>
    /// The scenario a headline with what-ifs is computed on: every intervention applied before the run, whatever its
    /// round (the headline has no rounds; docs/headline.md), and the inputs it sets fixed. The same for `run`, `analyze`
    /// and the web app's what-if runs, so one scenario and one set of what-ifs give one headline everywhere.
    /// </summary>
    public static Scenario WithWhatIfs(Scenario scenario, IReadOnlyList<Intervention> whatIfs) =>
        whatIfs.Count == 0 ? scenario : Analysis.WhatIf.ShockPlan.ApplyFixed(scenario, whatIfs);

    /// <summary>
    /// The headline whose interval also reflects the scenario's input ranges: for each of <paramref name="draws"/> draws
    /// of the inputs (the same draws as the models' Monte Carlo for a given seed), the headline of the drawn scenario plus
    /// a residual drawn from the calibrated error distribution; p10 and p90 of those values. The forecast stays the
    /// headline at the point inputs. Without any range, <see cref="Forecast"/> and a note saying so.
    /// </summary>
    public (IReadOnlyList<HeadlineResult> Headlines, IReadOnlyList<Note> Notes) WithInputRanges(Scenario scenario, int draws, ulong seed,
        IReadOnlyList<IssueId>? issues = null, CancellationToken cancellation = default)
    {
        var space = new InputSpace(scenario);
        if (space.IsEmpty || draws < 1) return (Forecast(scenario, issues), [new Note(NoteKind.Analysis, NoRangesNote)]);
        var selected = Selected(scenario, issues).Select(i => (Issue: i, Point: Point(scenario, i))).Where(t => t.Point is not null).ToArray();
        var values = selected.Select(_ => new double[draws]).ToArray();
        for (int d = 0; d < draws; d++)
        {
            if ((d & 255) == 0) cancellation.ThrowIfCancellationRequested();
            ulong key = DrawKeys.Key(seed, (ulong)d);
            var drawn = space.Draw(key);
            ulong residualKey = SplitMix64.Mix(key ^ ResidualSalt);
            for (int k = 0; k < selected.Length; k++)
            {
                var (issue, point) = selected[k];
                var row = HeadlineInputs.Compute(drawn, issue.Id, point!.Model.Needed);
                if (point.Model.Predict(row) is not { } p) { values[k][d] = double.NaN; continue; }
                double residual = point.Model.Interval.ScaleOf(row) * point.Model.Interval.Sample(SplitMix64.ToUnit(SplitMix64.At(residualKey, (ulong)k)));
                values[k][d] = issue.Scale.FromPercent(Math.Clamp(p.Forecast + residual, 0, 100));
            }
        }
        var results = new List<HeadlineResult>();
        for (int k = 0; k < selected.Length; k++)
        {
            var (issue, point) = selected[k];
            var distribution = OutcomeDistribution.Of(issue, values[k]);
            var notes = point!.Result.Notes.ToList();
            if (distribution.Invalid > 0) notes.Add($"{distribution.Invalid} of {draws} draws gave no headline and were left out");
            results.Add(point.Result with { P10 = distribution.P10, P90 = distribution.P90, Draws = draws, Notes = notes });
        }
        return (results, []);
    }

    private sealed record PointHeadline(HeadlineModel Model, HeadlineResult Result);

    private PointHeadline? Point(Scenario scenario, Issue issue)
    {
        var group = HeadlineInputs.GroupOf(scenario.RuleFor(issue));
        if (_spec.For(group) is not { } model) return null;
        var row = HeadlineInputs.Compute(scenario, issue.Id, model.Needed);
        if (model.Predict(row) is not { } p) return null;
        var scale = issue.Scale;
        var result = new HeadlineResult(issue.Id, scale.FromPercent(p.Forecast), scale.FromPercent(p.Interval.P10),
            scale.FromPercent(p.Interval.P90), Method(group, model)) { Notes = p.Notes };
        return new PointHeadline(model, result);
    }

    /// <summary>The method in words: what is combined, how the interval is made, and what it was fitted on.</summary>
    public static string Method(HeadlineRuleGroup group, HeadlineModel model) =>
        $"Parley forecast for {(group == HeadlineRuleGroup.Consensus ? "consensus/unanimity" : "majority")} rules: {model.Describe()}; "
        + $"fitted on {ShippedHeadline.TrainingData} (docs/headline.md)";

    private static IEnumerable<Issue> Selected(Scenario scenario, IReadOnlyList<IssueId>? issues) =>
        issues is null ? scenario.Issues : scenario.Issues.Where(i => issues.Contains(i.Id));
}
