using Parley.Analysis.Batching;
using Parley.Analysis.MonteCarlo;
using Parley.Core.Models;
using Parley.Core.Models.Baselines;
using Xunit;

namespace Parley.Analysis.Tests;

/// <summary>
/// What an analysis costs and says about it: the tornado run in parallel and on the SMP single-threaded inside the draws
/// without changing a value, --tornado-top and --no-tornado, and progress that adds up to the runs announced.
/// </summary>
public class AnalysisCostTests
{
    private static readonly IModel Smp = ModelCatalog.Find("smp")!;

    private static AnalysisResult Analyse(int threads, IReadOnlyList<IModel> models, int tornadoTop = 0, bool tornado = true,
        Action<long>? progress = null, int sobol = 0) =>
        ScenarioAnalysis.Run(TestScenarios.Small(), models, new AnalysisOptions
        {
            MonteCarlo = new MonteCarloOptions { Draws = 24, Seed = 11, Threads = threads, Progress = progress },
            Tornado = tornado,
            TornadoTop = tornadoTop,
            SobolSamples = sobol,
        });

    [Fact]
    public void Draws_and_tornado_of_multi_issue_models_are_bit_identical_for_any_thread_count()
    {
        IModel[] models = [Smp, new DrawsTests.MultiIssueCompromise()];
        var one = Analyse(1, models);
        foreach (var threads in new[] { 2, 3 })
        {
            var other = Analyse(threads, models);
            foreach (var (a, b) in one.Models.Zip(other.Models))
            {
                Assert.Null(a.Error);
                Assert.Equal(a.Distribution!.Issues.Select(d => (d.Mean, d.P10, d.P90, d.StdDev)),
                    b.Distribution!.Issues.Select(d => (d.Mean, d.P10, d.P90, d.StdDev)));
                Assert.Equal(a.Tornado.SelectMany(t => t.Bars.Select(x => (x.Input.Slot, x.AtLow, x.AtHigh))),
                    b.Tornado.SelectMany(t => t.Bars.Select(x => (x.Input.Slot, x.AtLow, x.AtHigh))));
                Assert.NotEmpty(a.Tornado.SelectMany(t => t.Bars));
            }
        }
    }

    [Fact]
    public void A_model_with_its_own_threads_runs_single_threaded_inside_parallel_draws_only()
    {
        var settings = ModelSettings.Default;
        Assert.Equal("1", BatchSettings.For(Smp, settings, new MonteCarloOptions { Threads = 2 }).Values["threads"]);
        Assert.False(BatchSettings.For(Smp, settings, new MonteCarloOptions { Threads = 1 }).Values.ContainsKey("threads"));
        Assert.Same(settings, BatchSettings.For(new CompromiseModel(), settings, new MonteCarloOptions { Threads = 2 }));
    }

    [Fact]
    public void Tornado_top_keeps_the_largest_bars_and_no_tornado_leaves_it_out()
    {
        IModel[] models = [new CompromiseModel(), Smp];
        var all = Analyse(2, models);
        var top = Analyse(2, models, tornadoTop: 2);
        foreach (var (a, t) in all.Models.Zip(top.Models))
        {
            Assert.Contains(a.Tornado, x => x.Bars.Count > 2); // else the test proves nothing
            foreach (var (full, cut) in a.Tornado.Zip(t.Tornado))
            {
                Assert.Equal(full.Bars.Take(2).Select(b => (b.Input.Slot, b.Swing)), cut.Bars.Select(b => (b.Input.Slot, b.Swing)));
                Assert.Equal(full.Centre, cut.Centre);
            }
        }
        var none = Analyse(2, models, tornado: false);
        Assert.All(none.Models, m => Assert.Empty(m.Tornado));
        Assert.All(none.Models, m => Assert.NotNull(m.Distribution));
    }

    [Theory]
    [InlineData(1, true, 0)]
    [InlineData(2, true, 4)]
    [InlineData(2, false, 0)]
    public void Progress_adds_up_to_the_planned_runs(int threads, bool tornado, int sobol)
    {
        IModel[] models = [new CompromiseModel(), Smp, new DrawsTests.MultiIssueCompromise()];
        long done = 0;
        var result = Analyse(threads, models, tornado: tornado, progress: n => Interlocked.Add(ref done, n), sobol: sobol);
        Assert.All(result.Models, m => Assert.Null(m.Error));
        long planned = ScenarioAnalysis.PlannedRuns(TestScenarios.Small(), models, new AnalysisOptions
        {
            MonteCarlo = new MonteCarloOptions { Draws = 24 }, Tornado = tornado, SobolSamples = sobol,
        });
        Assert.Equal(planned, done);
        // a one-dimensional model's forecasts of the two issues count as one run: 1 point + 24 draws (+ tornado, Sobol)
        var space = new Inputs.InputSpace(TestScenarios.Small());
        long multi = 1 + 24 + (tornado ? 2L * space.Inputs.Count + 2 : 0) + (long)sobol * (space.Inputs.Count + 2);
        Assert.True(planned >= 2 * multi + 25, $"{planned} runs planned");
        if (!tornado && sobol == 0) Assert.Equal(3 * 25, planned);
    }
}
