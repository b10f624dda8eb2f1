using Parley.Cluster.Hosting;
using Parley.Cluster.Scheduling;

namespace Parley.Cluster.Tests;

public sealed class BatchPlannerTests
{
    private static List<(int First, int End)> Cut(BatchPlanner planner, int workers, int threads, double secondsPerIndex)
    {
        var batches = new List<(int, int)>();
        while (planner.Next(workers, threads) is { } b)
        {
            batches.Add(b);
            planner.Observe(b.End - b.First, (b.End - b.First) * secondsPerIndex);
        }
        return batches;
    }

    [Fact]
    public void Batches_cover_every_index_once_in_order()
    {
        foreach (var options in new[] { new ClusterRunOptions(), new ClusterRunOptions { BatchSize = 7 } })
        {
            var batches = Cut(new BatchPlanner(1000, 2, options), workers: 3, threads: 2, secondsPerIndex: 0.01);
            Assert.Equal(0, batches[0].First);
            Assert.Equal(1000, batches[^1].End);
            Assert.All(batches.Zip(batches.Skip(1)), p => Assert.Equal(p.First.End, p.Second.First));
        }
    }

    [Fact]
    public void Once_the_cost_is_known_a_batch_holds_at_least_a_second_of_work()
    {
        // 10 ms an index: after the probe, batches of ≥ 100 indices until the last
        var batches = Cut(new BatchPlanner(5000, 2, new ClusterRunOptions()), workers: 2, threads: 2, secondsPerIndex: 0.01);
        Assert.True(batches[0].End - batches[0].First <= 16, "the first batch is a small probe");
        Assert.All(batches.Skip(1).SkipLast(1), b => Assert.InRange(b.End - b.First, 100, 1000));
    }

    [Fact]
    public void Expensive_indices_still_give_every_core_of_a_worker_one()
    {
        // 45 s an index (a large SMP run): batches of one index per core
        var batches = Cut(new BatchPlanner(40, 3, new ClusterRunOptions()), workers: 4, threads: 2, secondsPerIndex: 45);
        Assert.All(batches.Skip(1).SkipLast(1), b => Assert.Equal(2, b.End - b.First));
    }

    [Fact]
    public void A_batch_result_stays_under_the_message_size_cap()
    {
        // cheap draws (1 µs) would make 10 s batches of 10⁷ draws: capped at 1 MB of results, 65,536 draws of 2 issues
        var options = new ClusterRunOptions { MaxBatchBytes = 1 << 20 };
        var batches = Cut(new BatchPlanner(1_000_000, 2, options), workers: 1, threads: 2, secondsPerIndex: 1e-6);
        Assert.All(batches, b => Assert.True(b.End - b.First <= 65_536));
        Assert.Contains(batches, b => b.End - b.First == 65_536);
        Assert.All(Cut(new BatchPlanner(1000, 2, options with { BatchSize = 100_000 }), 1, 2, 1e-6), b => Assert.True(b.End - b.First <= 65_536));
    }

    [Theory]
    [InlineData("localhost", typeof(ClusterConnection.Localhost))]
    [InlineData("localhost:21111:21112", typeof(ClusterConnection.Localhost))]
    [InlineData("Host=127.0.0.1;Port=55432;Username=postgres;Database=orleans", typeof(ClusterConnection.Postgres))]
    [InlineData("redis://127.0.0.1:56379", typeof(ClusterConnection.Redis))]
    public void Cluster_values_name_their_clustering(string value, Type kind) =>
        Assert.IsType(kind, ClusterConnection.Parse(value));

    [Fact]
    public void Localhost_defaults_to_the_primary_silo_on_11111_and_its_gateway_on_30000()
    {
        var local = Assert.IsType<ClusterConnection.Localhost>(ClusterConnection.Parse("localhost"));
        Assert.Equal((11111, 30000), (local.PrimarySiloPort, local.PrimaryGatewayPort));
    }
}
