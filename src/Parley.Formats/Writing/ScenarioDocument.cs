using System.Globalization;
using Parley.Core.Domain;
using Parley.Formats.Documents;

namespace Parley.Formats.Writing;

/// <summary>
/// A scenario as a document tree in the schema of docs/scenario-format.md, shared by the YAML and JSON writers.
/// Numbers are plain scalars in invariant round-trip form; texts are quoted scalars; saliences are written on 0–1.
/// </summary>
internal static class ScenarioDocument
{
    private static readonly Mark Nowhere = Mark.WholeFile;

    public static MappingNode From(Scenario scenario)
    {
        var root = new Map();
        root.Add("scenario", Metadata(scenario.Metadata));
        if (scenario.DecisionRule is not DecisionRule.Consensus) root.Add("decision_rule", Rule(scenario.DecisionRule));
        if (scenario.AgendaSetter is { } setter) root.Add("agenda_setter", Text(setter.Value));
        if (scenario.CapabilityBasis is { } basis) root.Add("capability_basis", Text(basis.ToString()));
        root.Add("issues", List(scenario.Issues.Select(Issue)));
        root.Add("actors", List(scenario.Actors.Select(a => Actor(scenario, a))));
        if (scenario.IdealAdjustments.Count > 0)
            root.Add("ideal_adjustment", List(scenario.IdealAdjustments.Select(a => (LocatedNode)new Map()
                .Add("actor", Text(a.Actor.Value)).Add("follows", Text(a.Follows.Value)).Add("weight", Number(a.Weight)).Node())));
        if (scenario.Shocks.Count > 0) root.Add("shocks", List(scenario.Shocks.Select(Shock)));
        if (scenario.ModelDefaults.Count > 0)
        {
            var models = new Map();
            foreach (var d in scenario.ModelDefaults) models.Add(d.Model, ModelDefaults(d));
            root.Add("model_settings", models.Node());
        }
        return root.Node();
    }

    private static MappingNode Metadata(ScenarioMetadata metadata)
    {
        var map = new Map().Add("id", Text(metadata.Id)).Add("title", Text(metadata.Title));
        if (metadata.Description is { } d) map.Add("description", Text(d));
        if (metadata.AsOf is { } asOf) map.Add("as_of", Date(asOf));
        if (metadata.Decided is { } decided) map.Add("decided", Date(decided));
        if (metadata.Sources.Count > 0)
            map.Add("sources", List(metadata.Sources.Select(s =>
            {
                var source = new Map().Add("id", Text(s.Id)).Add("title", Text(s.Title));
                if (s.Url is { } url) source.Add("url", Text(url));
                if (s.File is { } file) source.Add("file", Text(file));
                if (s.Published is { } published) source.Add("published", Date(published));
                return (LocatedNode)source.Node();
            })));
        return map.Node();
    }

    private static LocatedNode Date(DateOnly date) => Text(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static LocatedNode Issue(Issue issue)
    {
        var map = new Map().Add("id", Text(issue.Id.Value)).Add("title", Text(issue.Title));
        if (issue.Description is { } d) map.Add("description", Text(d));
        var scale = new Map().Add("min", Number(issue.Scale.Min)).Add("max", Number(issue.Scale.Max));
        if (issue.Scale.Unit.Length > 0) scale.Add("unit", Text(issue.Scale.Unit));
        map.Add("scale", scale.Node());
        if (issue.Anchors.Count > 0)
        {
            var anchors = new Map();
            foreach (var a in issue.Anchors) anchors.Add(ScalarValuesFormat(a.Value), Text(a.Label));
            map.Add("anchors", anchors.Node());
        }
        if (issue.StatusQuo is { } q) map.Add("status_quo", Number(q));
        if (issue.StatusQuoEvidence is { } qe) map.Add("status_quo_evidence", Evidence(qe));
        if (issue.DecisionRule is { } rule) map.Add("decision_rule", Rule(rule));
        if (issue.AgendaSetter is { } setter) map.Add("agenda_setter", Text(setter.Value));
        if (issue.Outcome is { } o) map.Add("outcome", Number(o));
        if (issue.OutcomeEvidence is { } oe) map.Add("outcome_evidence", Evidence(oe));
        if (issue.Reversion is { } reversion) map.Add("reversion", Reversion(reversion));
        return map.Node();
    }

    private static LocatedNode Actor(Scenario scenario, Actor actor)
    {
        var map = new Map().Add("id", Text(actor.Id.Value));
        if (actor.Name != actor.Id.Value) map.Add("name", Text(actor.Name));
        if (actor.Group is { } g) map.Add("group", Text(g));
        map.Add("capability", Number(actor.Capability));
        if (actor.CapabilityRange is { } r) map.Add("capability_range", Range(r));
        if (actor.CapabilityEvidence is { } e) map.Add("capability_evidence", Evidence(e));
        if (actor.Veto is { } veto) map.Add("veto", Plain(veto ? "true" : "false"));
        if (actor.OptOut) map.Add("opt_out", Plain("true"));
        var positions = new Map();
        foreach (var issue in scenario.Issues)
            if (scenario.StanceOf(actor.Id, issue.Id) is { } stance)
                positions.Add(issue.Id.Value, Stance(stance));
        if (positions.Count > 0) map.Add("positions", positions.Node());
        return map.Node();
    }

    private static LocatedNode Stance(Stance stance)
    {
        var map = new Map().Add("position", Number(stance.Position)).Add("salience", Number(stance.Salience));
        if (stance.PositionRange is { } r) map.Add("range", Range(r));
        if (stance.SalienceRange is { } sr) map.Add("salience_range", Range(sr));
        if (stance.Evidence is { } e) map.Add("evidence", Evidence(e));
        if (stance.SalienceEvidence is { } se) map.Add("salience_evidence", Evidence(se));
        if (stance.Capability is { } c) map.Add("capability", Number(c));
        if (stance.OptOut is { } optOut) map.Add("opt_out", Plain(optOut ? "true" : "false"));
        return map.Node();
    }

    private static LocatedNode Reversion(Reversion reversion)
    {
        if (reversion.Point is null && reversion.Cost == 0 && reversion.Costs.Count == 0) return Text("status_quo");
        var map = new Map();
        if (reversion.Point is { } p) map.Add("point", Number(p));
        if (reversion.Cost != 0) map.Add("cost", Number(reversion.Cost));
        if (reversion.Costs.Count > 0)
        {
            var costs = new Map();
            foreach (var (actor, cost) in reversion.Costs.OrderBy(c => c.Key.Value, StringComparer.Ordinal)) costs.Add(actor.Value, Number(cost));
            map.Add("costs", costs.Node());
        }
        return map.Node();
    }

    private static LocatedNode Range(InputRange range)
    {
        var map = new Map().Add("low", Number(range.Low));
        if (range.Mode is { } m) map.Add("mode", Number(m));
        return map.Add("high", Number(range.High)).Node();
    }

    private static LocatedNode Evidence(Evidence evidence) => evidence switch
    {
        Core.Domain.Evidence.Quote q => new Map().Add("source", Text(q.SourceId)).Add("quote", Text(q.Text)).Node(),
        Core.Domain.Evidence.Judgement j => new Map().Add("judgement", Text(j.Reason)).Node(),
        _ => throw new ArgumentOutOfRangeException(nameof(evidence)),
    };

    private static LocatedNode Rule(DecisionRule rule)
    {
        switch (rule)
        {
            case DecisionRule.Consensus:
                return Text("consensus");
            case DecisionRule.Majority { Weights: null }:
                return Text("majority");
            case DecisionRule.Majority m:
                return new Map().Add("type", Text("majority")).Add("weights", Weights(m.Weights!)).Node();
            case DecisionRule.QualifiedMajority q:
                var map = new Map().Add("type", Text("qualified-majority")).Add("threshold", Number(q.Threshold));
                if (q.Weights is { } w) map.Add("weights", Weights(w));
                if (q.SecondThreshold is { } t2) map.Add("second_threshold", Number(t2));
                if (q.SecondWeights is { } w2) map.Add("second_weights", Weights(w2));
                return map.Node();
            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule, "a decision rule the writer does not know");
        }
    }

    private static LocatedNode Weights(IReadOnlyDictionary<ActorId, double> weights)
    {
        var map = new Map();
        foreach (var (actor, weight) in weights) map.Add(actor.Value, Number(weight));
        return map.Node();
    }

    private static LocatedNode Shock(Shock shock)
    {
        var map = new Map().Add("id", Text(shock.Id));
        if (shock.Description is { } d) map.Add("description", Text(d));
        map.Add("changes", List(shock.Interventions.Select(Change)));
        return map.Node();
    }

    private static LocatedNode Change(Intervention change)
    {
        var map = new Map().Add("round", Number(change.AtRound)).Add("actor", Text(change.Actor.Value));
        if (change.Issue is { } issue) map.Add("issue", Text(issue.Value));
        return (change.Kind switch
        {
            InterventionKind.Remove => map.Add("remove", Plain("true")),
            InterventionKind.SetPosition => map.Add("position", Number(change.Value)),
            InterventionKind.SetSalience => map.Add("salience", Number(change.Value)),
            _ => map.Add("capability", Number(change.Value)),
        }).Node();
    }

    private static LocatedNode ModelDefaults(ModelDefaults defaults)
    {
        var map = new Map();
        foreach (var s in defaults.Settings) map.Add(s.Name, SettingValue(s.Value));
        if (defaults.Seed is { } seed) map.Add("seed", Plain(seed.ToString(CultureInfo.InvariantCulture)));
        return map.Node();
    }

    /// <summary>A setting's value: plain when it reads as a number or true/false (valid JSON and YAML as is), else quoted.</summary>
    private static ScalarNode SettingValue(string value) =>
        value is "true" or "false" || JsonNumber.IsMatch(value) ? Plain(value) : Text(value);

    private static readonly System.Text.RegularExpressions.Regex JsonNumber =
        new(@"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static string ScalarValuesFormat(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    private static ScalarNode Number(double value) => Plain(ScalarValuesFormat(value));
    private static ScalarNode Plain(string text) => new(Nowhere, text, quoted: false);
    private static ScalarNode Text(string text) => new(Nowhere, text, quoted: true);
    private static SequenceNode List(IEnumerable<LocatedNode> items) => new(Nowhere, items.ToArray());

    /// <summary>A mapping under construction, keys in insertion order.</summary>
    private sealed class Map
    {
        private readonly List<KeyValuePair<ScalarNode, LocatedNode>> _entries = [];
        public int Count => _entries.Count;

        public Map Add(string key, LocatedNode value)
        {
            _entries.Add(new(new ScalarNode(Nowhere, key, quoted: false), value));
            return this;
        }

        public MappingNode Node() => new(Nowhere, _entries);
    }
}
