using Parley.Application.Analysing;
using Parley.Application.Forecasting;
using Parley.Application.Models;
using Parley.Application.Scenarios;
using Parley.Core;
using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Formats;

namespace Parley.Application.Tests;

/// <summary>The use cases called as a library would call them: no command line involved.</summary>
public class ServiceTests
{
    private const string Toy = """
        scenario: {id: toy, title: Toy}
        issues:
          - {id: spend, title: Spending, scale: {min: 0, max: 100}, status_quo: 20}
        actors:
          - id: a
            capability: 3
            positions: {spend: {position: 80, salience: 0.9, range: {low: 60, high: 90}}}
          - id: b
            capability: 2
            positions: {spend: {position: 30, salience: 0.5}}
          - id: c
            capability: 1
            positions: {spend: {position: 10, salience: 0.7}}
        """;

    private static Scenario Read(string text, ModelRegistry? registry = null) =>
        new ScenarioLoader(registry).Parse("toy.yaml", text).Scenario;

    [Fact]
    public void A_forecast_runs_every_registered_model_by_default_and_the_compromise_is_the_weighted_mean()
    {
        var forecast = new ForecastService().Run(Read(Toy), new ModelRequest());
        Assert.Equal(ModelRegistry.BuiltIn.Names, forecast.Runs.Select(r => r.Name));
        // c·s-weighted mean: (3·0.9·80 + 2·0.5·30 + 1·0.7·10) / (2.7 + 1 + 0.7)
        double expected = (216 + 30 + 7) / 4.4;
        Assert.Equal(expected, forecast.Runs.Single(r => r.Name == "compromise").Result.Issues[0].Forecast, 12);
    }

    [Fact]
    public void The_bundled_scenario_loads_and_forecasts()
    {
        var loaded = new ScenarioLoader().Bundled();
        Assert.Equal("nato-hague-2025", loaded.Scenario.Id);
        var forecast = new ForecastService().Run(loaded.Scenario, new ModelRequest { Models = ["compromise", "median"] });
        Assert.All(forecast.Results, r => Assert.Equal(loaded.Scenario.Issues.Count, r.Issues.Count));
    }

    [Fact]
    public void Request_settings_win_over_the_scenarios_model_settings_and_the_plan_says_so()
    {
        var scenario = Read(Toy + "\nmodel_settings:\n  eum: {rounds: 3, q: 0.5}\n");
        var plan = ModelPlanner.Plan(ModelRegistry.BuiltIn, scenario, new ModelRequest { Models = ["eum"] }.WithSetting("rounds", "5"),
            ModelRegistry.BuiltIn.Names);
        var settings = plan.Models.Single().Settings;
        Assert.Equal("5", settings.Values["rounds"]);
        Assert.Equal("0.5", settings.Values["q"]);
        var note = Assert.Single(plan.Notes);
        Assert.Equal(NoteKind.Settings, note.Kind);
        Assert.Equal("eum: using the scenario's settings q=0.5 (the command line overrides rounds=3)", note.Text);
    }

    [Fact]
    public void Bad_requests_are_parley_errors_with_a_kind()
    {
        var scenario = Read(Toy);
        var forecast = new ForecastService();
        var unknown = Assert.Throws<UnknownModelException>(() => forecast.Run(scenario, new ModelRequest { Models = ["nope"] }));
        Assert.Equal(ParleyErrorKind.UnknownModel, ParleyError.From(unknown).Kind);
        var unused = Assert.Throws<ModelSettingException>(() =>
            forecast.Run(scenario, new ModelRequest { Models = ["compromise"] }.WithSetting("rounds", "3")));
        Assert.Contains("no chosen model takes the setting 'rounds'", unused.Message);
        var issue = Assert.Throws<InvalidRequestException>(() => forecast.Run(scenario, new ModelRequest { Issues = ["nope"] }));
        Assert.Equal("issue", issue.Field);
        var input = Assert.Throws<InputException>(() => Read("scenario: {id: x}"));
        var error = ParleyError.From(input);
        Assert.Equal(ParleyErrorKind.InvalidInput, error.Kind);
        Assert.NotEmpty(error.Diagnostics);
        Assert.True(ParleyError.From(new InvalidOperationException("boom")).Internal);
        Assert.True(ParleyError.From(new OperationCanceledException()).Cancelled);
    }

    [Fact]
    public void An_analysis_reports_progress_up_to_its_total()
    {
        var reports = new List<AnalysisProgress>();
        var progress = new Recorder(reports);
        var request = new AnalysisRequest { Models = new() { Models = ["compromise"] }, Draws = 300, Threads = 1 };
        var outcome = new AnalysisService().Run(Read(Toy), request, progress);
        Assert.Equal(300, outcome.Result.Models.Single().Distribution!.Issues[0].Draws);
        // model runs: the point forecast, the 300 draws and the tornado's (two per input, plus its point and centre)
        long total = new AnalysisService().Planned(Read(Toy), request).Runs;
        Assert.True(total > 301, $"{total}");
        Assert.Equal(total, reports[^1].Done);
        Assert.All(reports, r => Assert.Equal(total, r.Total));
        Assert.Equal(301, new AnalysisService().Planned(Read(Toy), request with { Tornado = false }).Runs);
    }

    [Fact]
    public void A_cancelled_analysis_stops_with_OperationCanceledException()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new AnalysisService().Run(Read(Toy),
            new AnalysisRequest { Models = new() { Models = ["eum"] }, Draws = 100_000 }, null, cancel.Token));
    }

    [Fact]
    public void Limits_on_draws_and_sobol_rows_are_invalid_requests_that_name_the_field()
    {
        var service = new AnalysisService();
        var draws = Assert.Throws<InvalidRequestException>(() => service.Prepare(Read(Toy), new AnalysisRequest { Draws = 100_000_000 }));
        Assert.Equal("draws", draws.Field);
        var sobol = Assert.Throws<InvalidRequestException>(() => service.Prepare(Read(Toy), new AnalysisRequest { SobolSamples = 100_000_000 }));
        Assert.Equal("sobol", sobol.Field);
        // the cap can be raised by whoever builds the request
        service.Prepare(Read(Toy), new AnalysisRequest { Draws = 2_000_000, MaxDraws = 2_000_000 });
    }

    private sealed class Recorder(List<AnalysisProgress> into) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value)
        {
            lock (into) into.Add(value);
        }
    }
}
