using Parley.Analysis.Benchmarking;
using Parley.Core.Models;
using Parley.Core.Models.Spatial;
using Xunit;

namespace Parley.Analysis.Tests;

/// <summary>The SMP benchmark's problem generator (issue 4's "random 1,000 × 3") and the SMP table's cases.</summary>
public class SmpBenchTests
{
    private static void AssertSame(SmpProblem a, SmpProblem b)
    {
        Assert.Equal(a.ActorIds, b.ActorIds);
        Assert.Equal(a.DimensionNames, b.DimensionNames);
        Assert.Equal(a.Capabilities, b.Capabilities);
        Assert.Equal(a.Positions, b.Positions);
        Assert.Equal(a.Saliences, b.Saliences);
    }

    [Fact]
    public void Same_seed_gives_the_same_problem_and_another_seed_a_different_one()
    {
        AssertSame(SmpBenchScenario.Create(50, 3), SmpBenchScenario.Create(50, 3, SmpBenchScenario.DefaultSeed));
        AssertSame(SmpBenchScenario.Create(20, 1, 7), SmpBenchScenario.Create(20, 1, 7));
        var other = SmpBenchScenario.Create(50, 3, 43);
        var first = SmpBenchScenario.Create(50, 3);
        Assert.NotEqual(first.Capabilities, other.Capabilities);
        Assert.NotEqual(first.Positions, other.Positions);
        Assert.NotEqual(first.Saliences, other.Saliences);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(40, 1)]
    [InlineData(300, 3)]
    [InlineData(25, 6)]
    public void Sizes_and_ranges_are_as_documented(int n, int m)
    {
        var p = SmpBenchScenario.Create(n, m);
        Assert.Equal(n, p.ActorCount);
        Assert.Equal(m, p.DimensionCount);
        Assert.Equal(n, p.Capabilities.Length);
        Assert.Equal(n * m, p.Positions.Length);
        Assert.Equal(n * m, p.Saliences.Length);
        Assert.Null(p.Accommodation);
        Assert.Equal(n, p.ActorIds.Distinct().Count());
        Assert.All(p.Capabilities, c => Assert.InRange(c, 10, 200));
        Assert.All(p.Positions, x =>
        {
            Assert.InRange(x, 0, 1);
            Assert.Equal(Math.Round(x, 4), x);
        });
        Assert.All(p.Saliences, s => Assert.True(s > 0 && s < 1, $"salience {s}"));
        for (int i = 0; i < n; i++)
            Assert.InRange(p.SalienceSum[i], 0.75 - 1e-12, 0.99 + 1e-12);
        if (m == 1) Assert.Equal(p.Saliences, p.SalienceSum);
    }

    [Fact]
    public void The_draws_spread_over_their_ranges_and_the_salience_split_varies()
    {
        var p = SmpBenchScenario.Create(1000, 3);
        Assert.InRange(p.Capabilities.Min(), 10, 20);
        Assert.InRange(p.Capabilities.Max(), 190, 200);
        Assert.InRange(p.Capabilities.Average(), 95, 115);
        Assert.InRange(p.SalienceSum.Min(), 0.75, 0.76);
        Assert.InRange(p.SalienceSum.Max(), 0.98, 0.99);
        Assert.InRange(p.Positions.Average(), 0.47, 0.53);
        // a random split, not an equal one: some actors care about one dimension far more than another
        var shares = Enumerable.Range(0, 1000).Select(i => p.Saliences[i * 3] / p.SalienceSum[i]).ToArray();
        Assert.InRange(shares.Min(), 0, 0.05);
        Assert.InRange(shares.Max(), 0.9, 1);
        Assert.InRange(shares.Average(), 0.3, 0.37);
    }

    [Fact]
    public void Missing_ktab_files_get_generated_stand_ins_and_a_note_and_the_large_case_is_opt_in()
    {
        var notes = new List<string>();
        var cases = SmpBench.TargetCases(_ => null, includeLarge: false, notes);
        Assert.Equal(["dummyData-a040", "dummyData-a080", "dummyData-a160"], cases.Select(c => c.Target!.Name));
        Assert.Equal([40, 80, 160], cases.Select(c => c.Problem.ActorCount));
        Assert.All(cases, c => Assert.Equal(1, c.Problem.DimensionCount));
        Assert.All(cases, c => Assert.NotNull(c.StandIn));
        Assert.Equal("a040 (random)", cases[0].Name);
        Assert.Contains(notes, n => n.Contains("stand in", StringComparison.Ordinal));

        var given = SmpBenchScenario.Create(3, 1, 9);
        notes.Clear();
        var withLarge = SmpBench.TargetCases(f => f == "dummyData-a040.csv" ? given : null, includeLarge: true, notes);
        Assert.Equal(4, withLarge.Count);
        Assert.Same(given, withLarge[0].Problem);
        Assert.Equal("dummyData-a040", withLarge[0].Name);
        Assert.Null(withLarge[0].StandIn);
        Assert.Equal("random 1000 × 3", withLarge[3].Name);
        Assert.Equal((1000, 3), (withLarge[3].Problem.ActorCount, withLarge[3].Problem.DimensionCount));
        Assert.Equal(TimeSpan.FromSeconds(60), withLarge[3].Target!.Target);
    }

    [Fact]
    public void A_small_case_is_timed_with_its_states_and_judged_against_its_target()
    {
        var target = new SmpSpeedTarget("tiny", 12, 2, TimeSpan.FromSeconds(30), "—", null);
        var c = new SmpBenchCase("tiny", SmpBenchScenario.Create(12, 2), target);
        var f = Assert.Single(SmpBench.Run([c], TimeSpan.FromMilliseconds(20), maxRuns: 3));
        Assert.Null(f.Error);
        Assert.Equal(new SmpEngine(c.Problem, SmpOptions.Default).Run().States.Count, f.States);
        Assert.True(f.States >= 2);
        Assert.InRange(f.Runs, 1, 3);
        Assert.True(f.Wall > TimeSpan.Zero);
        Assert.True(f.Met(TimeSpan.Zero));
        Assert.False(f.Met(TimeSpan.FromSeconds(30)));
        Assert.Null((f with { Case = c with { Target = null } }).Met(TimeSpan.Zero));
    }

    [Fact]
    public void Smp_throughput_is_not_measured_above_its_cap()
    {
        var smp = ModelCatalog.Find("smp")!;
        var report = BenchSuite.Run([smp], [BenchSuite.SmpThroughputMaxActors + 1], TimeSpan.FromMilliseconds(1), null);
        Assert.Empty(report.Figures);
        Assert.Empty(report.SmpFigures);
        Assert.Contains(report.Notes, n => n.Contains("smp: no Monte Carlo throughput", StringComparison.Ordinal));
    }
}
