using System.Globalization;
using System.Text;
using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.Spatial;
using Parley.Formats;
using Parley.Formats.Ktab;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Formats.Tests.Ktab;

public sealed class KtabReaderTests
{
    private static string Fx(string name) => Fixtures.Path("ktab", name);

    private static LoadResult<Scenario> Parse(string name, string content, string? format = null) =>
        ScenarioFiles.Parse(name, content, format);

    [Fact]
    public void Reads_the_3Dim_csv_with_KTABs_numbers()
    {
        var r = ScenarioFiles.Load(Fx("dummyData_3Dim.csv"));
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        var s = r.Value!;
        Assert.Equal(7, s.Actors.Count);
        Assert.Equal(["pstn1", "pstn2", "pstn3"], s.Issues.Select(i => i.Id.Value));
        Assert.All(s.Issues, i => Assert.Equal(new Scale(0, 100, "points"), i.Scale));
        var a0 = s.Actor(new ActorId("SActor-00"));
        Assert.Equal(102.543, a0.Capability);
        var st = s.StanceOf(a0.Id, new IssueId("pstn2"))!;
        Assert.Equal(6.37, st.Position);
        Assert.Equal(5.91 / 100.0, st.Salience);
        Assert.Equal("DummyData_3Dim", s.Metadata.Title);
    }

    [Fact]
    public void Csv_is_recognised_by_content_and_by_format_name()
    {
        var content = File.ReadAllText(Fx("SOE-Pol-Comp.csv"));
        Assert.True(new KtabReader().Recognises(content));
        Assert.True(Parse("anything.csv", content).Ok);
        Assert.True(Parse("anything.txt", content, "ktab").Ok);
        Assert.False(new KtabReader().Recognises("actor,capability,position\nusa,1,2\n"));
    }

    [Fact]
    public void Xml_gives_the_same_scenario_as_the_csv()
    {
        var csv = ScenarioFiles.Load(Fx("dummyData_3Dim.csv")).ValueOrThrow();
        var xml = ScenarioFiles.Load(Fx("dummyData_3Dim-fixed.xml"));
        Assert.True(xml.Ok, string.Join("\n", xml.Errors));
        Assert.Equal(csv.Actors.Select(a => (a.Id, a.Capability)), xml.Value!.Actors.Select(a => (a.Id, a.Capability)));
        Assert.Equal(csv.Stances.Select(x => (x.Actor, x.Issue, x.Position, x.Salience)),
            xml.Value.Stances.Select(x => (x.Actor, x.Issue, x.Position, x.Salience)));
    }

    [Fact]
    public void Read_through_the_reader_the_SMP_reproduces_KTAB_exactly()
    {
        var scenario = ScenarioFiles.Load(Fx("dummyData_3Dim.csv")).ValueOrThrow();
        var result = new SpatialModelOfPolitics().Run(scenario, ModelSettings.Default, TestContext.Current.CancellationToken);
        var r = Assert.IsType<SmpIssueResult>(result.Issues[0]);
        var golden = File.ReadLines(Fx("dummyData_3Dim.positions.csv")).Where(l => !l.StartsWith('#')).Skip(1)
            .Select(l => l.Split(',')).ToList();
        Assert.Equal(11, r.States.Count);
        Assert.Equal(11 * 7 * 3, golden.Count);
        var ids = scenario.Actors.Select(a => a.Id.Value).ToArray();
        foreach (var g in golden)
        {
            int t = int.Parse(g[0]), i = int.Parse(g[1]), k = int.Parse(g[2]);
            double expected = double.Parse(g[3], CultureInfo.InvariantCulture);
            Assert.Equal(expected, r.States[t].Positions[ids[i]][k]);
        }
    }

    [Fact]
    public void Capability_zero_is_a_located_error()
    {
        var content = File.ReadAllText(Fx("dummyData_3Dim.csv")).Replace("102.543", "0");
        var r = Parse("zero.csv", content);
        Assert.False(r.Ok);
        var d = Assert.Single(r.Errors);
        Assert.Equal(3, d.Line);
        Assert.Equal("capability", d.Field);
        Assert.Contains("capability 0", d.Message);
        Assert.Contains("zero.csv:3:", d.ToString());
    }

    [Fact]
    public void Bad_numbers_and_counts_are_located()
    {
        var lines = File.ReadAllLines(Fx("dummyData_3Dim.csv"));
        lines[4] = lines[4].Replace("82.45", "eighty");
        var r = Parse("bad.csv", string.Join("\n", lines));
        var d = Assert.Single(r.Errors);
        Assert.Equal(5, d.Line);
        // The field starts right after the comma (its leading blank included), 1-based.
        Assert.Equal(lines[4].IndexOf("eighty", StringComparison.Ordinal), d.Column);
        Assert.Equal("position", d.Field);

        var missing = string.Join("\n", File.ReadAllLines(Fx("dummyData_3Dim.csv")).Take(8));
        var r2 = Parse("short.csv", missing);
        Assert.Contains(r2.Errors, e => e.Field == "number of actors" && e.Line == 1 && e.Message.Contains("6 actor rows"));
    }

    [Fact]
    public void Salience_total_above_100_and_positions_outside_0_100_are_errors()
    {
        var content = File.ReadAllText(Fx("dummyData_3Dim.csv")).Replace("49.53", "79.53").Replace("82.72", "182.72");
        var r = Parse("x.csv", content);
        Assert.Contains(r.Errors, e => e.Field == "salience" && e.Line == 3 && e.Message.Contains("sum"));
        Assert.Contains(r.Errors, e => e.Field == "position" && e.Line == 4 && e.Allowed == "0 to 100");
    }

    [Fact]
    public void No_250_actor_limit()
    {
        var sb = new StringBuilder("Big,many actors,300,1,\nActor,Description,Power,P,S,\n");
        for (int i = 0; i < 300; i++)
            sb.Append(CultureInfo.InvariantCulture, $"A{i},d,{10 + i % 7},{(i * 37) % 101},{50 + i % 40},\n");
        var r = Parse("big.csv", sb.ToString());
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        Assert.Equal(300, r.Value!.Actors.Count);
    }

    private static readonly string Xml = KtabSampleXml.Create("Example", 12345,
    [
        ("VictoryProbModel", "Square"), ("PCEModel", "MarkovIncentive"), ("StateTransitions", "Stochastic"),
        ("VotingRule", "PropCbc"), ("BigRAdjust", "Half"), ("BigRRange", "Max"), ("ThirdPartyCommit", "FullCommit"),
        ("InterVecBrgn", "S2PMax"), ("BargnModel", "PWCompInterp"),
    ],
    [("Bob", "Alice", "0.07"), ("Bob", "Bob", "0.9")], secondDimension: "Trade policy");

    [Fact]
    public void Xml_model_parameters_seed_and_accommodation_are_kept()
    {
        var r = KtabReader.ReadFull("ex.xml", Xml);
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        var k = r.Value!;
        Assert.Equal("square", k.ModelSettings["vpm"]);
        Assert.Equal("markov-incentive", k.ModelSettings["pcem"]);
        Assert.Equal("pw-comp", k.ModelSettings["bargain"]);
        Assert.Equal(9, k.ModelSettings.Count);
        Assert.Equal(12345UL, k.Seed);
        Assert.Equal(0.07, k.Accommodation![1 * 3 + 0]);
        Assert.Equal(0.9, k.Accommodation[1 * 3 + 1]);
        Assert.Equal(1.0, k.Accommodation[0]);
        Assert.Equal(["tax", "trade-policy"], k.Scenario.Issues.Select(i => i.Id.Value));
        // The scenario carries them as its model_settings for smp (no "run with --option" notice any more).
        var smp = Assert.Single(k.Scenario.ModelDefaults);
        Assert.Equal(k.ModelSettings.Select(kv => new ModelSetting(kv.Key, kv.Value)), smp.Settings);
        Assert.Equal(12345UL, smp.Seed);
        Assert.DoesNotContain(r.Notices, n => n.Contains("--option") || n.Contains("--seed"));
        // The settings read from the file are accepted by the model.
        var settings = k.ModelSettings.Aggregate(ModelSettings.Default, (s, kv) => s.With(kv.Key, kv.Value));
        var res = new SpatialModelOfPolitics().Run(k.Scenario, settings with { Seed = k.Seed!.Value }, TestContext.Current.CancellationToken);
        Assert.Equal(2, res.Issues.Count);
    }

    private static readonly ActorId Alice = new("Alice"), Bob = new("Bob"), Carol = new("Carol");

    [Fact]
    public void Xml_ideal_adjustment_becomes_the_scenarios_ideal_adjustment()
    {
        var r = KtabReader.ReadFull("ex.xml", Xml);
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        var k = r.Value!;
        // Only the entries that differ from the identity, row by row in the file's actor order.
        Assert.Equal([new IdealAdjustment(Bob, Alice, 0.07), new IdealAdjustment(Bob, Bob, 0.9)], k.Scenario.IdealAdjustments);
        Assert.DoesNotContain(r.Notices, n => n.Contains("IdealAdjustment") || n.Contains("ideal"));
        // The plain reader (parley run, convert) carries it too.
        Assert.Equal(k.Scenario.IdealAdjustments, Parse("ex.xml", Xml).ValueOrThrow().IdealAdjustments);
    }

    [Fact]
    public void Xml_ideal_adjustment_survives_conversion_and_gives_the_SMP_KTABs_matrix()
    {
        var k = KtabReader.ReadFull("ex.xml", Xml).ValueOrThrow();
        var yaml = Parley.Formats.Writing.ScenarioYamlWriter.Write(k.Scenario);
        Assert.Contains("\nideal_adjustment:\n  - {actor: Bob, follows: Alice, weight: 0.07}\n  - {actor: Bob, follows: Bob, weight: 0.9}\n", yaml);
        var converted = ScenarioFiles.Parse("ex.yaml", yaml).ValueOrThrow();
        Assert.Equal(k.Scenario.IdealAdjustments, converted.IdealAdjustments);

        var mapped = SmpScenarioMapping.Map(converted, converted.Issues);
        Assert.Equal(k.Accommodation, mapped.Problem.Accommodation);
        Assert.Empty(mapped.Notes);

        // The model on the converted scenario = the engine given KTAB's matrix directly; without it the run differs.
        var result = Assert.IsType<SmpIssueResult>(new SpatialModelOfPolitics().Run(converted, ModelSettings.Default, TestContext.Current.CancellationToken).Issues[0]);
        var p = mapped.Problem;
        var direct = new SmpEngine(new SmpProblem(p.ActorIds, p.DimensionNames, p.Capabilities, p.Positions, p.Saliences, k.Accommodation), SmpOptions.Default).Run();
        Assert.Equal(direct.States.Count, result.States.Count);
        for (int t = 0; t < direct.States.Count; t++)
            for (int i = 0; i < p.ActorCount; i++)
                for (int d = 0; d < p.DimensionCount; d++)
                    Assert.Equal(converted.Issues[d].Scale.FromUnit(direct.States[t].State.Positions[i * p.DimensionCount + d]),
                        result.States[t].Positions[p.ActorIds[i]][d]);
        var identity = new SmpEngine(new SmpProblem(p.ActorIds, p.DimensionNames, p.Capabilities, p.Positions, p.Saliences), SmpOptions.Default).Run();
        Assert.NotEqual(identity.States.Select(s => s.State.Ideals), direct.States.Select(s => s.State.Ideals));
    }

    [Fact]
    public void An_identity_ideal_adjustment_adds_nothing()
    {
        var only = Xml.Replace("<adjust>0.07</adjust>", "<adjust>0</adjust>").Replace("<adjust>0.9</adjust>", "<adjust>1</adjust>");
        var k = KtabReader.ReadFull("ex.xml", only).ValueOrThrow();
        Assert.Empty(k.Scenario.IdealAdjustments);
        Assert.Null(k.Accommodation);
        Assert.Empty(ScenarioFiles.Load(Fx("dummyData_3Dim-fixed.xml")).ValueOrThrow().IdealAdjustments);
    }

    [Fact]
    public void A_repeated_xml_pair_keeps_the_last_as_KTAB_does_with_a_notice()
    {
        var twice = Xml.Replace("</IdealAdjustment>",
            "<iaPair><adjustingIdeal>Bob</adjustingIdeal><referencePos>Alice</referencePos><adjust>0.1</adjust></iaPair>\n</IdealAdjustment>");
        var r = KtabReader.ReadFull("ex.xml", twice);
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        Assert.Equal([new IdealAdjustment(Bob, Alice, 0.1), new IdealAdjustment(Bob, Bob, 0.9)], r.Value!.Scenario.IdealAdjustments);
        Assert.Contains(r.Notices, n => n.Contains("Bob → Alice was already given on line") && n.Contains("the last one (0.1) is used"));
    }

    [Fact]
    public void Xml_ideal_adjustment_errors_stay_located()
    {
        var over = Parse("ex.xml", Xml.Replace("<adjust>0.9</adjust>", "<adjust>0.95</adjust>"));
        var e = Assert.Single(over.Errors);
        Assert.Equal("IdealAdjustment", e.Field);
        Assert.Contains("the adjustments of 'Bob' sum to 1.02", e.Message);
        Assert.True(e.Line > 1);

        var unknown = Parse("ex.xml", Xml.Replace("<referencePos>Alice</referencePos>", "<referencePos>Alicia</referencePos>"));
        Assert.Contains(unknown.Errors, d => d.Field == "referencePos" && d.Message == "unknown actor 'Alicia'" && d.Line > 1);

        var outside = Parse("ex.xml", Xml.Replace("<adjust>0.07</adjust>", "<adjust>1.5</adjust>"));
        Assert.Contains(outside.Errors, d => d.Field == "adjust" && d.Message.Contains("outside 0..1"));
    }

    [Fact]
    public void SmpExample_fixed_carries_its_ideal_adjustment_when_shared_data_exists()
    {
        var path = SharedAnchors.RequireFile("ktab/smpExample-fixed.xml");
        var r = KtabReader.ReadFull(path, File.ReadAllText(path));
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        var k = r.Value!;
        var david = new ActorId("David");
        Assert.Equal(
        [
            new IdealAdjustment(Alice, Alice, 0.87),
            new IdealAdjustment(Bob, Alice, 0.07), new IdealAdjustment(Bob, Bob, 0.75),
            new IdealAdjustment(Carol, Carol, 0.65), new IdealAdjustment(Carol, david, 0.13),
            new IdealAdjustment(david, david, 0.57),
        ], k.Scenario.IdealAdjustments);
        var converted = ScenarioFiles.Parse("smpExample.yaml", Parley.Formats.Writing.ScenarioYamlWriter.Write(k.Scenario)).ValueOrThrow();
        Assert.Equal(k.Accommodation, SmpScenarioMapping.Map(converted, converted.Issues).Problem.Accommodation);

        // KTAB's own settings (stochastic; KTAB's runs are not reproducible, SPEC §8.1, so there is no golden): the model
        // on the converted scenario equals the engine given the file's matrix directly.
        var settings = k.ModelSettings.Aggregate(ModelSettings.Default, (s, kv) => s.With(kv.Key, kv.Value)) with { Seed = k.Seed!.Value };
        var result = Assert.IsType<SmpIssueResult>(new SpatialModelOfPolitics().Run(converted, settings, TestContext.Current.CancellationToken).Issues[0]);
        var p = SmpScenarioMapping.Map(k.Scenario, k.Scenario.Issues).Problem;
        var direct = new SmpEngine(new SmpProblem(p.ActorIds, p.DimensionNames, p.Capabilities, p.Positions, p.Saliences, k.Accommodation),
            SmpOptions.From(settings)).Run();
        Assert.Equal(direct.States.Count, result.States.Count);
        Assert.Equal(converted.Issues[0].Scale.FromUnit(direct.States[^1].State.Positions[0]), result.States[^1].Positions[p.ActorIds[0]][0]);
    }

    [Fact]
    public void DummyData_3Dim_fixed_xml_reproduces_KTABs_golden_when_shared_data_exists()
    {
        // Its only iaPair is the identity (SActor-00 → SActor-00 = 1.0): no ideal_adjustment, and KTAB's CSV result.
        var path = SharedAnchors.RequireFile("ktab/dummyData_3Dim-fixed.xml");
        var golden = SharedAnchors.RequireFile("ktab/golden/ktab_dummyData_3Dim_positions.csv");
        var scenario = ScenarioFiles.Load(path).ValueOrThrow();
        Assert.Empty(scenario.IdealAdjustments);
        var r = Assert.IsType<SmpIssueResult>(new SpatialModelOfPolitics().Run(scenario, ModelSettings.Default, TestContext.Current.CancellationToken).Issues[0]);
        var rows = File.ReadLines(golden).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(rows.Max(x => int.Parse(x[0])) + 1, r.States.Count);
        foreach (var g in rows)
            Assert.Equal(double.Parse(g[4], CultureInfo.InvariantCulture), r.States[int.Parse(g[0])].Positions[g[2]][int.Parse(g[3])]);
    }

    [Fact]
    public void Xml_errors_are_located()
    {
        var empty = Xml.Replace("<dCoord>52.8</dCoord>", "<dCoord/>");
        var r = Parse("ex.xml", empty);
        var d = Assert.Single(r.Errors);
        Assert.Equal("position", d.Field);
        Assert.True(d.Line > 1 && d.Column > 1);

        var badEnum = Xml.Replace("<PCEModel>MarkovIncentive</PCEModel>", "<PCEModel>Markov</PCEModel>");
        var r2 = Parse("ex.xml", badEnum);
        Assert.Contains(r2.Errors, e => e.Field == "PCEModel" && e.Allowed!.Contains("MarkovUniform"));

        var zero = Xml.Replace("<capability>50</capability>", "<capability>0</capability>");
        Assert.Contains(Parse("ex.xml", zero).Errors, e => e.Field == "capability");

        var broken = Parse("ex.xml", "<Scenario><name>x</name><Dimensions><dName>a</dName></Dimensions><Actors>");
        Assert.False(broken.Ok);
        Assert.Contains("not well-formed", broken.Errors[0].Message);
    }

    [Fact]
    public void Full_golden_runs_through_the_reader_when_shared_data_exists()
    {
        var path = SharedAnchors.RequireFile("ktab/dummyData-a040.csv");
        var golden = SharedAnchors.RequireFile("ktab/golden/ktab_dummyData-a040_positions.csv");
        var scenario = ScenarioFiles.Load(path).ValueOrThrow();
        var r = Assert.IsType<SmpIssueResult>(new SpatialModelOfPolitics().Run(scenario, ModelSettings.Default, TestContext.Current.CancellationToken).Issues[0]);
        var rows = File.ReadLines(golden).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(rows.Max(x => int.Parse(x[0])) + 1, r.States.Count);
        foreach (var g in rows)
            Assert.Equal(double.Parse(g[4], CultureInfo.InvariantCulture), r.States[int.Parse(g[0])].Positions[g[2]][0]);
    }
}
