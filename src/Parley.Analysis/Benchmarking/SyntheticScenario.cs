using Parley.Analysis.Random;
using Parley.Core.Domain;

namespace Parley.Analysis.Benchmarking;

/// <summary>
/// Deterministic made-up scenarios of any size for benchmarks: one issue on 0..100 with five anchors and a status quo
/// of 20; capabilities in 1..10, positions in 0..100, saliences in 0.2..1, each with a range (position ±10,
/// salience ±0.1, capability ±20 %) so Monte Carlo has something to vary.
/// </summary>
public static class SyntheticScenario
{
    public static Scenario Create(int actors, ulong seed = 1, int issues = 1)
    {
        if (actors < 1) throw new ArgumentOutOfRangeException(nameof(actors));
        var rng = new Xoshiro256StarStar(seed);
        var anchors = new[] { new Anchor(0, "none"), new Anchor(25, "low"), new Anchor(50, "middle"), new Anchor(75, "high"), new Anchor(100, "full") };
        var issueList = Enumerable.Range(1, issues)
            .Select(k => new Issue(new IssueId($"issue{k}"), $"Issue {k}", new Scale(0, 100, "points"), anchors, statusQuo: 20))
            .ToArray();
        var actorList = new List<Actor>();
        var stances = new List<Stance>();
        for (int i = 0; i < actors; i++)
        {
            var id = new ActorId($"a{i + 1:D4}");
            double c = 1 + 9 * rng.NextDouble();
            actorList.Add(new Actor(id, id.Value, c, group: $"g{i % 4}", capabilityRange: new InputRange(0.8 * c, 1.2 * c)));
            foreach (var issue in issueList)
            {
                double x = Math.Round(100 * rng.NextDouble(), 1);
                double s = Math.Round(0.2 + 0.8 * rng.NextDouble(), 2);
                stances.Add(new Stance(id, issue.Id, x, s,
                    new InputRange(Math.Max(0, x - 10), Math.Min(100, x + 10), x),
                    new InputRange(Math.Max(0, s - 0.1), Math.Min(1, s + 0.1))));
            }
        }
        return new Scenario(new ScenarioMetadata($"synthetic-{actors}", $"Synthetic scenario, {actors} actors"),
            actorList, issueList, stances, new DecisionRule.Majority());
    }
}
