using Parley.Analysis.Inputs;
using Parley.Analysis.MonteCarlo;
using Parley.Analysis.Random;
using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.Baselines;
using Xunit;

namespace Parley.Analysis.Tests;

public class DrawsTests
{
    private static readonly IModel[] Models = [new CompromiseModel(), new WeightedMedianModel(), new MultiIssueCompromise()];

    [Fact]
    public void Same_seed_gives_bit_identical_distributions_with_one_and_two_threads_and_on_repeat()
    {
        var scenario = TestScenarios.Small();
        foreach (var model in Models)
        {
            ModelDistributions RunWith(int threads) => MonteCarloRunner.Run(scenario, model, ModelSettings.Default,
                new MonteCarloOptions { Draws = 3001, Seed = 7, Threads = threads });
            var one = RunWith(1);
            var two = RunWith(2);
            var again = RunWith(2);
            var four = RunWith(4);
            foreach (var other in new[] { two, again, four })
                for (int k = 0; k < one.Issues.Count; k++)
                {
                    var (a, b) = (one.Issues[k], other.Issues[k]);
                    Assert.Equal(BitConverter.DoubleToInt64Bits(a.Mean), BitConverter.DoubleToInt64Bits(b.Mean));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(a.StdDev), BitConverter.DoubleToInt64Bits(b.StdDev));
                    Assert.Equal(a.Median, b.Median);
                    Assert.Equal(a.P10, b.P10);
                    Assert.Equal(a.P90, b.P90);
                    Assert.Equal(a.Histogram.Counts, b.Histogram.Counts);
                    Assert.Equal(a.Anchors.Select(x => x.Probability), b.Anchors.Select(x => x.Probability));
                }
        }
    }

    [Fact]
    public void Raw_outcomes_are_identical_for_any_thread_count()
    {
        var scenario = TestScenarios.Small();
        var space = new InputSpace(scenario);
        var one = MonteCarloRunner.Outcomes(space, scenario.Issues, new CompromiseModel(), ModelSettings.Default,
            new MonteCarloOptions { Draws = 10_000, Seed = 3, Threads = 1 });
        var two = MonteCarloRunner.Outcomes(space, scenario.Issues, new CompromiseModel(), ModelSettings.Default,
            new MonteCarloOptions { Draws = 10_000, Seed = 3, Threads = 2 });
        Assert.Equal(one[0], two[0]);
        Assert.Equal(one[1], two[1]);
    }

    [Fact]
    public void A_different_seed_gives_different_draws()
    {
        var scenario = TestScenarios.Small();
        var a = MonteCarloRunner.Run(scenario, new CompromiseModel(), ModelSettings.Default, new MonteCarloOptions { Draws = 500, Seed = 1 });
        var b = MonteCarloRunner.Run(scenario, new CompromiseModel(), ModelSettings.Default, new MonteCarloOptions { Draws = 500, Seed = 2 });
        Assert.NotEqual(a.Issues[0].Mean, b.Issues[0].Mean);
    }

    [Fact]
    public void Fast_path_and_whole_scenario_path_draw_the_same_inputs()
    {
        // the 1-D path fills arrays from slots; the multi-issue path materialises scenarios: same draws, same outcomes
        var scenario = TestScenarios.Small();
        var options = new MonteCarloOptions { Draws = 400, Seed = 11, Threads = 2 };
        var fast = MonteCarloRunner.Run(scenario, new CompromiseModel(), ModelSettings.Default, options);
        var slow = MonteCarloRunner.Run(scenario, new MultiIssueCompromise(), ModelSettings.Default, options);
        for (int k = 0; k < 2; k++)
        {
            Assert.Equal(fast.Issues[k].Mean, slow.Issues[k].Mean, 12);
            Assert.Equal(fast.Issues[k].P90, slow.Issues[k].P90, 12);
        }
    }

    [Fact]
    public void Without_uncertain_inputs_the_distribution_is_a_point()
    {
        var scenario = TestScenarios.Small(ranges: false);
        foreach (var model in Models)
        {
            var point = model.Run(scenario, ModelSettings.Default);
            var d = MonteCarloRunner.Run(scenario, model, ModelSettings.Default, new MonteCarloOptions { Draws = 200 });
            for (int k = 0; k < 2; k++)
            {
                var x = point.Issues[k].Forecast;
                var dist = d.Issues[k];
                Assert.Equal(x, dist.Mean, 9); // the sum of 200 equal doubles rounds
                Assert.Equal(x, dist.Median);
                Assert.Equal(x, dist.P10);
                Assert.Equal(x, dist.P90);
                Assert.Equal(0, dist.StdDev, 9);
                Assert.Equal(200, dist.Histogram.Counts.Sum());
                Assert.Equal(1, dist.Histogram.Counts.Count(c => c > 0));
                Assert.Equal(1.0, dist.Anchors.Single(a => a.Anchor == scenario.Issue(dist.Issue).NearestAnchor(x)).Probability);
            }
        }
    }

    [Fact]
    public void Uniform_position_range_gives_the_analytic_mean_and_quantiles_of_the_compromise()
    {
        // compromise = Σ w x / Σ w; only actor A's position varies, uniform on [0, 60], weight 1 of 4:
        // outcome = (x_A + 3·40)/4, so mean = (30 + 120)/4 = 37.5, outcome ~ U[30, 45], p10 = 31.5, p90 = 43.5.
        var issue = new Issue(new IssueId("i"), "i", new Scale(0, 100), [new Anchor(30, "low"), new Anchor(45, "high")]);
        var a = new Actor(new ActorId("a"), "A", 1);
        var b = new Actor(new ActorId("b"), "B", 3);
        var scenario = new Scenario(new ScenarioMetadata("u", "u"), [a, b], [issue],
            [new Stance(a.Id, issue.Id, 30, 1, new InputRange(0, 60)), new Stance(b.Id, issue.Id, 40, 1)]);
        var d = MonteCarloRunner.Run(scenario, new CompromiseModel(), ModelSettings.Default, new MonteCarloOptions { Draws = 200_000, Seed = 5 })
            .Issues[0];
        // standard error of the mean: (15/√12)/√200000 ≈ 0.0097
        Assert.Equal(37.5, d.Mean, 0.05);
        Assert.Equal(37.5, d.Median, 0.1);
        Assert.Equal(31.5, d.P10, 0.1);
        Assert.Equal(43.5, d.P90, 0.1);
        Assert.Equal(15 / Math.Sqrt(12), d.StdDev, 0.05);
        // nearest anchor: below 37.5 → "low"; P = 0.5
        Assert.Equal(0.5, d.Anchors[0].Probability, 0.01);
    }

    [Fact]
    public void Triangular_range_draws_have_the_triangular_mean()
    {
        var r = new InputRange(0, 30, 6); // mean (0 + 30 + 6)/3 = 12
        double sum = 0;
        const int n = 200_000;
        var key = DrawKeys.Key(9, 0);
        for (int i = 0; i < n; i++) sum += r.Quantile(DrawKeys.Uniform(DrawKeys.Key(9, (ulong)i), 0));
        Assert.Equal(12, sum / n, 0.1);
        Assert.NotEqual(0UL, key);
    }

    [Fact]
    public void Draws_failing_in_a_model_name_the_model_and_the_draw()
    {
        var scenario = TestScenarios.Small();
        var e = Assert.Throws<AnalysisException>(() =>
            MonteCarloRunner.Run(scenario, new Failing(), ModelSettings.Default, new MonteCarloOptions { Draws = 100, Threads = 2 }));
        Assert.Contains("model 'failing'", e.Message);
        Assert.Contains("draw 0", e.Message);
    }

    /// <summary>The compromise, run as a multi-issue model (so the analysis takes the whole-scenario path).</summary>
    internal sealed class MultiIssueCompromise : IModel
    {
        private readonly CompromiseModel _inner = new();
        public ModelInfo Info { get; } = new("compromise-mi", "test", "test", IsMultiIssue: true);
        public ScenarioResult Run(Scenario scenario, ModelSettings settings) => _inner.Run(scenario, settings) with { Model = Info.Name };
    }

    private sealed class Failing : IssueModel
    {
        public override ModelInfo Info { get; } = new("failing", "test", "test");
        public override IssueResult Run(IssueProblem problem, ModelSettings settings) => throw new InvalidOperationException("boom");
    }
}
