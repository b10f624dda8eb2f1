using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.ExpectedUtility;
using Xunit;

namespace Parley.Core.Tests.Models.ExpectedUtility;

public class ScenarioRunTests
{
    /// <summary>Two issues on different scales; one actor takes no part in the second.</summary>
    private static Scenario TwoIssues()
    {
        var spending = new Issue(new IssueId("spending"), "Defence spending", new Scale(2.0, 5.0, "% GDP"));
        var year = new Issue(new IssueId("year"), "Target year", new Scale(2028, 2040, "year"));
        var actors = EcEmissions.Names.Select((n, i) => new Actor(new ActorId(n), n, EcEmissions.Capability[i])).ToArray();
        var stances = new List<Stance>();
        for (int i = 0; i < actors.Length; i++)
        {
            // the EC positions 4–10 mapped onto each scale
            stances.Add(new Stance(actors[i].Id, spending.Id, 2.0 + (EcEmissions.Position[i] - 4) / 2.0, EcEmissions.Salience[i]));
            if (i != 0) stances.Add(new Stance(actors[i].Id, year.Id, 2028 + 2 * (EcEmissions.Position[i] - 4), EcEmissions.Salience[i]));
        }
        return new Scenario(new ScenarioMetadata("two", "Two issues"), actors, [spending, year], stances);
    }

    [Fact]
    public void A_multi_issue_scenario_runs_issue_by_issue_on_each_issues_own_scale()
    {
        var result = new ExpectedUtilityModel().Run(TwoIssues(), ModelSettings.Default);
        Assert.Equal("eum", result.Model);
        Assert.Equal(2, result.Issues.Count);
        var spending = (EumResult)result.For(new IssueId("spending"))!;
        var year = (EumResult)result.For(new IssueId("year"))!;
        // Same dynamics as the EC case on the first issue (an affine map of it): Belgium 7 → 8.4159 maps to 2 + 4.4159/2.
        Assert.Equal(2.0 + (8.415932315426764 - 4) / 2.0, spending.Rounds[1].Positions["Belgium"], 9);
        Assert.Equal(2.0 + (7.0 - 4) / 2.0, spending.Forecast, 9);
        Assert.DoesNotContain("Netherlands", year.Rounds[0].Positions.Keys);
        Assert.Equal(9, year.Rounds[0].Positions.Count);
        Assert.InRange(year.Forecast, 2028, 2040);
    }

    [Fact]
    public void The_issue_filter_selects_issues_and_the_catalogue_finds_the_model()
    {
        var model = ModelCatalog.Find("eum");
        Assert.IsType<ExpectedUtilityModel>(model);
        Assert.True(model!.Info.IsDynamic);
        var result = model.Run(TwoIssues(), ModelSettings.Default with { Issues = [new IssueId("year")] });
        Assert.Single(result.Issues);
        Assert.Equal("year", result.Issues[0].Issue.Value);
    }
}
