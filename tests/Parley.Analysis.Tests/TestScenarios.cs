using Parley.Core.Domain;

namespace Parley.Analysis.Tests;

/// <summary>Small hand-made scenarios the tests reason about.</summary>
internal static class TestScenarios
{
    public static readonly IssueId Spend = new("spend");
    public static readonly IssueId Threat = new("threat");

    /// <summary>
    /// Three actors on two issues (0..100 with anchors), with ranges on some inputs, a declared shock and a group each.
    /// </summary>
    public static Scenario Small(bool ranges = true)
    {
        var anchors = new[] { new Anchor(0, "none"), new Anchor(50, "half"), new Anchor(100, "all") };
        var spend = new Issue(Spend, "Spending target", new Scale(0, 100, "%"), anchors, statusQuo: 20);
        var threat = new Issue(Threat, "Threat wording", new Scale(0, 100), [new Anchor(20, "partner"), new Anchor(80, "long-term threat")]);
        var src = new Source("summit", "Summit declaration", "https://example.org/declaration");
        var actors = new[]
        {
            new Actor(new ActorId("usa"), "United States", 10, "north-america", capabilityRange: ranges ? new InputRange(8, 12) : null,
                capabilityEvidence: new Evidence.Judgement("largest defence budget")),
            new Actor(new ActorId("deu"), "Germany", 4, "europe"),
            new Actor(new ActorId("esp"), "Spain", 2, "europe"),
        };
        var stances = new[]
        {
            new Stance(actors[0].Id, Spend, 90, 0.9, ranges ? new InputRange(80, 100) : null, null,
                new Evidence.Quote("summit", "5% of GDP")),
            new Stance(actors[1].Id, Spend, 60, 0.6, null, ranges ? new InputRange(0.4, 0.8, 0.6) : null,
                new Evidence.Judgement("coalition agreement")),
            new Stance(actors[2].Id, Spend, 20, 0.8, ranges ? new InputRange(10, 40, 20) : null),
            new Stance(actors[0].Id, Threat, 80, 0.5),
            new Stance(actors[1].Id, Threat, 70, 0.5),
            new Stance(actors[2].Id, Threat, 40, 0.3),
        };
        var shocks = new[]
        {
            new Shock("us-walks-out", "The United States leaves at round 3", [new Intervention(3, actors[0].Id, InterventionKind.Remove)]),
        };
        return new Scenario(new ScenarioMetadata("small", "A small test scenario", Sources: [src]), actors, [spend, threat], stances,
            shocks: shocks);
    }
}
