using Parley.Core.Domain;
using Parley.Formats.Documents;

namespace Parley.Formats.Scenarios;

internal sealed partial class ScenarioBinder
{
    /// <summary>An issue as declared: its id and place, its scale once valid, the built issue once all is valid.</summary>
    private sealed class IssueEntry(string id, ScalarNode idNode, string field, int index)
    {
        public string Id { get; } = id;
        public ScalarNode IdNode { get; } = idNode;
        public string Field { get; } = field;
        public int Index { get; } = index;
        public Scale? Scale { get; set; }
        public Issue? Issue { get; set; }
        public int Positioned { get; set; }
    }

    private void BindIssues(FieldMap top)
    {
        var list = top.List("issues", required: true, "a list of issues (at least one)");
        if (list is null) return;
        if (list.Items.Count == 0)
        {
            _context.Error(list, "issues", "the scenario has no issues", "at least one issue");
            return;
        }
        _issuesListed = true;
        for (int k = 0; k < list.Items.Count; k++)
        {
            var map = Item(list.Items[k], "issues", k, SchemaFields.Issue, "an issue (id, title, scale, ...)");
            if (map is not null) BindIssue(map, k);
        }
    }

    private void BindIssue(FieldMap map, int index)
    {
        var id = map.Text("id", required: true, "an issue id");
        var title = map.Text("title", required: true, "the issue's title");
        var description = map.Text("description");
        var scale = BindScale(map);
        IssueEntry? entry = null;
        if (id is not null)
        {
            var idNode = (ScalarNode)map.Get("id")!;
            if (string.IsNullOrWhiteSpace(id))
                _context.Error(idNode, map.Field("id"), "an issue id must not be blank", "a non-empty id");
            else if (_issues.TryGetValue(id, out var first))
                _context.Error(idNode, map.Field("id"), $"duplicate issue id '{id}' (first declared on line {first.IdNode.Start.Line})", "each issue id once");
            else
                _issues[id] = entry = new IssueEntry(id, idNode, map.Path, index) { Scale = scale };
        }
        var anchors = BindAnchors(map, scale);
        var statusQuo = PointOnScale(map, "status_quo", scale);
        var outcome = PointOnScale(map, "outcome", scale);
        var statusQuoEvidence = BindEvidence(map, "status_quo_evidence");
        var outcomeEvidence = BindEvidence(map, "outcome_evidence");
        var rule = map.Get("decision_rule") is { } ruleNode ? BindDecisionRule(ruleNode, map.Field("decision_rule")) : null;
        var setter = ActorReference(map, "agenda_setter");
        var reversion = BindReversion(map, scale);
        if (entry is null || title is null || scale is null || anchors is null) return;
        if (statusQuo.Failed || outcome.Failed || statusQuoEvidence.Failed || outcomeEvidence.Failed || reversion.Failed) return;
        entry.Issue = _context.Build(map.Node, map.Path, () => new Issue(new IssueId(id!), title, scale, anchors,
            statusQuo.Value, rule, setter is null ? null : new ActorId(setter), outcome.Value, description)
        {
            StatusQuoEvidence = statusQuoEvidence.Value,
            OutcomeEvidence = outcomeEvidence.Value,
            Reversion = reversion.Value,
        });
    }

    private const string ReversionAllowed = "status_quo, or {point: N on the scale, cost: N, costs: {actor id: N}} (costs " + InputBounds.WeightAllowed + ")";

    /// <summary>
    /// <c>reversion</c>: what holds without agreement. <c>status_quo</c> (the default), or a mapping with the point it
    /// reverts to (default: the status quo), the cost of failure to every actor and per actor (scale units).
    /// </summary>
    private (Reversion? Value, bool Failed) BindReversion(FieldMap issue, Scale? scale)
    {
        var node = issue.Get("reversion");
        if (node is null) return (null, false);
        if (node is ScalarNode { IsNull: false } scalar)
        {
            if (scalar.Text == "status_quo") return (new Reversion(), false);
            _context.Error(scalar, issue.Field("reversion"), $"unknown reversion '{scalar.Text}'", ReversionAllowed);
            return (null, true);
        }
        if (issue.Map("reversion", SchemaFields.Reversion, what: ReversionAllowed) is not { } map) return (null, true);
        var point = PointOnScale(map, "point", scale);
        var cost = map.Number("cost", required: false, InputBounds.WeightAllowed + " (scale units)");
        bool failed = point.Failed || (map.Has("cost") && cost is null);
        if (cost is { } c && InputBounds.Weight(c) is { } problem)
        {
            _context.Error(map.Get("cost")!, map.Field("cost"), $"cost {problem}", InputBounds.WeightAllowed + " (scale units)");
            failed = true;
        }
        var costs = BindWeights(map, "costs", "cost", allowAllZero: true);
        if (failed || costs.Failed) return (null, true);
        return (new Reversion(point.Value, cost ?? 0, costs.Value), false);
    }

    private Scale? BindScale(FieldMap issue)
    {
        var map = issue.Map("scale", SchemaFields.Scale, required: true, what: "a scale {min: N, max: N, unit: TEXT}");
        if (map is null) return null;
        var min = map.Number("min", required: true, "a number below max, from -1e12 to 1e12");
        var max = map.Number("max", required: true, "a number above min, from -1e12 to 1e12");
        var unit = map.Text("unit") ?? "";
        foreach (var (name, value) in new[] { ("min", min), ("max", max) })
            if (value is { } v && InputBounds.Magnitude(v) is { } far)
                _context.Error(map.Get(name)!, map.Field(name), $"the scale's {name} {far}", InputBounds.MagnitudeAllowed);
        if (min is null || max is null || InputBounds.Magnitude(min.Value) is not null || InputBounds.Magnitude(max.Value) is not null) return null;
        if (!(min < max))
        {
            _context.Error(map.Get("min")!, map.Field("min"),
                $"the scale's min {ScalarValues.Format(min.Value)} is not below its max {ScalarValues.Format(max.Value)}", "min < max");
            return null;
        }
        if (InputBounds.Scale(min.Value, max.Value) is { } narrow)
        {
            _context.Error(map.Get("max")!, map.Field("max"), narrow, "a scale at least 1e-9 wide, and 1e-9 of its largest end");
            return null;
        }
        return new Scale(min.Value, max.Value, unit);
    }

    /// <summary>Labelled points: a mapping value → label, each value on the scale and given once.</summary>
    private List<Anchor>? BindAnchors(FieldMap issue, Scale? scale)
    {
        var node = issue.Get("anchors");
        var anchors = new List<Anchor>();
        if (node is null) return anchors;
        var field = issue.Field("anchors");
        if (node is not MappingNode map)
        {
            _context.Error(node, field, $"expected a mapping of value: label, got {node.Describe()}", "e.g. {0: \"not named\", 100: \"direct threat\"}");
            return null;
        }
        bool ok = true;
        var seen = new Dictionary<double, int>();
        foreach (var (key, value) in map.Entries)
        {
            var at = $"{field}.{key.Text}";
            // JSON keys are always strings, so the key's text is read as a number whether or not it was quoted.
            var number = ScalarValues.Number(_context, new ScalarNode(key.Start, key.Text, quoted: false), at, "a number on the issue's scale");
            var label = ScalarValues.Text(_context, value, at, "the anchor's label");
            if (number is not { } v || label is null) { ok = false; continue; }
            if (seen.TryGetValue(v, out var line))
            {
                _context.Error(key, at, $"anchor {key.Text} is given twice (first on line {line})", "each value once");
                ok = false;
                continue;
            }
            seen[v] = key.Start.Line;
            if (scale is not null && !scale.Contains(v))
            {
                _context.Error(key, at, $"anchor {key.Text} lies outside the scale", ScaleText(scale));
                ok = false;
                continue;
            }
            if (InputBounds.Magnitude(v) is { } tiny)
            {
                _context.Error(key, at, $"anchor {tiny}", InputBounds.MagnitudeAllowed);
                ok = false;
                continue;
            }
            anchors.Add(new Anchor(v, label));
        }
        return ok ? anchors : null;
    }

    /// <summary>An optional point on an issue's scale (status quo, outcome); Failed when given but unusable.</summary>
    private (double? Value, bool Failed) PointOnScale(FieldMap issue, string name, Scale? scale)
    {
        if (!issue.Has(name)) return (null, false);
        var allowed = scale is null ? "a number on the issue's scale" : ScaleText(scale);
        if (issue.Number(name, required: false, allowed) is not { } v) return (null, true);
        if (scale is not null && !scale.Contains(v))
        {
            _context.Error(issue.Get(name)!, issue.Field(name), $"{ScalarValues.Format(v)} lies outside the issue's scale", allowed);
            return (null, true);
        }
        if (InputBounds.Magnitude(v) is { } tiny)
        {
            _context.Error(issue.Get(name)!, issue.Field(name), tiny, InputBounds.MagnitudeAllowed);
            return (null, true);
        }
        return (v, false);
    }

    private static string ScaleText(Scale scale) =>
        $"{ScalarValues.Format(scale.Min)}..{ScalarValues.Format(scale.Max)}{(scale.Unit.Length > 0 ? " " + scale.Unit : "")}";
}
