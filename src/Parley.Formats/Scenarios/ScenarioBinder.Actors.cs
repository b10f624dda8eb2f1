using Parley.Core.Domain;
using Parley.Formats.Documents;

namespace Parley.Formats.Scenarios;

internal sealed partial class ScenarioBinder
{
    private const string CapabilityAllowed = InputBounds.CapabilityAllowed;

    /// <summary>An actor as declared: its place, the built actor once valid, and its stances.</summary>
    private sealed class ActorEntry(string id, ScalarNode idNode, int index)
    {
        public string Id { get; } = id;
        public ScalarNode IdNode { get; } = idNode;
        public int Index { get; } = index;
        public Actor? Actor { get; set; }
        public List<Stance> Stances { get; } = [];
    }

    private void BindActors(FieldMap top)
    {
        var list = top.List("actors", required: true, "a list of actors (at least two)");
        if (list is null) return;
        if (list.Items.Count == 0)
        {
            _context.Error(list, "actors", "the scenario has no actors", "at least two actors");
            return;
        }
        _actorsListed = true;
        _actorItems = list.Items.Count;
        for (int k = 0; k < list.Items.Count; k++)
        {
            var map = Item(list.Items[k], "actors", k, SchemaFields.Actor, "an actor (id, capability, positions, ...)");
            if (map is not null) BindActor(map, k);
        }
    }

    private void BindActor(FieldMap map, int index)
    {
        var id = map.Text("id", required: true, "an actor id");
        var name = map.Text("name");
        var group = map.Text("group");
        var veto = map.Bool("veto");
        var optOut = map.Bool("opt_out");
        var capability = map.Number("capability", required: true, CapabilityAllowed);
        if (capability is { } c && InputBounds.Capability(c) is { } problem)
        {
            _context.Error(map.Get("capability")!, map.Field("capability"), $"capability {problem}", CapabilityAllowed);
            capability = null;
        }
        var capabilityRange = BindRange(map, "capability_range", InputBounds.MinPositive, InputBounds.MaxMagnitude, lowExclusive: false, CapabilityAllowed);
        var capabilityEvidence = BindEvidence(map, "capability_evidence");

        ActorEntry? entry = null;
        if (id is not null)
        {
            var idNode = (ScalarNode)map.Get("id")!;
            if (string.IsNullOrWhiteSpace(id))
                _context.Error(idNode, map.Field("id"), "an actor id must not be blank", "a non-empty id");
            else if (_actors.TryGetValue(id, out var first))
                _context.Error(idNode, map.Field("id"), $"duplicate actor id '{id}' (first declared on line {first.IdNode.Start.Line})", "each actor id once");
            else
                _actors[id] = entry = new ActorEntry(id, idNode, index);
        }
        BindPositions(map, entry);
        if (entry is null || capability is null || capabilityRange.Failed || capabilityEvidence.Failed) return;
        entry.Actor = _context.Build(map.Node, map.Path, () => new Actor(new ActorId(id!), name ?? id!, capability.Value,
            group, veto, capabilityRange.Value, capabilityEvidence.Value) { OptOut = optOut ?? false });
    }

    /// <summary><c>positions:</c> issue id → stance; each issue must be declared, each stance valid on its scale.</summary>
    private void BindPositions(FieldMap actor, ActorEntry? entry)
    {
        var node = actor.Get("positions");
        if (node is null) return;
        var field = actor.Field("positions");
        if (node is not MappingNode map)
        {
            _context.Error(node, field, $"expected a mapping of issue id: stance, got {node.Describe()}", "e.g. {russia-threat: {position: 40, salience: 0.8}}");
            return;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            var at = $"{field}.{key.Text}";
            if (!seen.Add(key.Text))
            {
                _context.Error(key, at, $"duplicate key '{key.Text}'", "one stance per issue");
                continue;
            }
            _issues.TryGetValue(key.Text, out var issue);
            if (issue is null && _issuesListed)
                _context.Error(key, at, $"unknown issue '{key.Text}'", Suggestions.Allowed(key.Text, _issues.Keys, "issues"));
            if (value is not MappingNode stanceMap)
            {
                _context.Error(value, at, $"expected a stance mapping, got {value.Describe()}", "{position: N, salience: N, ...}");
                continue;
            }
            var stance = BindStance(new FieldMap(_context, stanceMap, at, SchemaFields.Stance), entry, issue);
            if (issue is not null) issue.Positioned++;
            if (stance is not null) entry!.Stances.Add(stance);
        }
    }

    private Stance? BindStance(FieldMap map, ActorEntry? actor, IssueEntry? issue)
    {
        var scale = issue?.Scale;
        var positionAllowed = scale is null ? "a number on the issue's scale" : ScaleText(scale);
        var position = map.Number("position", required: true, positionAllowed);
        if (position is { } p && scale is not null && !scale.Contains(p))
        {
            _context.Error(map.Get("position")!, map.Field("position"), $"position {ScalarValues.Format(p)} lies outside the issue's scale", positionAllowed);
            position = null;
        }
        else if (position is { } pv && InputBounds.Magnitude(pv) is { } tiny)
        {
            _context.Error(map.Get("position")!, map.Field("position"), $"position {tiny}", InputBounds.MagnitudeAllowed);
            position = null;
        }
        var salienceAllowed = SalienceAllowed();
        var salience = map.Number("salience", required: true, salienceAllowed);
        if (salience is { } s && SalienceProblem(s) is { } problem)
        {
            _context.Error(map.Get("salience")!, map.Field("salience"), problem, salienceAllowed);
            salience = null;
        }
        var range = scale is null
            ? BindRange(map, "range", -InputBounds.MaxMagnitude, InputBounds.MaxMagnitude, false, positionAllowed)
            : BindRange(map, "range", scale.Min, scale.Max, false, positionAllowed);
        var salienceRange = BindRange(map, "salience_range", 0, _salienceScale, false, salienceAllowed);
        var evidence = BindEvidence(map, "evidence");
        var salienceEvidence = BindEvidence(map, "salience_evidence");
        const string issueCapabilityAllowed = InputBounds.WeightAllowed + " (the actor's capability on this issue only; default: the actor's capability)";
        var capability = map.Number("capability", required: false, issueCapabilityAllowed);
        var optOut = map.Bool("opt_out");
        bool capabilityFailed = map.Get("capability") is not null && capability is null;
        if (capability is { } ic && InputBounds.Weight(ic) is { } icProblem)
        {
            _context.Error(map.Get("capability")!, map.Field("capability"), $"capability {icProblem}", issueCapabilityAllowed);
            capabilityFailed = true;
        }
        if (actor is null || issue is null || scale is null || position is null || salience is null || capabilityFailed) return null;
        if (range.Failed || salienceRange.Failed || evidence.Failed || salienceEvidence.Failed) return null;
        var scaledRange = salienceRange.Value is { } sr
            ? new InputRange(sr.Low / _salienceScale, sr.High / _salienceScale, sr.Mode / _salienceScale)
            : null;
        return _context.Build(map.Node, map.Path, () => new Stance(new ActorId(actor.Id), new IssueId(issue.Id), position.Value,
            salience.Value / _salienceScale, range.Value, scaledRange, evidence.Value, salienceEvidence.Value) { Capability = capability, OptOut = optOut });
    }

    private string SalienceAllowed() => _salienceScale == 100
        ? "0, or 1e-7..100 (salience_scale: 100)"
        : "0, or 1e-9..1 (or declare salience_scale: 100 for 0..100)";

    /// <summary>What is wrong with a salience as written (on the file's salience scale), or null.</summary>
    private string? SalienceProblem(double s) =>
        s < 0 || s > _salienceScale ? $"salience {ScalarValues.Format(s)} lies outside its range"
        : InputBounds.SalienceFloor(s / _salienceScale) is not null ? $"salience {ScalarValues.Format(s)} is too small to be told from 0"
        : null;
}
