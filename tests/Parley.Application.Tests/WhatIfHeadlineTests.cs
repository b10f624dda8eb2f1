using Parley.Application.Analysing;
using Parley.Application.Forecasting;
using Parley.Application.Headline;
using Parley.Application.Models;
using Parley.Application.Scenarios;
using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Application.Tests;

/// <summary>The headline of a forecast with what-ifs (the web app's what-if runs): computed as for the base run.</summary>
public class WhatIfHeadlineTests
{
    // Actor a (capability 8 of 10, position 8 of 10, salience 0.9) pulls the compromise, and so the headline, up.
    private const string Toy = """
        scenario: {id: toy, title: Toy}
        decision_rule: consensus
        issues:
          - {id: spend, title: Spending, scale: {min: 0, max: 10}, status_quo: 2, anchors: {0: none, 5: half, 10: all}}
        actors:
          - {id: a, capability: 8, positions: {spend: {position: 8, salience: 0.9}}}
          - {id: b, capability: 1, positions: {spend: {position: 3, salience: 0.5}}}
          - {id: c, capability: 1, positions: {spend: {position: 1, salience: 0.7}}}
        shocks:
          - id: a-walks-out
            changes:
              - {round: 3, actor: a, remove: true}
        """;

    private static readonly ModelRequest Request = new() { Models = ["compromise", "eum"] };

    private static Scenario Read() => new ScenarioLoader().Parse("toy.yaml", Toy).Scenario;

    private static Forecast WithWhatIfs(Scenario scenario, AnalysisRequest whatIfs) =>
        new ForecastService().Run(scenario, Request, AnalysisService.WhatIfs(scenario, whatIfs));

    private static HeadlineResult Only(Forecast f) => Assert.Single(f.Headlines);

    [Fact]
    public void A_what_if_that_changes_nothing_gives_the_base_runs_headline()
    {
        var scenario = Read();
        var baseRun = new ForecastService().Run(scenario, Request);
        var same = WithWhatIfs(scenario, new AnalysisRequest { Set = ["a.spend.salience=0.9", "b.capability=1"] });
        Assert.Equal(Only(baseRun), Only(same) with { Notes = Only(baseRun).Notes });
        Assert.Equal(Only(baseRun).Notes, Only(same).Notes);
        Assert.Equal(baseRun.Results.Select(r => r.Issues[0].Forecast), same.Results.Select(r => r.Issues[0].Forecast));
    }

    [Fact]
    public void Dropping_the_pivotal_actor_changes_the_headline_as_the_headline_of_the_scenario_without_it()
    {
        var scenario = Read();
        var baseline = Only(new ForecastService().Run(scenario, Request));
        var without = Only(WithWhatIfs(scenario, new AnalysisRequest { Without = ["a"] }));
        Assert.True(baseline.Forecast - without.Forecast > 2, $"dropping a moved the headline from {baseline.Forecast} to {without.Forecast} only");
        // exactly the headline of the scenario with a left out, as `analyze --without a` and a plain run of that scenario give
        var expected = Assert.Single(new HeadlineService().Forecast(scenario.Apply([Analysis.WhatIf.WhatIfs.Without(scenario, "a")])));
        Assert.Equal(expected.Forecast, without.Forecast, 12);
        Assert.Equal((expected.P10, expected.P90), (without.P10, without.P90));
        Assert.InRange(without.Forecast, without.P10, without.P90);
    }

    [Fact]
    public void A_shock_at_a_later_round_reaches_the_headline_from_the_start_as_in_analyze()
    {
        var scenario = Read();
        var shocked = Only(WithWhatIfs(scenario, new AnalysisRequest { Shocks = ["a-walks-out"] }));
        var analysed = Assert.Single(new AnalysisService().Run(scenario,
            new AnalysisRequest { Models = Request, Draws = 1, Tornado = false, Shocks = ["a-walks-out"] }).Result.Headlines);
        Assert.Equal(analysed.Forecast, shocked.Forecast, 12);
        Assert.Equal(Only(WithWhatIfs(scenario, new AnalysisRequest { Without = ["a"] })).Forecast, shocked.Forecast, 12);
    }
}
