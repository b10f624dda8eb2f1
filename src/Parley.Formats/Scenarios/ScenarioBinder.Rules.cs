using Parley.Core.Domain;
using Parley.Formats.Documents;

namespace Parley.Formats.Scenarios;

internal sealed partial class ScenarioBinder
{
    private const string RuleAllowed = "consensus, majority, or {type: qualified-majority, threshold: 0..1, weights: {...}}";

    /// <summary>A decision rule: a name (<c>consensus</c>, <c>majority</c>) or a mapping with <c>type</c> and its parameters.</summary>
    private DecisionRule? BindDecisionRule(LocatedNode node, string field)
    {
        if (node is ScalarNode { IsNull: false } scalar)
        {
            return scalar.Text switch
            {
                "consensus" => new DecisionRule.Consensus(),
                "majority" => new DecisionRule.Majority(),
                "qualified-majority" => Fail(scalar, field, "a qualified majority needs a threshold"),
                _ => Fail(scalar, field, $"unknown decision rule '{scalar.Text}'", Suggestions.Allowed(scalar.Text, SchemaFields.RuleNames, "rules")),
            };
        }
        if (node is not MappingNode map) return Fail(node, field, $"expected a decision rule, got {node.Describe()}");
        var type = map.Entries.FirstOrDefault(e => e.Key.Text == "type").Value as ScalarNode;
        string[] allowed = type?.Text switch
        {
            "consensus" => SchemaFields.Consensus,
            "majority" => SchemaFields.Majority,
            _ => SchemaFields.QualifiedMajority,
        };
        var rule = new FieldMap(_context, map, field, allowed);
        var name = rule.Text("type", required: true, "one of: " + string.Join(", ", SchemaFields.RuleNames));
        if (name is null) return null;
        switch (name)
        {
            case "consensus":
                return new DecisionRule.Consensus();
            case "majority":
                var majorityWeights = BindWeights(rule, "weights");
                return majorityWeights.Failed ? null : new DecisionRule.Majority(majorityWeights.Value);
            case "qualified-majority":
                var threshold = Threshold(rule, "threshold", required: true);
                var weights = BindWeights(rule, "weights");
                var secondThreshold = Threshold(rule, "second_threshold", required: false);
                var secondWeights = BindWeights(rule, "second_weights");
                if (secondWeights.Value is not null && !rule.Has("second_threshold"))
                    _context.Error(rule.Node, rule.Field("second_threshold"), "second_weights are given without a second_threshold", "a number in 0..1");
                if (threshold is null || weights.Failed || secondWeights.Failed || (rule.Has("second_threshold") && secondThreshold is null)
                    || (secondWeights.Value is not null && secondThreshold is null))
                    return null;
                return new DecisionRule.QualifiedMajority(threshold.Value, weights.Value, secondThreshold, secondWeights.Value);
            default:
                return Fail(rule.Get("type")!, rule.Field("type"), $"unknown decision rule '{name}'", Suggestions.Allowed(name, SchemaFields.RuleNames, "rules"));
        }
    }

    private DecisionRule? Fail(LocatedNode node, string field, string message, string allowed = RuleAllowed)
    {
        _context.Error(node, field, message, allowed);
        return null;
    }

    private double? Threshold(FieldMap rule, string name, bool required)
    {
        const string allowed = "a share in 0..1, e.g. 0.55";
        var value = rule.Number(name, required, allowed);
        if (value is not { } t || (t >= 0 && t <= 1)) return value;
        _context.Error(rule.Get(name)!, rule.Field(name), $"threshold {ScalarValues.Format(t)} lies outside 0..1", allowed);
        return null;
    }

    /// <summary>
    /// Per-actor numbers (voting weights, costs of failure): actor id → finite number ≥ 0 (actors checked once all are
    /// known); all zero is refused unless <paramref name="allowAllZero"/>.
    /// </summary>
    private (IReadOnlyDictionary<ActorId, double>? Value, bool Failed) BindWeights(FieldMap rule, string name,
        string noun = "weight", bool allowAllZero = false)
    {
        string allowed = $"a mapping of actor id: {noun} ({InputBounds.WeightAllowed})";
        var node = rule.Get(name);
        if (node is null) return (null, false);
        if (node is not MappingNode map)
        {
            _context.Error(node, rule.Field(name), $"expected a mapping of actor id: {noun}, got {node.Describe()}", allowed);
            return (null, true);
        }
        var weights = new Dictionary<ActorId, double>();
        bool ok = true;
        foreach (var (key, value) in map.Entries)
        {
            var at = $"{rule.Field(name)}.{key.Text}";
            if (string.IsNullOrWhiteSpace(key.Text)) { _context.Error(key, at, "an actor id must not be blank", allowed); ok = false; continue; }
            _actorReferences.Add((key.Text, key, at));
            var w = ScalarValues.Number(_context, value, at, allowed);
            if (w is { } wv && InputBounds.Weight(wv) is { } problem) { _context.Error(value, at, $"{noun} {problem}", allowed); w = null; }
            if (w is null) { ok = false; continue; }
            if (!weights.TryAdd(new ActorId(key.Text), w.Value)) { _context.Error(key, at, $"duplicate key '{key.Text}'", "each actor once"); ok = false; }
        }
        if (ok && !allowAllZero && weights.Count > 0 && weights.Values.Sum() <= 0)
        {
            _context.Error(map, rule.Field(name), "all weights are zero", "at least one weight > 0");
            ok = false;
        }
        return ok ? (weights, false) : (null, true);
    }
}
