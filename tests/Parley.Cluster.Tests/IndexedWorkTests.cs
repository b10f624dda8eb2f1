using Parley.Analysis;
using Parley.Analysis.Batching;
using Parley.Analysis.Benchmarking;
using Parley.Analysis.MonteCarlo;
using Parley.Analysis.WhatIf;
using Parley.Core.Models;

namespace Parley.Cluster.Tests;

/// <summary>
/// The property the cluster rests on, without Orleans: any cut of an indexed work into ranges, on any thread count,
/// gives the columns of one call over [0, Count), bit for bit.
/// </summary>
public sealed class IndexedWorkTests
{
    private static readonly Core.Domain.Scenario Scenario = SyntheticScenario.Create(6, seed: 5, issues: 2);

    public static TheoryData<string, WorkKind> Works => new()
    {
        { "compromise", WorkKind.MonteCarlo }, { "eum", WorkKind.MonteCarlo }, { "smp", WorkKind.MonteCarlo },
        { "median", WorkKind.Sobol }, { "smp", WorkKind.Sobol }, { "smp", WorkKind.Tornado },
    };

    [Theory]
    [MemberData(nameof(Works))]
    public void Any_cut_into_ranges_gives_the_columns_of_one_call(string name, WorkKind kind)
    {
        var model = ModelCatalog.Find(name)!;
        var options = new AnalysisOptions { MonteCarlo = new MonteCarloOptions { Draws = 37, Seed = 11 }, SobolSamples = 9 };
        var run = ShockPlan.Prepare(Scenario, model, ModelSettings.Default with { Seed = 11 }, []);
        var work = AnalysisWork.For(kind, model, run, options);
        var whole = work.Compute(0, work.Count, options.MonteCarlo with { Threads = 1 }).Columns;
        Assert.Equal(work.Columns, whole.Length);
        Assert.All(whole, c => Assert.Equal(work.Count, c.Length));

        var rng = new System.Random(3);
        for (int trial = 0; trial < 3; trial++)
        {
            var merged = Enumerable.Range(0, work.Columns).Select(_ => new double[work.Count]).ToArray();
            for (int first = 0; first < work.Count;)
            {
                int end = Math.Min(work.Count, first + rng.Next(1, 9));
                var part = work.Compute(first, end, options.MonteCarlo with { Threads = 1 + trial }).Columns;
                for (int c = 0; c < work.Columns; c++) Array.Copy(part[c], 0, merged[c], first, end - first);
                first = end;
            }
            for (int c = 0; c < work.Columns; c++)
                Assert.Equal(whole[c].Select(BitConverter.DoubleToInt64Bits), merged[c].Select(BitConverter.DoubleToInt64Bits));
        }
    }
}
