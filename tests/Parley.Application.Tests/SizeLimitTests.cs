using Parley.Analysis.Benchmarking;
using Parley.Analysis.WhatIf;
using Parley.Application.Analysing;
using Parley.Application.Forecasting;
using Parley.Application.Models;
using Parley.Application.Scenarios;
using Parley.Application.Sizing;
using Parley.Core;
using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Application.Tests;

/// <summary>
/// The limits on what a request may ask for: caps on draws and Sobol rows, the size estimate that warns before long runs
/// and refuses plans certain not to fit in memory, what-if values held to the scenario bounds, and cancellation of large
/// runs. No test times anything: estimates are compared with their inputs, cancellation by the exception it gives.
/// </summary>
public class SizeLimitTests
{
    private static Scenario Hague() => new ScenarioLoader().Bundled().Scenario;

    private static ModelPlan Plan(Scenario scenario, params string[] models) =>
        ModelPlanner.Plan(ModelRegistry.BuiltIn, scenario, new ModelRequest { Models = models }, ModelRegistry.BuiltIn.Names);

    [Fact]
    public void Sobol_rows_are_capped_lower_than_draws_and_max_draws_raises_both()
    {
        var service = new AnalysisService();
        var rows = Assert.Throws<InvalidRequestException>(() =>
            service.Prepare(Hague(), new AnalysisRequest { SobolSamples = AnalysisRequest.DefaultMaxSobolRows + 1 }));
        Assert.Equal("sobol", rows.Field);
        Assert.Contains("limit of 100,000 rows", rows.Message);
        Assert.Contains("--max-draws", rows.Message);
        var draws = Assert.Throws<InvalidRequestException>(() => service.Prepare(Hague(), new AnalysisRequest { Draws = 1_000_001 }));
        Assert.Contains("limit of 1,000,000 draws", draws.Message);
        Assert.Contains("--max-draws", draws.Message);
        // a web server's lower draws cap holds Sobol rows to it too
        Assert.Throws<InvalidRequestException>(() => service.Prepare(Hague(), new AnalysisRequest { SobolSamples = 600, MaxDraws = 500 }));
        service.Prepare(Hague(), new AnalysisRequest { SobolSamples = 200_000, MaxDraws = 200_000, MaxSobolRows = 200_000 });
    }

    [Fact]
    public void A_sobol_design_whose_outcomes_cannot_fit_in_memory_is_refused_unless_the_check_is_off()
    {
        // 388 columns (each issue's uncertain inputs + 2) × 50 million rows × 8 bytes ≈ 155 GB: no machine this runs on has it
        var request = new AnalysisRequest
        {
            Models = new ModelRequest { Models = ["compromise"] },
            SobolSamples = 50_000_000, MaxDraws = int.MaxValue, MaxSobolRows = int.MaxValue,
        };
        var refused = Assert.Throws<InvalidRequestException>(() => new AnalysisService().Prepare(Hague(), request));
        Assert.Equal("sobol", refused.Field);
        Assert.Contains("compromise on 33 actors × 4 issues needs about 155.2 GB of memory", refused.Message);
        Assert.Contains(SizeEstimate.Override, refused.Message);
        // the check off: the request is accepted (nothing is allocated before the rows run)
        new AnalysisService().Prepare(Hague(), request with { Models = request.Models with { SizeCheck = false } });
    }

    [Fact]
    public void The_outcome_memory_is_exactly_what_the_draws_and_sobol_rows_keep()
    {
        var scenario = Hague();
        var options = new Analysis.AnalysisOptions
        {
            MonteCarlo = new Analysis.MonteCarlo.MonteCarloOptions { Draws = 1_000, Threads = 2 },
            SobolSamples = 10_000,
            Tornado = false,
        };
        var estimate = SizeEstimator.ForAnalysis(scenario, Plan(scenario, "compromise"), [], options, availableBytes: long.MaxValue);
        var model = Assert.Single(estimate.Models);
        // a one-dimensional model's Sobol design has, per issue, a column for each of the issue's uncertain inputs (the
        // bundled scenario's 4 issues have 380 between them, capabilities counted on each issue) and 2 more: 388 columns
        long sobolBytes = 388L * 10_000 * sizeof(double);
        long working = CostModel.PerRun(ModelRegistry.BuiltIn.Find("compromise")!, 33, 4)!.WorkingBytes * 2;
        Assert.Equal(sobolBytes + working, model.PeakBytes);
        Assert.Equal("sobol", model.PeakOption);
        // in runs of the whole scenario (a one-dimensional model's 4 issue forecasts count as one): point, draws, rows × 388 / 4
        Assert.Equal(1 + 1_000 + 10_000L * 388 / 4, model.Runs);
    }

    [Fact]
    public void The_bundled_analysis_at_its_defaults_draws_no_warning()
    {
        var scenario = Hague();
        var estimate = new AnalysisService().Estimate(scenario, new AnalysisRequest { Threads = 2 });
        Assert.Equal(ModelRegistry.BuiltIn.Names.Count, estimate.Models.Count);
        Assert.Empty(estimate.Warnings());
        Assert.All(estimate.Models, m => Assert.NotNull(m.PerRun));
    }

    [Fact]
    public void A_model_size_that_takes_hours_is_warned_about_with_its_estimate_before_it_runs()
    {
        // one run of 25 s is not worth a warning; one of 100 s is
        var scenario = SyntheticScenario.Create(1_000, issues: 10);
        Assert.Empty(new ForecastService().Estimate(scenario, new ModelRequest { Models = ["exchange", "compromise"] }).Warnings());
        var twice = SyntheticScenario.Create(2_000, issues: 10);
        var warning = Assert.Single(new ForecastService().Estimate(twice, new ModelRequest { Models = ["exchange", "compromise"] }).Warnings()).Text;
        Assert.Equal("exchange on 2,000 actors × 10 issues: about 100 s per run (an estimate; Ctrl-C stops it)", warning);

        var analysis = new AnalysisService().Estimate(scenario,
            new AnalysisRequest { Models = new ModelRequest { Models = ["exchange"] }, Tornado = false, Threads = 2 });
        var slow = Assert.Single(analysis.Warnings()).Text;
        // 1 + 2,000 runs of ≈ 25 s on 2 cores
        Assert.Equal("exchange on 1,000 actors × 10 issues: about 25 s per run, 2,001 runs planned: about 6.9 h on 2 cores (an estimate; Ctrl-C stops it)", slow);
    }

    [Fact]
    public void Working_memory_follows_each_model_the_eum_streams_and_the_smp_keeps_its_states()
    {
        var scenario = SyntheticScenario.Create(10_000);
        var eum = new ForecastService().Estimate(scenario, new ModelRequest { Models = ["eum"] });
        Assert.InRange(Assert.Single(eum.Models).PeakBytes, 100_000_000, 1_000_000_000); // measured: about 155 MB above the runtime's
        var refused = Assert.Throws<InvalidRequestException>(() =>
            SizeEstimator.ForForecast(scenario, Plan(scenario, "smp"), availableBytes: 24_000_000_000).ThrowIfCannotFit());
        Assert.Equal("model", refused.Field);
        Assert.Contains("smp on 10,000 actors × 1 issue needs about 70.0 GB of memory, more than the 24.0 GB", refused.Message);
        // the same run with the check off is not refused up front
        Assert.Single(new ForecastService().Estimate(scenario, new ModelRequest { Models = ["smp"], SizeCheck = false }).Warnings());
    }

    [Theory]
    [InlineData("united-states.capability=1e300", "--set 'united-states.capability=1e300': capability 1E+300 is above 1e12")]
    [InlineData("united-states.capability=1e-300", "--set 'united-states.capability=1e-300': capability 1E-300 is below 1e-9")]
    [InlineData("united-states.ukraine.salience=1e-300", "--set 'united-states.ukraine.salience=1e-300': salience 1E-300 is below 1e-9")]
    [InlineData("united-states.ukraine.position=1e-320", "--set 'united-states.ukraine.position=1e-320': position 1E-320 is too close to 0")]
    [InlineData("united-states.ukraine.position=1e13", "--set 'united-states.ukraine.position=1e13': position must lie on the scale 0..100")]
    [InlineData("united-states.ukraine.salience=NaN", "--set 'united-states.ukraine.salience=NaN': value 'NaN' is not a finite number")]
    [InlineData("united-states.capability=-Infinity", "--set 'united-states.capability=-Infinity': value '-Infinity' is not a finite number")]
    [InlineData("united-states.ukraine.salience=1.5", "--set 'united-states.ukraine.salience=1.5': salience must lie in 0..1")]
    public void A_set_value_out_of_bounds_is_refused_at_the_option_that_gave_it(string set, string expected)
    {
        var e = Assert.Throws<WhatIfException>(() => new AnalysisService().Prepare(Hague(), new AnalysisRequest { Set = [set] }));
        Assert.StartsWith(expected, e.Message);
        Assert.Equal(ParleyErrorKind.InvalidRequest, e.Kind);
    }

    [Fact]
    public void A_set_value_at_the_bounds_is_accepted()
    {
        var whatIfs = AnalysisService.WhatIfs(Hague(), new AnalysisRequest
        {
            Set = ["united-states.capability=1e12", "united-states.capability=1e-9", "united-states.ukraine.salience=0", "united-states.ukraine.position=0"],
        });
        Assert.Equal(4, whatIfs.Count);
    }

    [Theory]
    [InlineData("smp", 1_000, 3)]   // ≈ 80 s of CPU to the end
    [InlineData("eum", 10_000, 1)]  // ≈ 150 s of CPU to the end (streamed pair rows)
    [InlineData("exchange", 1_000, 10)] // ≈ 20–30 s of CPU to the end (seconds per round)
    public void A_large_run_stops_with_OperationCanceledException_when_its_token_fires_mid_run(string model, int actors, int issues)
    {
        var scenario = SyntheticScenario.Create(actors, issues: issues);
        using var cancel = new CancellationTokenSource();
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));
        // a model that ignored the token would finish (minutes later) and return a result: the assertion would fail
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new ForecastService().Run(scenario, new ModelRequest { Models = [model] }, cancel.Token));
    }

    [Fact]
    public void A_decimal_exchange_run_stops_at_the_next_round_when_its_token_fires_mid_run()
    {
        // the exact reference path checks the token before every round: a run of many rounds stops after the current one
        var scenario = SyntheticScenario.Create(60, issues: 5);
        var model = Parley.Core.Models.ModelRegistry.BuiltIn.Get("exchange");
        var settings = Parley.Core.Models.ModelSettings.Default.With("arithmetic", "decimal").With("rounds", "1000");
        using var cancel = new CancellationTokenSource();
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));
        // ignoring the token, 1,000 rounds of decimal arithmetic would run for many minutes and then return a result
        Assert.ThrowsAny<OperationCanceledException>(() => model.Run(scenario, settings, cancel.Token));
    }

    [Theory]
    [InlineData("double")]
    [InlineData("decimal")]
    public void An_exchange_run_whose_token_has_fired_stops_before_its_first_round_in_either_arithmetic(string arithmetic)
    {
        // the decimal reference path is far too slow for a mid-run cancel at a size that takes seconds; it checks the
        // token before every round, so a token that has fired stops it at the first check, before any exchange
        var scenario = SyntheticScenario.Create(40, issues: 4);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var model = Parley.Core.Models.ModelRegistry.BuiltIn.Get("exchange");
        var settings = Parley.Core.Models.ModelSettings.Default.With("arithmetic", arithmetic);
        Assert.ThrowsAny<OperationCanceledException>(() => model.Run(scenario, settings, cancel.Token));
        Assert.NotNull(model.Run(scenario, settings, CancellationToken.None)); // the same run without the cancel completes
    }
}
