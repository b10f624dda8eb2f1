using Parley.Application.Forecasting;
using Parley.Application.Models;
using Parley.Application.Scenarios;
using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Formats;

namespace Parley.Application.Tests;

/// <summary>A third-party model registered beside the built-ins: its settings are read from a scenario and it runs.</summary>
public class RegistryTests
{
    /// <summary>Forecasts the status quo moved by a fixed share toward the weighted mean (a toy model with one setting).</summary>
    private sealed class NudgeModel : IssueModel
    {
        public override ModelInfo Info { get; } = new("nudge", "status quo nudged toward the mean", "test",
            Parameters: [new ModelParameter("share", "how far toward the mean, 0–1", "0.5")]);

        public override void CheckSettings(ModelSettings settings)
        {
            base.CheckSettings(settings);
            double share = settings.GetDouble("share", 0.5);
            if (share is < 0 or > 1) throw new ModelSettingException($"{settings.Label("share")}: {share} is not in 0..1");
        }

        public override IssueResult Run(IssueProblem problem, ModelSettings settings)
        {
            double share = settings.GetDouble("share", 0.5), weight = 0, sum = 0;
            for (int i = 0; i < problem.Count; i++)
            {
                weight += problem.Capabilities[i] * problem.Saliences[i];
                sum += problem.Capabilities[i] * problem.Saliences[i] * problem.Positions[i];
            }
            double q = problem.StatusQuo ?? sum / weight;
            return new IssueResult { Issue = problem.Issue.Id, Forecast = q + share * (sum / weight - q) };
        }
    }

    private const string Scenario = """
        scenario: {id: nudge, title: Nudge}
        issues:
          - {id: x, title: X, scale: {min: 0, max: 10}, status_quo: 0}
        actors:
          - {id: a, capability: 1, positions: {x: {position: 10, salience: 1}}}
          - {id: b, capability: 1, positions: {x: {position: 6, salience: 1}}}
        model_settings:
          nudge: {share: 0.25}
        """;

    [Fact]
    public void A_registered_model_takes_its_settings_from_a_scenario_and_runs()
    {
        var registry = ModelRegistry.WithBuiltIns().Add(new NudgeModel());
        var scenario = new ScenarioLoader(registry).Parse("nudge.yaml", Scenario).Scenario;
        var forecast = new ForecastService(registry).Run(scenario, new ModelRequest { Models = ["nudge"] });
        Assert.Equal(0.25 * 8, forecast.Runs.Single().Result.Issues[0].Forecast, 12);
    }

    [Fact]
    public void The_built_in_registry_refuses_unknown_models_in_a_scenario_and_cannot_be_changed()
    {
        var error = Assert.Throws<InputException>(() => new ScenarioLoader().Parse("nudge.yaml", Scenario));
        Assert.Contains("unknown model 'nudge'", error.Diagnostics.Single().ToString());
        Assert.Throws<InvalidOperationException>(() => ModelRegistry.BuiltIn.Add(new NudgeModel()));
    }

    [Fact]
    public void A_value_the_registered_model_cannot_use_is_a_located_error()
    {
        var registry = ModelRegistry.WithBuiltIns().Add(new NudgeModel());
        var error = Assert.Throws<InputException>(() => new ScenarioLoader(registry).Parse("nudge.yaml", Scenario.Replace("0.25", "2")));
        var d = error.Diagnostics.Single();
        Assert.Equal(8, d.Line);
        Assert.Contains("2 is not in 0..1", d.ToString());
    }

    [Fact]
    public void Two_models_cannot_share_a_name()
    {
        var registry = ModelRegistry.WithBuiltIns();
        Assert.Throws<ArgumentException>(() => registry.Add(new CompromiseAlias()));
    }

    private sealed class CompromiseAlias : IssueModel
    {
        public override ModelInfo Info { get; } = new("Compromise", "a second compromise", "test");
        public override IssueResult Run(IssueProblem problem, ModelSettings settings) => throw new NotSupportedException();
    }
}
