using Parley.Core.Domain;

namespace Parley.Formats.Tests;

/// <summary>Asserts that two scenarios carry the same inputs (records with lists and dictionaries compared by content).</summary>
internal static class ScenarioEquivalence
{
    public static void AssertEquivalent(Scenario expected, Scenario actual)
    {
        Assert.Equal(expected.Metadata.Id, actual.Metadata.Id);
        Assert.Equal(expected.Metadata.Title, actual.Metadata.Title);
        Assert.Equal(expected.Metadata.Description, actual.Metadata.Description);
        Assert.Equal(expected.Metadata.AsOf, actual.Metadata.AsOf);
        Assert.Equal(expected.Metadata.Sources, actual.Metadata.Sources);
        AssertRule(expected.DecisionRule, actual.DecisionRule);
        Assert.Equal(expected.AgendaSetter, actual.AgendaSetter);
        Assert.Equal(expected.CapabilityBasis, actual.CapabilityBasis);
        Assert.Equal(expected.Actors, actual.Actors);
        Assert.Equal(expected.Issues.Count, actual.Issues.Count);
        for (int i = 0; i < expected.Issues.Count; i++)
        {
            var (e, a) = (expected.Issues[i], actual.Issues[i]);
            Assert.Equal((e.Id, e.Title, e.Description, e.Scale, e.StatusQuo, e.AgendaSetter, e.Outcome),
                (a.Id, a.Title, a.Description, a.Scale, a.StatusQuo, a.AgendaSetter, a.Outcome));
            Assert.Equal(e.Anchors, a.Anchors);
            AssertRule(e.DecisionRule, a.DecisionRule);
            AssertReversion(e.Reversion, a.Reversion);
        }
        Assert.Equal(expected.Stances.OrderBy(s => (s.Actor.Value, s.Issue.Value)), actual.Stances.OrderBy(s => (s.Actor.Value, s.Issue.Value)));
        Assert.Equal(expected.IdealAdjustments, actual.IdealAdjustments);
        Assert.Equal(expected.ModelDefaults, actual.ModelDefaults);
        Assert.Equal(expected.Shocks.Count, actual.Shocks.Count);
        for (int k = 0; k < expected.Shocks.Count; k++)
        {
            Assert.Equal((expected.Shocks[k].Id, expected.Shocks[k].Description), (actual.Shocks[k].Id, actual.Shocks[k].Description));
            Assert.Equal(expected.Shocks[k].Interventions, actual.Shocks[k].Interventions);
        }
    }

    private static void AssertRule(DecisionRule? expected, DecisionRule? actual)
    {
        switch (expected)
        {
            case null:
                Assert.Null(actual);
                break;
            case DecisionRule.Consensus:
                Assert.IsType<DecisionRule.Consensus>(actual);
                break;
            case DecisionRule.Majority m:
                AssertWeights(m.Weights, Assert.IsType<DecisionRule.Majority>(actual).Weights);
                break;
            case DecisionRule.QualifiedMajority q:
                var other = Assert.IsType<DecisionRule.QualifiedMajority>(actual);
                Assert.Equal((q.Threshold, q.SecondThreshold), (other.Threshold, other.SecondThreshold));
                AssertWeights(q.Weights, other.Weights);
                AssertWeights(q.SecondWeights, other.SecondWeights);
                break;
        }
    }

    private static void AssertReversion(Reversion? expected, Reversion? actual)
    {
        if (expected is null) { Assert.Null(actual); return; }
        Assert.NotNull(actual);
        Assert.Equal((expected.Point, expected.Cost), (actual!.Point, actual.Cost));
        Assert.Equal(expected.Costs.OrderBy(p => p.Key.Value), actual.Costs.OrderBy(p => p.Key.Value));
    }

    private static void AssertWeights(IReadOnlyDictionary<ActorId, double>? expected, IReadOnlyDictionary<ActorId, double>? actual)
    {
        if (expected is null) { Assert.Null(actual); return; }
        Assert.NotNull(actual);
        Assert.Equal(expected.OrderBy(p => p.Key.Value), actual!.OrderBy(p => p.Key.Value));
    }
}
