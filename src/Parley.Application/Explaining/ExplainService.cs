using Parley.Application.Models;
using Parley.Core;
using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.ExpectedUtility;

namespace Parley.Application.Explaining;

/// <summary>
/// What `explain` shows: how one actor perceives every other actor in the expected utility model, on each issue it
/// takes part in, at the inputs (<see cref="Round"/> 0) or after some rounds. <see cref="Models"/> may name only eum.
/// </summary>
public sealed record ExplainRequest(string Actor)
{
    public ModelRequest Models { get; init; } = new();
    public int Round { get; init; }
}

/// <summary>The perception views, one per issue the actor takes part in, with notes on the issues skipped.</summary>
public sealed record Explanation(Scenario Scenario, IModel Model, IReadOnlyList<(Issue Issue, PerceptionView View)> Views, IReadOnlyList<Note> Notes);

/// <summary>The `explain` use case (the expected utility model's perception views).</summary>
public sealed class ExplainService(ModelRegistry? registry = null)
{
    /// <summary>The one model with perception views.</summary>
    public const string Model = "eum";

    private readonly ModelRegistry _registry = registry ?? ModelRegistry.BuiltIn;

    public Explanation Explain(Scenario scenario, ExplainRequest request, CancellationToken cancellation = default)
    {
        var names = request.Models.Models
            .SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        if (names.Length > 0 && (names.Length != 1 || !string.Equals(names[0], Model, StringComparison.OrdinalIgnoreCase)))
            throw new InvalidRequestException("model", $"explain: perception views exist for the model '{Model}' only (asked for: {string.Join(", ", names)})");
        var model = _registry.Find(Model) ?? throw new InvalidRequestException("model", $"explain: the model '{Model}' is not registered");
        var requested = ModelPlanner.Requested(scenario, request.Models);
        ModelPlanner.RejectUnused([model], requested);
        var settings = ModelPlanner.Own(model, requested);
        model.CheckSettings(settings);
        if (request.Round < 0) throw new InvalidRequestException("round", $"{request.Round} must be ≥ 0");
        if (!scenario.HasActor(new ActorId(request.Actor)))
            throw new InvalidRequestException("actor",
                $"no actor '{request.Actor}' in scenario '{scenario.Id}' (it has: {string.Join(", ", scenario.Actors.Select(a => a.Id))})");

        var views = new List<(Issue, PerceptionView)>();
        var (modelled, basisNotes) = CapabilityBasisPlanner.Apply(scenario, request.Models);
        var notes = new List<Note>(basisNotes);
        foreach (var issue in IssueModel.SelectIssues(scenario, settings))
        {
            cancellation.ThrowIfCancellationRequested();
            var problem = IssueProblem.From(modelled, modelled.Issue(issue.Id));
            int index = Enumerable.Range(0, problem.Count).FirstOrDefault(i => problem.ActorKey(i) == request.Actor, -1);
            if (index < 0)
            {
                if (settings.Issues is not null)
                    throw new InvalidRequestException("actor", $"'{request.Actor}' holds no position on issue '{issue.Id}'");
                notes.Add(new Note(NoteKind.Skipped, $"'{request.Actor}' holds no position on issue '{issue.Id}'; skipped"));
                continue;
            }
            views.Add((issue, Perception.For(problem, settings, index, request.Round)));
        }
        return new Explanation(scenario, model, views, notes);
    }
}
