using System.Text.Json;
using Parley.Cli.Commands;
using Parley.Cli.Rendering;
using Parley.Contracts.V1;
using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.ExpectedUtility;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Cli.Tests;

/// <summary>The expected utility model on the command line: round table, JSON entry, perception table.</summary>
public class EumCommandTests
{
    private static readonly string[] Names = ["Netherlands", "Belgium", "Luxembourg", "Germany", "France", "Italy", "UK", "Ireland", "Denmark", "Greece"];
    private static readonly double[] Capability = [0.08, 0.08, 0.03, 0.16, 0.16, 0.16, 0.16, 0.05, 0.05, 0.08];
    private static readonly double[] Position = [4, 7, 4, 4, 10, 10, 10, 7, 4, 7];
    private static readonly double[] Salience = [0.8, 0.4, 0.2, 0.8, 0.6, 0.6, 0.9, 0.1, 1.0, 0.7];

    /// <summary>The EC car-emissions table (Bueno de Mesquita 1994) as a scenario built in memory.</summary>
    private static Scenario EcScenario()
    {
        var issue = new Issue(new IssueId("delay"), "Delay before emission standards apply", new Scale(0, 10, "years"));
        var actors = Names.Select((n, i) => new Actor(new ActorId(n), n, Capability[i])).ToArray();
        var stances = Names.Select((n, i) => new Stance(new ActorId(n), issue.Id, Position[i], Salience[i])).ToArray();
        return new Scenario(new ScenarioMetadata("ec-emissions", "EC car-emission standards"), actors, [issue], stances, new DecisionRule.Majority());
    }

    private static (StringWriter Out, CliConsole Console) Capture()
    {
        var output = new StringWriter();
        return (output, CliConsole.ForWriters(output, new StringWriter(), width: 160));
    }

    [Fact]
    public void Round_table_lists_median_mean_and_the_moves_of_each_round()
    {
        var scenario = EcScenario();
        var result = new ExpectedUtilityModel().Run(scenario, ModelSettings.Default);
        var (output, console) = Capture();
        ForecastTable.RenderDetails(console.Out, scenario, [result]);
        var text = output.ToString();
        Assert.Contains("reference variant", text);
        Assert.Contains("Belgium compromises with France → 8.42", text);
        Assert.Contains("Luxembourg loses confrontation to Belgium → 7", text);
        Assert.Contains("Belgium compromises with Netherlands → 4.8", text); // round 4
        Assert.Contains("8.42", text);   // round 1 median
        Assert.Contains("7.24", text);   // round 10 mean (7.242)
        Assert.Contains("inputs", text);
    }

    [Fact]
    public void Json_entry_carries_forecast_variant_and_rounds_with_positions_risk_and_moves()
    {
        var scenario = EcScenario();
        var result = new ExpectedUtilityModel().Run(scenario, ModelSettings.Default.With("rounds", "3"));
        using var doc = JsonDocument.Parse(ContractJson.Write(RunMapper.Map(scenario, [result])));
        var entry = doc.RootElement.GetProperty("issues")[0].GetProperty("models").GetProperty("eum");
        Assert.Equal(9.961979590401311, entry.GetProperty("forecast").GetDouble(), 9);
        Assert.Equal("reference", entry.GetProperty("variant").GetString());
        var rounds = entry.GetProperty("rounds");
        Assert.Equal(4, rounds.GetArrayLength());
        var r0 = rounds[0];
        Assert.Equal(0, r0.GetProperty("round").GetInt32());
        Assert.Equal(7.0, r0.GetProperty("positions").GetProperty("Belgium").GetDouble());
        Assert.Equal(7.0, r0.GetProperty("median").GetDouble());
        Assert.Equal(7.389956, r0.GetProperty("mean").GetDouble(), 6);
        Assert.Equal(0, r0.GetProperty("moves").GetArrayLength());
        var r1 = rounds[1];
        Assert.Equal(0.7541959272436861, r1.GetProperty("risk").GetProperty("Belgium").GetDouble(), 12);
        var move = r1.GetProperty("moves")[0];
        Assert.Equal("Belgium", move.GetProperty("actor").GetString());
        Assert.Equal("compromise", move.GetProperty("kind").GetString());
        Assert.Equal("France", move.GetProperty("with").GetString());
        Assert.Equal(7.0, move.GetProperty("from").GetDouble());
        Assert.Equal(8.415932315426764, move.GetProperty("to").GetDouble(), 12);
        Assert.Equal("Belgium compromises with France → 8.42", move.GetProperty("text").GetString());
    }

    [Fact]
    public void Perception_table_shows_expected_utilities_and_quadrants()
    {
        var scenario = EcScenario();
        var problem = IssueProblem.From(scenario, scenario.Issues[0]);
        var view = Perception.For(problem, ModelSettings.Default, 1);
        var (output, console) = Capture();
        ExplainCommand.Render(console.Out, scenario.Issues[0], view);
        var text = output.ToString();
        Assert.Contains("Belgium", text);
        Assert.Contains("r = 0.754", text);
        Assert.Contains("-0.115", text);   // E^Belgium(U_Belgium,France)
        Assert.Contains("0.243", text);    // E^Belgium(U_France,Belgium)
        Assert.Contains("compromise (i yields)", text);
        Assert.Contains("Belgium compromises with France → 8.42", text);
        Assert.Contains("same position", text); // Ireland and Greece at 7
    }

    // End to end through the file readers (these run once the YAML and CSV readers are registered on main).

    private static CliRunner.Outcome RunOrSkipWithoutReader(params string[] args)
    {
        var r = CliRunner.Run(args);
        if (r.Err.Contains("cannot tell the file's format"))
            Assert.Skip("no reader registered yet for this format: " + r.Err.Trim());
        return r;
    }

    [Fact]
    public void Run_with_model_eum_prints_the_round_table()
    {
        var r = RunOrSkipWithoutReader("run", Fixtures.Path("ec-emissions.yaml"), "--model", "eum", "--rounds", "10");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Belgium compromises with France → 8.42", r.Out);
        Assert.Contains("7.00", r.Out); // forecast: the round-10 median
    }

    [Fact]
    public void Run_with_variant_paper_and_json_carries_the_variant()
    {
        var r = RunOrSkipWithoutReader("run", Fixtures.Path("ec-emissions.yaml"), "--model", "eum", "--variant", "paper", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var entry = doc.RootElement.GetProperty("issues")[0].GetProperty("models").GetProperty("eum");
        Assert.Equal("paper", entry.GetProperty("variant").GetString());
        Assert.Equal(11, entry.GetProperty("rounds").GetArrayLength());
    }

    [Fact]
    public void Explain_prints_the_perception_table_and_rejects_unknown_actors()
    {
        var r = RunOrSkipWithoutReader("explain", Fixtures.Path("ec-emissions.yaml"), "--model", "eum", "--actor", "Belgium");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("compromise (i yields)", r.Out);
        var json = CliRunner.Run("explain", Fixtures.Path("ec-emissions.yaml"), "--model", "eum", "--actor", "Belgium", "--json");
        Assert.Equal(0, json.ExitCode);
        using (var doc = JsonDocument.Parse(json.Out))
        {
            var view = doc.RootElement.GetProperty("perceptions")[0];
            Assert.Equal("Belgium", view.GetProperty("actor").GetString());
            var france = view.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("other").GetString() == "France");
            Assert.Equal(-0.114830503473, france.GetProperty("eu_self").GetDouble(), 11);
            Assert.Equal("compromise-lose", france.GetProperty("quadrant").GetString());
        }
        var other = CliRunner.Run("explain", Fixtures.Path("ec-emissions.yaml"), "--model", "median", "--actor", "Belgium");
        Assert.Equal(2, other.ExitCode);
        var bad = CliRunner.Run("explain", Fixtures.Path("ec-emissions.yaml"), "--model", "eum", "--actor", "Narnia");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("Narnia", bad.Err);
    }

    [Fact]
    public void The_fields_csv_table_runs_with_the_eum()
    {
        var r = RunOrSkipWithoutReader("run", Fixtures.Path("ec-emissions.csv"), "--model", "eum", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var entry = doc.RootElement.GetProperty("issues")[0].GetProperty("models").GetProperty("eum");
        var r1 = entry.GetProperty("rounds")[1].GetProperty("positions");
        Assert.Equal(8.415932315426764, r1.EnumerateObject().First(p => p.Name.Contains("Belgium", StringComparison.OrdinalIgnoreCase)).Value.GetDouble(), 9);
    }

    [Fact]
    public void The_bundled_Hague_scenario_runs_issue_by_issue_with_both_variants()
    {
        foreach (var variant in new[] { "reference", "paper" })
        {
            var r = CliRunner.Run("run", "--model", "eum", "--variant", variant, "--json");
            Assert.Equal(0, r.ExitCode);
            using var doc = JsonDocument.Parse(r.Out);
            var issues = doc.RootElement.GetProperty("issues");
            Assert.Equal(4, issues.GetArrayLength());
            foreach (var issue in issues.EnumerateArray())
            {
                var entry = issue.GetProperty("models").GetProperty("eum");
                double forecast = entry.GetProperty("forecast").GetDouble();
                var scale = issue.GetProperty("scale");
                Assert.InRange(forecast, scale.GetProperty("min").GetDouble(), scale.GetProperty("max").GetDouble());
                var rounds = entry.GetProperty("rounds");
                Assert.Equal(11, rounds.GetArrayLength());
                Assert.Equal(variant, entry.GetProperty("variant").GetString());
                Assert.True(rounds[0].GetProperty("positions").EnumerateObject().Count() >= 30);
            }
        }
        var explain = CliRunner.Run("explain", "--model", "eum", "--actor", "spain", "--issue", "spending-target");
        Assert.Equal(0, explain.ExitCode);
        Assert.Contains("Spain", explain.Out);
        Assert.Contains("Iceland compromises with Spain", explain.Out);
    }
}
