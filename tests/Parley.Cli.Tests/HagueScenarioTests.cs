using System.Text.Json;
using Parley.Cli;
using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Formats;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Cli.Tests;

/// <summary>The bundled flagship scenario: what `parley run` with no argument forecasts.</summary>
public class HagueScenarioTests
{
    private static readonly string[] IssueIds = ["russia-threat", "spending-target", "target-year", "ukraine"];

    private static Scenario Load() =>
        ScenarioFiles.Load(Path.Combine(Fixtures.RepoRoot, "scenarios", "nato-hague-2025.yaml")).ValueOrThrow();

    [Fact]
    public void The_embedded_copy_is_the_repository_file()
    {
        var onDisk = File.ReadAllText(Path.Combine(Fixtures.RepoRoot, "scenarios", "nato-hague-2025.yaml"));
        Assert.Equal(onDisk, ScenarioInput.ReadBundled());
    }

    [Fact]
    public void It_has_all_32_allies_and_the_secretary_general_as_agenda_setter_under_consensus()
    {
        var s = Load();
        Assert.Equal(33, s.Actors.Count);
        Assert.Equal(IssueIds, s.Issues.Select(i => i.Id.Value));
        Assert.IsType<DecisionRule.Consensus>(s.DecisionRule);
        Assert.Equal("nato-sg", s.AgendaSetter?.Value);
        Assert.Contains(s.Actors, a => a.Id.Value == "united-states");
    }

    [Fact]
    public void Every_position_and_salience_carries_evidence_and_every_quote_cites_a_declared_source()
    {
        var s = Load();
        var sources = s.Metadata.Sources.Select(x => x.Id).ToHashSet();
        foreach (var actor in s.Actors)
            foreach (var issue in s.Issues)
            {
                var stance = s.StanceOf(actor.Id, issue.Id);
                Assert.True(stance is not null, $"{actor.Id} has no stance on {issue.Id}");
                Assert.True(stance!.Evidence is not null, $"{actor.Id}/{issue.Id}: position without evidence");
                foreach (var e in new[] { stance.Evidence, stance.SalienceEvidence })
                    if (e is Evidence.Quote q) Assert.Contains(q.SourceId, sources);
            }
    }

    [Fact]
    public void Run_without_a_scenario_prints_the_four_issues_with_every_default_model()
    {
        var r = CliRunner.Run("run", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal("nato-hague-2025", doc.RootElement.GetProperty("scenario").GetString());
        var issues = doc.RootElement.GetProperty("issues").EnumerateArray().ToList();
        Assert.Equal(IssueIds, issues.Select(i => i.GetProperty("id").GetString()));
        foreach (var issue in issues)
        {
            var scale = issue.GetProperty("scale");
            foreach (var name in ModelCatalog.DefaultNames)
            {
                double f = issue.GetProperty("models").GetProperty(name).GetProperty("forecast").GetDouble();
                Assert.InRange(f, scale.GetProperty("min").GetDouble(), scale.GetProperty("max").GetDouble());
            }
        }
    }

    [Fact]
    public void The_table_names_each_issue()
    {
        var r = CliRunner.Run("run");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("How the declaration names Russia", r.Out);
        Assert.Contains("≈", r.Out);
    }
}
