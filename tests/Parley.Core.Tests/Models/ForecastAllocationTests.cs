using Parley.Core.Models;
using Parley.Core.Models.Baselines;
using Parley.Core.Models.ExpectedUtility;
using Parley.Core.Models.Procedural;
using Parley.Core.Tests.Models.ExpectedUtility;
using Xunit;

namespace Parley.Core.Tests.Models;

/// <summary>
/// The Monte Carlo hot loop calls <see cref="IIssueModel.Forecast"/> thousands of times: once a thread's buffers have
/// grown, a forecast allocates nothing. Counted in bytes, not timed. The workspaces come from a process-wide pool,
/// so a test running beside this one could hand this thread a workspace grown for another problem size (or take the
/// one this thread warmed up): the class runs alone, in a collection with parallelisation off.
/// </summary>
[Collection(nameof(AllocationCounting))]
public class ForecastAllocationTests
{
    public static TheoryData<string> Models => new() { "compromise", "median", "nash", "consensus", "eum" };

    [Theory]
    [MemberData(nameof(Models))]
    public void A_forecast_allocates_nothing_once_the_buffers_have_grown(string name)
    {
        var model = (IIssueModel)ModelCatalog.Find(name)!;
        var rnd = new Random(3);
        var problems = Enumerable.Range(0, 8).Select(_ =>
        {
            int n = 33;
            var names = Enumerable.Range(0, n).Select(i => $"a{i}").ToArray();
            var x = Enumerable.Range(0, n).Select(_ => rnd.NextDouble() * 100).ToArray();
            var s = Enumerable.Range(0, n).Select(_ => 0.1 + 0.9 * rnd.NextDouble()).ToArray();
            var c = Enumerable.Range(0, n).Select(_ => 0.5 + 10 * rnd.NextDouble()).ToArray();
            return EcEmissions.Build(names, x, s, c, 0, 100);
        }).ToArray();
        var settings = ModelSettings.Default;
        double sink = 0;
        foreach (var p in problems) sink += model.Forecast(p, settings); // warm-up: buffers grow, settings parsed
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int rep = 0; rep < 5; rep++)
            foreach (var p in problems)
                sink += model.Forecast(p, settings);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(double.IsFinite(sink));
        Assert.Equal(0, allocated);
    }
}

/// <summary>Tests that count a thread's allocations run with nothing else running beside them.</summary>
[CollectionDefinition(nameof(AllocationCounting), DisableParallelization = true)]
public sealed class AllocationCounting;
