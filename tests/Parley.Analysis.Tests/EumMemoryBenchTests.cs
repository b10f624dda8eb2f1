using Parley.Analysis.Benchmarking;
using Parley.Core.Models;
using Xunit;

namespace Parley.Analysis.Tests;

public class EumMemoryBenchTests
{
    [Fact]
    public void The_scenario_puts_every_actor_at_its_own_position()
    {
        var s = EumMemoryBench.Create(2_000);
        Assert.Equal(2_000, s.Actors.Count);
        Assert.Equal(2_000, s.Stances.Select(x => x.Position).Distinct().Count());
        Assert.Equal(s.Stances.Select(x => x.Position), EumMemoryBench.Create(2_000).Stances.Select(x => x.Position)); // seeded
    }

    [Fact]
    public void A_run_at_distinct_positions_is_measured_far_below_the_target()
    {
        // 3,000 actors at distinct positions: the pair tables would take 8·(6·3000² + 2·3001·3000) bytes ≈ 576 MB
        var f = EumMemoryBench.Measure(ModelCatalog.Find("eum")!, actors: 3_000);
        Assert.True(f.Met);
        Assert.InRange(f.PeakBytes, 3_000 * 8, 200L << 20);
        Assert.Equal(f.PeakBytes / (double)(1L << 30), f.Ratio, 12);
    }
}
