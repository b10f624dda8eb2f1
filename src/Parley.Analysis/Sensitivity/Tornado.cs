using Parley.Analysis.Inputs;
using Parley.Core.Domain;
using Parley.Core.Modelling;

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
        ModelSettings settings, CancellationToken cancellation)
    {
        double Of(ScenarioResult r, Issue i) => r.For(i.Id)?.Forecast ?? double.NaN;
        var point = model.Run(space.Scenario, settings);
        var centre = model.Run(space.AtCentre(), settings);
        var low = new List<ScenarioResult>();
        var high = new List<ScenarioResult>();
        foreach (var input in space.Inputs)
        {
            low.Add(model.Run(space.Materialise(u => u.Slot == input.Slot ? input.Range.Low : u.Range.Centre), settings, cancellation));
            high.Add(model.Run(space.Materialise(u => u.Slot == input.Slot ? input.Range.High : u.Range.Centre), settings, cancellation));
        }
        return issues.Select(issue =>
        {
            var bars = space.Inputs.Select((input, k) =>
                new TornadoBar(input, input.Label(space.Scenario), Of(low[k], issue), Of(high[k], issue))).ToList();
            return new TornadoResult(issue.Id, Of(point, issue), Of(centre, issue), Rank(bars));
        }).ToArray();
    }

    private static TornadoBar[] Rank(List<TornadoBar> bars) =>
        bars.OrderByDescending(b => double.IsNaN(b.Swing) ? -1 : b.Swing).ThenBy(b => b.Input.Slot).ToArray();
}
