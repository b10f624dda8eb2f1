using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.ExpectedUtility;
using Xunit;

namespace Parley.Core.Tests.Models.ExpectedUtility;

/// <summary>
/// What a long-lived server needs of the model: runs on many threads at once share nothing, the options cache is
/// keyed by the settings' values, and a run can be cancelled (in the round loop and inside a round) without leaving
/// a workspace that changes the next run.
/// </summary>
public class WorkspaceTests
{
    private static readonly ExpectedUtilityModel Model = new();

    private static IssueProblem[] Problems(int count, int seed)
    {
        var rnd = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            int n = rnd.Next(3, 60);
            var names = Enumerable.Range(0, n).Select(i => $"a{i}").ToArray();
            var x = Enumerable.Range(0, n).Select(_ => Math.Round(rnd.NextDouble() * 100, rnd.Next(2) == 0 ? 0 : 3)).ToArray();
            var s = Enumerable.Range(0, n).Select(_ => 0.1 + 0.9 * rnd.NextDouble()).ToArray();
            var c = Enumerable.Range(0, n).Select(_ => 0.5 + 10 * rnd.NextDouble()).ToArray();
            return EcEmissions.Build(names, x, s, c, 0, 100);
        }).ToArray();
    }

    [Fact]
    public void Forecasts_on_many_threads_at_once_equal_the_forecasts_made_one_by_one()
    {
        var problems = Problems(48, 5);
        var settings = new[] { ModelSettings.Default, ModelSettings.Default.With("variant", "paper").With("q", "0.8") };
        var expected = problems.Select(p => settings.Select(s => Model.Forecast(p, s)).ToArray()).ToArray();
        var actual = new double[problems.Length][];
        Parallel.For(0, problems.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, k =>
        {
            int i = k % problems.Length;
            // each thread alternates the settings, so workspaces change hands and options between calls
            var row = settings.Select(s => Model.Forecast(problems[i], s)).ToArray();
            lock (actual) actual[i] ??= row;
            Assert.Equal(expected[i], row);
        });
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Settings_equal_by_value_share_the_parsed_options_and_different_values_do_not()
    {
        var p = EcEmissions.Problem();
        // two objects with the same values, one with another: each forecast equals the full run with its own settings
        var a = ModelSettings.Default.With("variant", "paper");
        var b = ModelSettings.Default.With("variant", "paper");
        var c = ModelSettings.Default.With("variant", "paper").With("outcome", "mean");
        foreach (var s in new[] { a, c, b, a, c })
            Assert.Equal(Model.Run(p, s).Forecast, Model.Forecast(p, s));
        Assert.NotEqual(Model.Forecast(p, a), Model.Forecast(p, c));
    }

    [Fact]
    public void A_cancelled_token_stops_the_run_and_the_next_run_is_unchanged()
    {
        var scenario = new Scenario(new ScenarioMetadata("ec", "EC"), EcEmissions.Problem().Actors,
            [EcEmissions.Problem().Issue],
            EcEmissions.Names.Select((n, i) => new Stance(new ActorId(n), new IssueId("delay"), EcEmissions.Position[i], EcEmissions.Salience[i])).ToArray());
        var before = Model.Run(scenario, ModelSettings.Default, TestContext.Current.CancellationToken);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Model.Run(scenario, ModelSettings.Default, cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Model.Run(EcEmissions.Problem(), EumOptions.Default, cancellationToken: cts.Token));
        var after = Model.Run(scenario, ModelSettings.Default, TestContext.Current.CancellationToken);
        var x = Assert.IsType<EumResult>(before.Issues[0]);
        var y = Assert.IsType<EumResult>(after.Issues[0]);
        Assert.Equal(x.Rounds.Select(r => r.Positions.Values.ToArray()), y.Rounds.Select(r => r.Positions.Values.ToArray()));
    }

    [Theory]
    [InlineData(EumKernel.DefaultTableBudgetBytes)]
    [InlineData(0L)]
    public void The_kernel_checks_the_token_inside_a_round(long tableBudget)
    {
        var w = EcEmissions.Capability.Zip(EcEmissions.Salience, (c, s) => c * s).ToArray();
        using var cts = new CancellationTokenSource();
        var kernel = new EumKernel { TableBudgetBytes = tableBudget };
        kernel.Load(EcEmissions.Position, EcEmissions.Salience, w, 6.0, EumOptions.Default, cts.Token);
        kernel.Prepare();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(kernel.ChooseMoves);
        Assert.ThrowsAny<OperationCanceledException>(kernel.Prepare);
    }
}
