using System.Globalization;
using Parley.Core.Models.Spatial;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Core.Tests.Models.Spatial;

/// <summary>
/// Parley's SMP against KTAB's own outputs (default options): every position in every state, the number of
/// states, the printed probabilities; round by round (fed KTAB's state t, Parley must produce KTAB's t+1).
/// </summary>
public sealed class SmpKtabEquivalenceTests
{
    public static TheoryData<string> FixtureScenarios => new() { "dummyData_3Dim", "SOE-Pol-Comp", "SOE-Policy" };

    public static TheoryData<string> SharedScenarios => new() { "dummyData_6Dim", "dummyData-a040" };

    private static (SmpProblem P, string Positions, string Probs) FromFixtures(string scen) =>
        (KtabData.ReadCsv(KtabData.Fixture(scen + ".csv")), KtabData.Fixture(scen + ".positions.csv"),
            KtabData.Fixture(scen + ".probs.csv"));

    private static (SmpProblem P, string Positions, string Probs) FromShared(string scen) =>
        (KtabData.ReadCsv(SharedAnchors.RequireFile($"ktab/{scen}.csv")),
            SharedAnchors.RequireFile($"ktab/golden/ktab_{scen}_positions.csv"),
            SharedAnchors.RequireFile($"ktab/golden/ktab_{scen}_probs.csv"));

    [Theory]
    [MemberData(nameof(FixtureScenarios))]
    public void Whole_run_matches_KTAB(string scen) => WholeRun(FromFixtures(scen));

    [Theory]
    [MemberData(nameof(SharedScenarios))]
    public void Whole_run_matches_KTAB_on_shared_goldens(string scen) => WholeRun(FromShared(scen));

    [Theory]
    [MemberData(nameof(FixtureScenarios))]
    public void Each_round_from_KTAB_state_gives_KTAB_next_state(string scen) => RoundByRound(FromFixtures(scen));

    [Theory]
    [MemberData(nameof(SharedScenarios))]
    public void Each_round_from_KTAB_state_gives_KTAB_next_state_on_shared_goldens(string scen) => RoundByRound(FromShared(scen));

    private static void WholeRun((SmpProblem P, string Positions, string Probs) c)
    {
        var (p, posFile, probFile) = c;
        int n = p.ActorCount, m = p.DimensionCount;
        var golden = KtabData.Positions(posFile, n, m);
        var run = new SmpEngine(p, SmpOptions.Default).Run();
        Assert.Equal(golden.Count, run.States.Count);
        for (int t = 0; t < golden.Count; t++)
            for (int x = 0; x < n * m; x++)
            {
                double mine = run.States[t].State.Positions[x] * 100;
                Assert.True(mine == golden[t][x],
                    $"state {t}, actor {x / m}, dim {x % m}: Parley {mine:R}, KTAB {golden[t][x]:R}");
                Assert.Equal(run.States[t].State.Positions[x], run.States[t].State.Ideals[x]);
            }
        var probs = KtabData.Probabilities(probFile);
        for (int i = 0; i < n; i++)
            for (int t = 0; t < golden.Count; t++)
                Assert.Equal(probs[i][t], run.States[t].ActorProbabilities[i].ToString("0.0000", CultureInfo.InvariantCulture));
    }

    private static void RoundByRound((SmpProblem P, string Positions, string Probs) c)
    {
        var (p, posFile, _) = c;
        int n = p.ActorCount, m = p.DimensionCount;
        var golden = KtabData.Positions(posFile, n, m);
        var engine = new SmpEngine(p, SmpOptions.Default);
        int mismatches = 0;
        var report = new List<string>();
        for (int t = 0; t + 1 < golden.Count; t++)
        {
            var pos = golden[t].Select(v => v / 100.0).ToArray();
            var state = new SmpState(pos, (double[])pos.Clone());
            // KTAB's stored positions are exact 0–1 doubles ×100; dividing back can differ by an ulp, so check closely.
            var (next, _) = engine.Step(engine.Analyse(state), t);
            for (int x = 0; x < n * m; x++)
            {
                double d = Math.Abs(next.Positions[x] * 100 - golden[t + 1][x]);
                if (d > 1e-9) { mismatches++; report.Add($"t{t}->{t + 1} actor {x / m} dim {x % m}: {next.Positions[x] * 100:R} vs {golden[t + 1][x]:R}"); }
            }
        }
        Assert.True(mismatches == 0, string.Join("\n", report.Take(20)));
    }
}
