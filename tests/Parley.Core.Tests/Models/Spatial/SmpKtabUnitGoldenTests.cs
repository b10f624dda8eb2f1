using Parley.Core.Models.Spatial;
using Xunit;

namespace Parley.Core.Tests.Models.Spatial;

/// <summary>
/// dummyData_3Dim against KTAB's intermediate tables (SPEC "equivalence tests" item 2): all 343 initial U^h_ij,
/// every round's own-view challenge values, every bargain with its coordinates, queue probabilities and selection.
/// </summary>
public sealed class SmpKtabUnitGoldenTests
{
    private const double Tol = 1e-12;
    private static readonly SmpProblem Problem = KtabData.ReadCsv(KtabData.Fixture("dummyData_3Dim.csv"));

    private static SmpRun Run() => new SmpEngine(Problem, SmpOptions.Default with { RecordChallenges = true }).Run();

    [Fact]
    public void Initial_utilities_match_KTAB_PosUtil()
    {
        var engine = new SmpEngine(Problem, SmpOptions.Default);
        var a = engine.Analyse(SmpState.Initial(Problem));
        var rows = KtabData.Rows(KtabData.Fixture("dummyData_3Dim.t0-utilities.csv"));
        Assert.Equal(343, rows.Count);
        foreach (var r in rows)
        {
            int h = int.Parse(r[0]), i = int.Parse(r[1]), j = int.Parse(r[2]);
            double expected = KtabData.Parse(r[3]);
            Assert.True(Math.Abs(engine.PerspectiveUtility(a, h, i, j) - expected) <= Tol, $"U^{h}_{i}{j}");
        }
    }

    [Fact]
    public void Own_view_challenges_match_KTAB_every_round()
    {
        var run = Run();
        var rows = KtabData.Rows(KtabData.Fixture("dummyData_3Dim.challenges.csv"));
        int n = Problem.ActorCount;
        Assert.Equal(run.Rounds.Count * n * (n - 1), rows.Count);
        foreach (var r in rows)
        {
            int t = int.Parse(r[0]), i = int.Parse(r[1]), j = int.Parse(r[2]);
            var v = run.Rounds[t].Challenges![i * n + j];
            double[] expected = r.Skip(3).Select(KtabData.Parse).ToArray();
            double[] mine = [v.Probability, v.EuStatusQuo, v.EuVictory, v.EuContest, v.EuChallenge, v.Gain];
            for (int c = 0; c < 6; c++)
                Assert.True(Math.Abs(mine[c] - expected[c]) <= Tol, $"turn {t} {i}->{j} column {c}: {mine[c]:R} vs {expected[c]:R}");
        }
    }

    [Fact]
    public void Bargains_match_KTAB_every_round()
    {
        var run = Run();
        var rows = KtabData.Rows(KtabData.Fixture("dummyData_3Dim.bargains.csv"));
        int checkedBargains = 0, checkedSq = 0;
        foreach (var r in rows)
        {
            int t = int.Parse(r[0]), i = int.Parse(r[1]), j = int.Parse(r[2]);
            var round = run.Rounds[t];
            if (i == j)
            {
                Assert.True(Math.Abs(round.StatusQuoProbability[i] - KtabData.Parse(r[4])) <= Tol, $"turn {t} SQ of {i}");
                Assert.Equal(r[5] == "1", round.StatusQuoChosen[i]);
                checkedSq++;
                continue;
            }
            var b = Assert.Single(round.Bargains, x => x.Initiator == i && x.Receiver == j);
            Assert.Equal(i, b.Initiator);
            Assert.True(Math.Abs(b.Gain - KtabData.Parse(r[3])) <= Tol, $"turn {t} gain {i}->{j}");
            Assert.True(Math.Abs(b.InitiatorQueueProbability - KtabData.Parse(r[4])) <= Tol, $"turn {t} {i}->{j} init prob");
            Assert.Equal(r[5] == "1", b.ChosenByInitiator);
            Assert.True(Math.Abs(b.ReceiverQueueProbability - KtabData.Parse(r[6])) <= Tol, $"turn {t} {i}->{j} rcvr prob");
            Assert.Equal(r[7] == "1", b.ChosenByReceiver);
            int k = int.Parse(r[8]);
            Assert.True(Math.Abs(b.InitiatorPosition[k] * 100 - KtabData.Parse(r[9])) <= 1e-9, $"turn {t} {i}->{j} dim {k} init coord");
            Assert.True(Math.Abs(b.ReceiverPosition[k] * 100 - KtabData.Parse(r[10])) <= 1e-9, $"turn {t} {i}->{j} dim {k} rcvr coord");
            checkedBargains++;
        }
        Assert.Equal(run.Rounds.Sum(x => x.Bargains.Count) * Problem.DimensionCount, checkedBargains);
        Assert.Equal(run.Rounds.Count * Problem.ActorCount, checkedSq);
    }
}
