using FsCheck;
using FsCheck.Fluent;
using Parley.Core.Domain;
using Parley.Formats.Writing;
using Parley.Tests.Shared;
using static Parley.Formats.Tests.TestRead;

namespace Parley.Formats.Tests;

public class WriterRoundTripTests
{
    [Fact]
    public void The_full_fixture_round_trips_through_yaml()
    {
        var original = Valid(ScenarioFiles.Load(Fixtures.Path("scenarios", "full.yaml")));
        var yaml = ScenarioYamlWriter.Write(original);
        var again = Valid(FromYaml(yaml, "written.yaml"));
        ScenarioEquivalence.AssertEquivalent(original, again);
        Assert.Equal(yaml, ScenarioYamlWriter.Write(again));
    }

    [Fact]
    public void The_full_fixture_round_trips_through_json()
    {
        var original = Valid(ScenarioFiles.Load(Fixtures.Path("scenarios", "full.yaml")));
        var again = Valid(FromJson(ScenarioJsonWriter.Write(original), "written.json"));
        ScenarioEquivalence.AssertEquivalent(original, again);
    }

    [Fact]
    public void The_writer_uses_the_documented_schema()
    {
        var yaml = ScenarioYamlWriter.Write(Valid(ScenarioFiles.Load(Fixtures.Path("scenarios", "full.yaml"))));
        Assert.StartsWith("scenario:\n  id: toy-summit\n  title: \"Toy summit: every field of the schema\"\n", yaml);
        Assert.Contains("\n    scale: {min: 0, max: 100, unit: points}\n", yaml);
        Assert.Contains("\n      60: \"a long-term threat\"\n", yaml);
        Assert.Contains("\n      spending: {position: 5, salience: 0.9}\n", yaml);
        Assert.Contains("\n      - {round: 3, actor: alpha, remove: true}\n", yaml);
    }

    [Fact]
    public void Per_issue_power_from_decide_survives_conversion_to_yaml_and_json()
    {
        const string decide = "'#A'\t'A'\t'Actor A'\t''\n'#A'\t'B'\t'Actor B'\t''\n'#P'\t'p'\t'Issue p'\t''\n'#P'\t'q'\t'Issue q'\t''\n"
            + "'#M'\t'p'\t0\t'low'\n'#M'\t'p'\t10\t'high'\n"
            + "'#D'\t'A'\t'p'\t2\t0.5\t0.4\n'#D'\t'A'\t'q'\t70\t0.5\t0.8\n'#D'\t'B'\t'p'\t8\t0.7\t0.3\n'#D'\t'B'\t'q'\t20\t0.2\t0.3\n";
        var original = Valid(ScenarioFiles.Parse("case.txt", decide, "decide"));
        Assert.Equal(0.4, original.StanceOf(new ActorId("A"), new IssueId("p"))!.Capability);
        var yaml = ScenarioYamlWriter.Write(original);
        Assert.Contains("        evidence: {judgement: \"decide input, line 7\"}\n        capability: 0.4\n", yaml);
        ScenarioEquivalence.AssertEquivalent(original, Valid(FromYaml(yaml, "case.yaml")));
        ScenarioEquivalence.AssertEquivalent(original, Valid(FromJson(ScenarioJsonWriter.Write(original), "case.json")));
    }

    [Fact]
    public void A_csv_table_converts_to_yaml_and_back()
    {
        var table = Valid(ScenarioFiles.Load(Fixtures.Path("tables", "ec-emissions.csv")));
        var again = Valid(FromYaml(ScenarioYamlWriter.Write(table), "ec-emissions.yaml"));
        ScenarioEquivalence.AssertEquivalent(table, again);
    }

    [Fact]
    public void Random_scenarios_round_trip_through_yaml_and_json()
    {
        Prop.ForAll<int>(seed =>
        {
            var original = RandomScenarios.Create(seed);
            var yaml = ScenarioYamlWriter.Write(original);
            var fromYaml = FromYaml(yaml, "random.yaml");
            Assert.True(fromYaml.Ok, yaml + "\n" + string.Join("\n", fromYaml.Errors));
            ScenarioEquivalence.AssertEquivalent(original, fromYaml.Value!);
            var json = ScenarioJsonWriter.Write(original);
            var fromJson = FromJson(json, "random.json");
            Assert.True(fromJson.Ok, json + "\n" + string.Join("\n", fromJson.Errors));
            ScenarioEquivalence.AssertEquivalent(original, fromJson.Value!);
        }).QuickCheckThrowOnFailure();
    }
}
