using Parley.Core.Domain;
using Parley.Tests.Shared;

namespace Parley.Formats.Tests;

public class FullScenarioTests
{
    [Fact]
    public void The_full_fixture_reads_every_field()
    {
        var s = TestRead.Valid(ScenarioFiles.Load(Fixtures.Path("scenarios", "full.yaml")));
        Assert.Equal("toy-summit", s.Id);
        Assert.Equal(new DateOnly(2025, 6, 20), s.Metadata.AsOf);
        Assert.Equal(2, s.Metadata.Sources.Count);
        Assert.Equal("nato/defence-spending-2024.csv", s.Metadata.Sources[1].File);
        Assert.Equal(new ActorId("chair"), s.AgendaSetter);
        Assert.IsType<DecisionRule.Consensus>(s.DecisionRule);

        var threat = s.Issue(new IssueId("threat"));
        Assert.Equal([0.0, 60, 100], threat.Anchors.Select(a => a.Value));
        Assert.Equal("a long-term threat", threat.NearestAnchor(55)!.Label);
        Assert.Equal(100, threat.StatusQuo);
        var spending = s.Issue(new IssueId("spending"));
        var qmv = Assert.IsType<DecisionRule.QualifiedMajority>(spending.DecisionRule);
        Assert.Equal(0.55, qmv.Threshold);
        Assert.Equal(2, qmv.Weights![new ActorId("alpha")]);
        Assert.Equal(0.65, qmv.SecondThreshold);
        Assert.Equal(3.5, spending.Outcome);
        Assert.Equal("% of GDP", spending.Scale.Unit);

        var alpha = s.Actor(new ActorId("alpha"));
        Assert.Equal(967.7, alpha.Capability);
        Assert.True(alpha.Veto);
        Assert.Equal(new InputRange(800, 1100), alpha.CapabilityRange);
        Assert.Equal(new Evidence.Quote("spending-2024", "Alpha 967.7bn"), alpha.CapabilityEvidence);
        var stance = s.StanceOf(new ActorId("alpha"), new IssueId("threat"))!;
        Assert.Equal(40, stance.Position);
        Assert.Equal(0.8, stance.Salience);
        Assert.Equal(40, stance.PositionRange!.Mode);
        Assert.Equal(new Evidence.Judgement("the first concern of its leader"), stance.SalienceEvidence);
        Assert.Null(s.StanceOf(new ActorId("chair"), new IssueId("threat")));
        Assert.Equal("beta", s.Actor(new ActorId("beta")).Name);

        var shock = Assert.Single(s.Shocks);
        Assert.Equal(4, shock.Interventions.Count);
        Assert.Equal(new Intervention(3, new ActorId("alpha"), InterventionKind.Remove), shock.Interventions[0]);
        Assert.Equal(new Intervention(0, new ActorId("gamma"), InterventionKind.SetSalience, new IssueId("spending"), 0.9), shock.Interventions[1]);
        Assert.Equal(new Intervention(0, new ActorId("beta"), InterventionKind.SetPosition, new IssueId("threat"), 90), shock.Interventions[2]);
        Assert.Equal(new Intervention(1, new ActorId("beta"), InterventionKind.SetCapability, null, 100), shock.Interventions[3]);
    }

    [Fact]
    public void Saliences_on_0_to_100_are_read_as_shares_when_declared()
    {
        var yaml = TestRead.Minimal.Replace("salience: 0.9", "salience: 90").Replace("salience: 0.5", "salience: 50")
                   + "\nsalience_scale: 100\n";
        var s = TestRead.Valid(TestRead.FromYaml(yaml));
        Assert.Equal(0.9, s.StanceOf(new ActorId("usa"), new IssueId("spending"))!.Salience, 12);
        Assert.Equal(0.5, s.StanceOf(new ActorId("france"), new IssueId("spending"))!.Salience, 12);
    }

    [Fact]
    public void Yaml_anchors_and_aliases_are_followed()
    {
        var yaml = TestRead.Minimal.Replace("spending: {position: 5, salience: 0.9}", "spending: &same {position: 5, salience: 0.9}")
            .Replace("spending: {position: 3, salience: 0.5}", "spending: *same");
        var s = TestRead.Valid(TestRead.FromYaml(yaml));
        Assert.Equal(5, s.StanceOf(new ActorId("france"), new IssueId("spending"))!.Position);
    }

    [Fact]
    public void The_same_scenario_in_json_reads_the_same()
    {
        var json = """
            {"scenario": {"id": "minimal", "title": "Minimal"},
             "issues": [{"id": "spending", "title": "Spending target", "scale": {"min": 2, "max": 5},
                         "anchors": {"2": "the old target", "5": "the new one"}}],
             "actors": [
               {"id": "usa", "capability": 10, "positions": {"spending": {"position": 5, "salience": 0.9}}},
               {"id": "france", "capability": 5, "positions": {"spending": {"position": 3, "salience": 0.5}}}]}
            """;
        var fromJson = TestRead.Valid(TestRead.FromJson(json));
        var fromYaml = TestRead.Valid(TestRead.FromYaml(TestRead.Minimal));
        Assert.Equal(fromYaml.Stances, fromJson.Stances);
        Assert.Equal(fromYaml.Actors, fromJson.Actors);
        Assert.Equal("the new one", fromJson.Issues[0].NearestAnchor(4.9)!.Label);
    }
}
