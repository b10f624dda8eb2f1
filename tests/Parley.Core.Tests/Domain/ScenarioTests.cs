using Parley.Core.Domain;
using Xunit;

namespace Parley.Core.Tests.Domain;

public class ScenarioTests
{
    private static readonly IssueId Budget = new("budget");

    private static Scenario Toy() => new(
        new ScenarioMetadata("toy", "Toy"),
        [new Actor(new ActorId("a"), "A", 1), new Actor(new ActorId("b"), "B", 2), new Actor(new ActorId("c"), "C", 3)],
        [new Issue(Budget, "Budget", new Scale(0, 100), [new Anchor(60, "long-term"), new Anchor(0, "none")], statusQuo: 0)],
        [
            new Stance(new ActorId("a"), Budget, 20, 0.5),
            new Stance(new ActorId("b"), Budget, 40, 1),
            new Stance(new ActorId("c"), Budget, 60, 0.2),
        ],
        agendaSetter: new ActorId("c"));

    /// <summary>`with` copies a record without its constructor; the scenario checks every part again.</summary>
    [Fact]
    public void A_record_changed_with_with_cannot_make_an_invalid_scenario()
    {
        var toy = Toy();
        var issue = toy.Issues[0];
        Issue badQuo = issue with { StatusQuo = 999 };
        Issue unsorted = issue with { Anchors = [new Anchor(60, "long-term"), new Anchor(0, "none")] };
        Actor badActor = toy.Actors[0] with { Capability = double.NaN };
        Stance badStance = toy.Stances[0] with { Salience = 7 };

        Scenario With(IReadOnlyList<Actor>? actors = null, IReadOnlyList<Issue>? issues = null, IReadOnlyList<Stance>? stances = null) =>
            new(toy.Metadata, actors ?? toy.Actors, issues ?? toy.Issues, stances ?? toy.Stances, agendaSetter: toy.AgendaSetter);

        Assert.Contains("status quo 999 lies outside 0..100", Assert.Throws<ArgumentException>(() => With(issues: [badQuo])).Message);
        Assert.Contains("ascending", Assert.Throws<ArgumentException>(() => With(issues: [unsorted])).Message);
        Assert.Contains("capability", Assert.Throws<ArgumentException>(() => With(actors: [badActor, .. toy.Actors.Skip(1)])).Message);
        Assert.Contains("salience must lie in 0..1", Assert.Throws<ArgumentException>(() => With(stances: [badStance, .. toy.Stances.Skip(1)])).Message);
        Assert.Equal(toy.Issues[0].StatusQuo, With().Issues[0].StatusQuo); // the unchanged parts still make a scenario
    }

    [Fact]
    public void Duplicate_actor_ids_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new Scenario(new ScenarioMetadata("x", "x"),
            [new Actor(new ActorId("a"), "A", 1), new Actor(new ActorId("a"), "A2", 1)],
            [new Issue(Budget, "B", new Scale(0, 1))], []));
        Assert.Contains("Duplicate actor id 'a'", e.Message);
    }

    [Fact]
    public void A_stance_outside_the_scale_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new Scenario(new ScenarioMetadata("x", "x"),
            [new Actor(new ActorId("a"), "A", 1)],
            [new Issue(Budget, "B", new Scale(0, 10))],
            [new Stance(new ActorId("a"), Budget, 11, 0.5)]));
        Assert.Contains("outside", e.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Capability_must_be_a_finite_positive_number(double capability) =>
        Assert.Throws<ArgumentException>(() => new Actor(new ActorId("a"), "A", capability));

    [Fact]
    public void Anchors_are_kept_in_ascending_order_and_the_nearest_is_found()
    {
        var issue = Toy().Issues[0];
        Assert.Equal([0.0, 60.0], issue.Anchors.Select(a => a.Value));
        Assert.Equal("long-term", issue.NearestAnchor(45)!.Label);
        Assert.Equal("none", issue.NearestAnchor(29)!.Label);
    }

    [Fact]
    public void Removing_the_agenda_setter_drops_its_stances_and_the_setter()
    {
        var s = Toy().Apply([new Intervention(0, new ActorId("c"), InterventionKind.Remove)]);
        Assert.Equal(2, s.Actors.Count);
        Assert.Null(s.AgendaSetter);
        Assert.Equal(2, s.StancesOn(Budget).Count);
    }

    [Fact]
    public void Setting_a_salience_changes_only_that_stance()
    {
        var s = Toy().Apply([new Intervention(0, new ActorId("a"), InterventionKind.SetSalience, Budget, 0.9)]);
        Assert.Equal(0.9, s.StanceOf(new ActorId("a"), Budget)!.Salience);
        Assert.Equal(1.0, s.StanceOf(new ActorId("b"), Budget)!.Salience);
    }

    [Fact]
    public void An_intervention_on_an_unknown_actor_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Toy().Apply([new Intervention(0, new ActorId("zz"), InterventionKind.Remove)]));
        Assert.Contains("zz", e.Message);
    }

    [Fact]
    public void Stances_on_an_issue_come_in_actor_declaration_order()
    {
        Assert.Equal(["a", "b", "c"], Toy().StancesOn(Budget).Select(s => s.Actor.Value));
    }
}
