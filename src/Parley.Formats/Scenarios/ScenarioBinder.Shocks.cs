using Parley.Core.Domain;
using Parley.Formats.Documents;

namespace Parley.Formats.Scenarios;

internal sealed partial class ScenarioBinder
{
    private static readonly string[] ChangeKinds = ["remove", "position", "salience", "capability"];

    /// <summary><c>shocks:</c> named lists of changes, each naming a declared actor (and issue for position/salience).</summary>
    private List<Shock> BindShocks(FieldMap top)
    {
        var shocks = new List<Shock>();
        var list = top.List("shocks", allowed: "a list of shocks (id, description, changes)");
        if (list is null) return shocks;
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < list.Items.Count; k++)
        {
            var map = Item(list.Items[k], "shocks", k, SchemaFields.Shock, "a shock (id, description, changes)");
            if (map is null) continue;
            var id = map.Text("id", required: true, "a shock id");
            var description = map.Text("description");
            var changes = map.List("changes", required: true, "a list of changes");
            if (id is not null && !ids.TryAdd(id, map.Get("id")!.Start.Line))
                _context.Error(map.Get("id")!, map.Field("id"), $"duplicate shock id '{id}' (first declared on line {ids[id]})", "each shock id once");
            var interventions = new List<Intervention>();
            bool ok = id is not null && changes is not null;
            for (int c = 0; changes is not null && c < changes.Items.Count; c++)
            {
                var change = BindChange(changes.Items[c], $"{map.Field("changes")}[{c}]");
                if (change is null) ok = false;
                else interventions.Add(change);
            }
            if (ok) shocks.Add(new Shock(id!, description, interventions));
        }
        return shocks;
    }

    private Intervention? BindChange(LocatedNode node, string field)
    {
        if (node is not MappingNode mapping)
        {
            _context.Error(node, field, $"expected a change mapping, got {node.Describe()}", "{round: N, actor: ID, remove|position|salience|capability: ...}");
            return null;
        }
        var map = new FieldMap(_context, mapping, field, SchemaFields.Change);
        const string roundAllowed = "a whole number >= 0 (0 = before any model runs)";
        var round = map.Number("round", required: false, roundAllowed) ?? 0;
        bool ok = true;
        if (map.Has("round") && (round < 0 || round != Math.Floor(round) || round > int.MaxValue))
        {
            _context.Error(map.Get("round")!, map.Field("round"), $"round {ScalarValues.Format(round)} is not a whole number >= 0", roundAllowed);
            ok = false;
        }
        var actor = ActorReference(map, "actor");
        if (!map.Has("actor")) { map.Require("actor", "an actor id"); ok = false; }
        var issueId = map.Text("issue", allowed: "an issue id");
        IssueEntry? issue = null;
        if (issueId is not null && !_issues.TryGetValue(issueId, out issue))
        {
            if (_issuesListed) _context.Error(map.Get("issue")!, map.Field("issue"), $"unknown issue '{issueId}'", Suggestions.Allowed(issueId, _issues.Keys, "issues"));
            ok = false;
        }
        var kinds = ChangeKinds.Where(map.Has).ToArray();
        if (kinds.Length != 1)
        {
            _context.Error(mapping, field, kinds.Length == 0 ? "the change does nothing" : $"the change sets {string.Join(" and ", kinds)} at once",
                "exactly one of remove, position, salience, capability");
            return null;
        }
        var (kind, value) = BindChangeValue(map, kinds[0], issue, issueId is not null);
        if (!ok || kind is null || string.IsNullOrWhiteSpace(actor)) return null; // a blank actor is reported as unknown
        return new Intervention((int)round, new ActorId(actor), kind.Value, issue is null ? null : new IssueId(issue.Id), value);
    }

    private (InterventionKind? Kind, double Value) BindChangeValue(FieldMap map, string kind, IssueEntry? issue, bool issueGiven)
    {
        if (kind == "remove")
        {
            if (map.Bool("remove") is true) return (InterventionKind.Remove, 0);
            _context.Error(map.Get("remove")!, map.Field("remove"), "remove must be true", "remove: true");
            return (null, 0);
        }
        if (kind == "capability")
        {
            var c = map.Number("capability", required: true, CapabilityAllowed);
            if (c is null) return (null, 0);
            if (InputBounds.Capability(c.Value) is not { } capabilityProblem) return (InterventionKind.SetCapability, c.Value);
            _context.Error(map.Get("capability")!, map.Field("capability"), $"capability {capabilityProblem}", CapabilityAllowed);
            return (null, 0);
        }
        if (!issueGiven)
        {
            _context.Error(map.Node, map.Field("issue"), $"a change of {kind} needs the issue", "issue: ISSUE_ID");
            return (null, 0);
        }
        if (kind == "position")
        {
            var scale = issue?.Scale;
            var allowed = scale is null ? "a number on the issue's scale" : ScaleText(scale);
            var p = map.Number("position", required: true, allowed);
            if (p is { } pv && scale is not null && !scale.Contains(pv))
            {
                _context.Error(map.Get("position")!, map.Field("position"), $"position {ScalarValues.Format(pv)} lies outside the issue's scale", allowed);
                return (null, 0);
            }
            if (p is { } pt && InputBounds.Magnitude(pt) is { } tiny)
            {
                _context.Error(map.Get("position")!, map.Field("position"), $"position {tiny}", InputBounds.MagnitudeAllowed);
                return (null, 0);
            }
            return p is null ? (null, 0) : (InterventionKind.SetPosition, p.Value);
        }
        var salienceAllowed = SalienceAllowed();
        var s = map.Number("salience", required: true, salienceAllowed);
        if (s is { } sv && SalienceProblem(sv) is { } problem)
        {
            _context.Error(map.Get("salience")!, map.Field("salience"), problem, salienceAllowed);
            return (null, 0);
        }
        return s is null ? (null, 0) : (InterventionKind.SetSalience, s.Value / _salienceScale);
    }
}
