using Parley.Core.Domain;

namespace Parley.Core.Tests.Models.Exchange;

internal static class ExchangeTestScenarios
{
    /// <summary>
    /// The hand-checkable case of anchors/exchange/SPEC.md §6.2: Actor-1 at 0 on both issues (salience 0.1 / 0.9),
    /// Actor-2 at 100 on both (0.6 / 0.5), equal power.
    /// </summary>
    public static Scenario Tiny(double capability1 = 1, double capability2 = 1, string name1 = "Actor-1", string name2 = "Actor-2") =>
        Build([(name1, capability1), (name2, capability2)], [("Issue-1", 0, 100), ("Issue-2", 0, 100)],
        [
            (name1, "Issue-1", 0, 0.1), (name1, "Issue-2", 0, 0.9),
            (name2, "Issue-1", 100, 0.6), (name2, "Issue-2", 100, 0.5),
        ]);

    public static Scenario Build(IReadOnlyList<(string Id, double Capability)> actors,
        IReadOnlyList<(string Id, double Min, double Max)> issues,
        IReadOnlyList<(string Actor, string Issue, double Position, double Salience)> stances) =>
        new(new ScenarioMetadata("test", "test"),
            actors.Select(a => new Actor(new ActorId(a.Id), a.Id, a.Capability)).ToArray(),
            issues.Select(i => new Issue(new IssueId(i.Id), i.Id, new Scale(i.Min, i.Max))).ToArray(),
            stances.Select(s => new Stance(new ActorId(s.Actor), new IssueId(s.Issue), s.Position, s.Salience)).ToArray());
}
