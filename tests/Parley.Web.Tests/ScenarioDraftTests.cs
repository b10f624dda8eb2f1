using Parley.Web.Scenarios;

namespace Parley.Web.Tests;

/// <summary>The editor's model: edits change only the fields edited, and its YAML reads back the same.</summary>
public sealed class ScenarioDraftTests
{
    [Fact]
    public void An_edit_changes_only_its_line_of_the_template()
    {
        var draft = ScenarioDraft.Parse(Api.Template);
        draft.Actors.Single(a => a.Id == "member-a").On("budget")!.Salience = "0.5";
        var diff = LineDiff.Compute(Api.Template, draft.ToYaml()).Where(l => l.Op != " ").ToArray();
        Assert.Equal(2, diff.Length);
        Assert.Contains("salience: 0.8", diff.Single(l => l.Op == "-").Text);
        Assert.Contains("salience: 0.5", diff.Single(l => l.Op == "+").Text);
    }

    [Fact]
    public void The_Hague_scenario_survives_the_editor_unchanged_in_meaning()
    {
        var loader = new Application.Scenarios.ScenarioLoader();
        var draft = ScenarioDraft.Parse(Application.Scenarios.ScenarioLoader.BundledText());
        Assert.Equal(33, draft.Actors.Count);
        Assert.Equal(4, draft.Issues.Count);
        var original = loader.Bundled().Scenario;
        var edited = loader.Parse("scenario.yaml", draft.ToYaml(), "yaml").Scenario;
        Assert.Equal(Application.Scenarios.ScenarioLoader.Write(original, "yaml"), Application.Scenarios.ScenarioLoader.Write(edited, "yaml"));
    }

    [Fact]
    public void Anchors_and_ranges_are_edited_as_text()
    {
        var draft = ScenarioDraft.Parse(Api.Template);
        var issue = draft.Issues.Single();
        Assert.Equal("0: no increase\n50: half\n100: full increase", issue.Anchors);
        issue.Anchors = "0: none\n100: all";
        var p = draft.Actors[0].On("budget")!;
        p.Low = "";
        p.High = "";
        var scenario = new Application.Scenarios.ScenarioLoader().Parse("scenario.yaml", draft.ToYaml(), "yaml").Scenario;
        Assert.Equal(["none", "all"], scenario.Issues[0].Anchors.Select(a => a.Label));
        Assert.Null(scenario.Stances.First(s => s.Actor.Value == "chair").PositionRange);
    }
}
