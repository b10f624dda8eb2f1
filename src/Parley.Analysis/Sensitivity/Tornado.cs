using Parley.Analysis.Batching;
using Parley.Analysis.Inputs;
using Parley.Analysis.MonteCarlo;
using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Analysis.Sensitivity;

/// <summary>One bar of a tornado: the forecast with one input at its low and at its high end, every other at its centre.</summary>
public sealed record TornadoBar(UncertainInput Input, string Label, double AtLow, double AtHigh)
{
    /// <summary>|forecast at high − forecast at low|, the bar's length and its rank.</summary>
    public double Swing => Math.Abs(AtHigh - AtLow);
}

/// <summary>
/// One-at-a-time sensitivity of one model's forecast on one issue. <see cref="Centre"/> is the forecast with every
/// uncertain input at its range's centre (the mode of a triangular range, else the midpoint), which is where every
/// bar starts; <see cref="Point"/> is the forecast from the scenario's point values, which may differ when a point
/// value is not its range's centre. Bars are ranked by swing (largest first; ties in slot order).
/// </summary>
public sealed record TornadoResult(IssueId Issue, double Point, double Centre, IReadOnlyList<TornadoBar> Bars);

/// <summary>
/// The tornado diagram's computation (one-at-a-time sensitivity, e.g. Saltelli et al. 2008, Global Sensitivity
/// Analysis: The Primer, §1.2): for each uncertain input, run the model with that input at its range's low and at its
/// high, every other uncertain input at its centre. One-dimensional models vary only the inputs on the issue (its
/// stances and its actors' capabilities); multi-issue models vary every input and report each issue.
/// </summary>
public static class Tornado
{
    public static IReadOnlyList<TornadoResult> Run(Scenario scenario, IModel model, ModelSettings settings,
        CancellationToken cancellation = default)
    {
        settings.RejectUnknown(model.Info);
        var space = new InputSpace(scenario);
        var issues = IssueModel.SelectIssues(scenario, settings).ToArray();
        if (model is IIssueModel fast && !model.Info.IsMultiIssue)
            return issues.Select(i => ForIssue(fast, space, IssueProblem.From(scenario, i), settings, cancellation)).ToArray();
        return ForScenario(model, space, issues, settings, cancellation);
    }

    private static TornadoResult ForIssue(IIssueModel model, InputSpace space, IssueProblem problem, ModelSettings settings,
        CancellationToken cancellation)
    {
        var map = space.MapFor(problem);
        int n = problem.Count;
        double point = model.Forecast(problem, settings);
        var positions = new double[n];
        var saliences = new double[n];
        var capabilities = new double[n];
        map.FillCentre(positions, saliences, capabilities);
        var centreProblem = problem.WithInputs(positions, saliences, capabilities);
        double centre = model.Forecast(centreProblem, settings);

        var index = new Dictionary<ActorId, int>();
        for (int i = 0; i < n; i++) index[problem.Actors[i].Id] = i;
        var bars = new List<TornadoBar>();
        foreach (var input in space.InputsOn(problem.Issue.Id))
        {
            if (!index.TryGetValue(input.Actor, out int i)) continue;
            cancellation.ThrowIfCancellationRequested();
            var array = input.Kind switch
            {
                InputKind.Capability => capabilities,
                InputKind.Position => positions,
                _ => saliences,
            };
            double saved = array[i];
            array[i] = UncertainInput.Clamp(input.Kind, input.Range.Low, problem.Scale);
            double low = model.Forecast(centreProblem, settings);
            array[i] = UncertainInput.Clamp(input.Kind, input.Range.High, problem.Scale);
            double high = model.Forecast(centreProblem, settings);
            array[i] = saved;
            bars.Add(new TornadoBar(input, input.Label(space.Scenario), low, high));
        }
        return new TornadoResult(problem.Issue.Id, point, centre, Rank(bars));
    }

    private static IReadOnlyList<TornadoResult> ForScenario(IModel model, InputSpace space, IReadOnlyList<Issue> issues,
        ModelSettings settings, CancellationToken cancellation) =>
        Assemble(model, space, issues, settings, ScenarioRuns(model, space, issues, settings, 0, space.Inputs.Count,
            new MonteCarloOptions { Cancellation = cancellation }));

    /// <summary>
    /// The multi-issue path's runs for inputs [first, end) (slot order): column 2q holds issue q's forecast with the
    /// input at its low end, column 2q + 1 at its high end, each indexed by input − first. Inputs run in parallel on
    /// <paramref name="options"/>' threads (each writes only its own slots, so the values do not depend on them); progress
    /// counts two model runs per input.
    /// </summary>
    internal static double[][] ScenarioRuns(IModel model, InputSpace space, IReadOnlyList<Issue> issues, ModelSettings settings,
        int first, int end, MonteCarloOptions options)
    {
        var columns = Enumerable.Range(0, 2 * issues.Count).Select(_ => new double[end - first]).ToArray();
        settings = BatchSettings.For(model, settings, options);
        MonteCarloRunner.ForEachRange(options, first, end, () => 0, (_, from, to) =>
        {
            for (int k = from; k < to; k++)
            {
                var input = space.Inputs[k];
                var low = model.Run(space.Materialise(u => u.Slot == input.Slot ? input.Range.Low : u.Range.Centre), settings, options.Cancellation);
                var high = model.Run(space.Materialise(u => u.Slot == input.Slot ? input.Range.High : u.Range.Centre), settings, options.Cancellation);
                for (int q = 0; q < issues.Count; q++)
                {
                    columns[2 * q][k - first] = Of(low, issues[q]);
                    columns[2 * q + 1][k - first] = Of(high, issues[q]);
                }
            }
            options.Progress?.Invoke(2L * (to - from));
        }, minChunk: 1);
        return columns;
    }

    /// <summary>The multi-issue path's bars from <see cref="ScenarioRuns"/> over every input, with the point and centre runs.</summary>
    internal static IReadOnlyList<TornadoResult> Assemble(IModel model, InputSpace space, IReadOnlyList<Issue> issues,
        ModelSettings settings, double[][] columns)
    {
        var point = model.Run(space.Scenario, settings);
        var centre = model.Run(space.AtCentre(), settings);
        return issues.Select((issue, q) =>
        {
            var bars = space.Inputs.Select((input, k) =>
                new TornadoBar(input, input.Label(space.Scenario), columns[2 * q][k], columns[2 * q + 1][k])).ToList();
            return new TornadoResult(issue.Id, Of(point, issue), Of(centre, issue), Rank(bars));
        }).ToArray();
    }

    private static double Of(ScenarioResult r, Issue i) => r.For(i.Id)?.Forecast ?? double.NaN;

    private static TornadoBar[] Rank(List<TornadoBar> bars) =>
        bars.OrderByDescending(b => double.IsNaN(b.Swing) ? -1 : b.Swing).ThenBy(b => b.Input.Slot).ToArray();
}
