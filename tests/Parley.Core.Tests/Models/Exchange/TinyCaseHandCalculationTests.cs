using Parley.Core.Domain;
using Parley.Core.Models.Exchange;
using Parley.Core.Models;
using Xunit;

namespace Parley.Core.Tests.Models.Exchange;

/// <summary>The 2×2 case of anchors/exchange/SPEC.md §6.2, computed by hand, then decide's ten rounds.</summary>
public class TinyCaseHandCalculationTests
{
    private static ExchangeIssueResult Issue(ScenarioResult r, string id) => (ExchangeIssueResult)r.For(new IssueId(id))!;

    [Fact]
    public void Round_one_by_hand()
    {
        var r = new EqualGainExchangeModel().Run(ExchangeTestScenarios.Tiny(), ModelSettings.Default);
        var one = Issue(r, "Issue-1").Rounds[0];
        var two = Issue(r, "Issue-2").Rounds[0];

        // Outcomes on preferences: O1 = (1·0.1·0 + 1·0.6·100) / 0.7 = 60/0.7; O2 = 50/1.4.
        Assert.Equal(60 / 0.7, one.PreferenceOutcome, 9);
        Assert.Equal(50 / 1.4, two.PreferenceOutcome, 9);

        // Actor-1 cares relatively more about Issue-2 (0.9/0.1 > 0.5/0.6): it demands Issue-2 and supplies Issue-1.
        // Actor-1 moves all the way (0 → 100) on Issue-1: ΔO1 = 100·0.1/0.7 = 14.285714.
        // Equal gain: ΔO2 = ΔO1·(0.1 + 0.6)/(0.9 + 0.5) = 7.142857, i.e. Actor-2 moves 7.142857·1.4/0.5 = 20 (100 → 80).
        // Gains: Actor-1 0.9·7.142857 − 0.1·14.285714 = 6.428571 − 1.428571 = 5; Actor-2 0.6·14.285714 − 0.5·7.142857 = 5.
        var x = Assert.Single(one.Exchanges);
        Assert.Equal(x, Assert.Single(two.Exchanges));
        Assert.Equal(("Actor-2", "Issue-2", "Actor-1", "Issue-1"), (x.ActorI, x.ISupplies, x.ActorJ, x.JSupplies));
        Assert.Equal((100.0, 80.0), (x.IFrom, x.ITo));
        Assert.Equal((0.0, 100.0), (x.JFrom, x.JTo));
        Assert.Equal(5.0, x.Gain, 12);

        // Outcomes on votes: Issue-1 everyone at 100; Issue-2 (0.5·80)/1.4 = 28.571429.
        Assert.Equal(100.0, one.VotingOutcome, 12);
        Assert.Equal(40 / 1.4, two.VotingOutcome, 9);

        // New preferences: x + (y − x)(0.4(1 − s) + 0.1): Actor-1 on Issue-1 0 + 100·0.46 = 46; Actor-2 on Issue-2 100 − 20·0.3 = 94.
        var after = Issue(r, "Issue-1").Trajectory[1].Positions;
        Assert.Equal(46.0, after["Actor-1"], 9);
        Assert.Equal(94.0, Issue(r, "Issue-2").Trajectory[1].Positions["Actor-2"], 9);
        // Round 2 starts from them: O1 = (0.1·46 + 60)/0.7 = 92.285714.
        Assert.Equal(64.6 / 0.7, Issue(r, "Issue-1").Rounds[1].PreferenceOutcome, 9);
    }

    // decide's deterministic run (anchors/exchange/tiny_2x2_unit_*.csv): round, gain, Actor-2 on Issue-2 from → to,
    // Actor-1 on Issue-1 from, preference outcomes before, voting outcome on Issue-2 after.
    private static readonly double[][] Reference =
    [
        [1, 5.0, 100.0, 80.0, 0.0, 85.71428571428571, 35.714285714285715, 28.571428571428573],
        [2, 2.6999999999999997, 94.0, 83.2, 46.0, 92.28571428571429, 33.57142857142857, 29.714285714285715],
        [3, 1.458, 90.76, 84.928, 70.84, 95.83428571428571, 32.41428571428571, 30.33142857142857],
        [4, 0.7873199999999999, 89.0104, 85.86112, 84.2536, 97.75051428571429, 31.789428571428573, 30.664685714285714],
        [5, 0.42515279999999994, 88.065616, 86.3650048, 91.496944, 98.78527771428571, 31.452005714285715, 30.84464457142857],
        [6, 0.22958251199999993, 87.55543264, 86.637102592, 95.40834976000001, 99.34404996571429, 31.26979737142857, 30.941822354285716],
        [7, 0.12397455647999997, 87.2799336256, 86.78403539968, 97.52050887040001, 99.64578698148571, 31.171404866285716, 30.994298357028573],
        [8, 0.06694626049919998, 87.131164157824, 86.8633791158272, 98.661074790016, 99.80872497000229, 31.118272913508573, 31.022635398509713],
        [9, 0.036150980669567984, 87.05082864522495, 86.90622472254668, 99.27698038660864, 99.89671148380124, 31.089581659008914, 31.03793740090953],
        [10, 0.019521529561566713, 87.00744746842147, 86.92936135017521, 99.60956940876866, 99.94422420125267, 31.0740883815791, 31.046200482205432],
    ];

    [Fact]
    public void Ten_rounds_match_decide()
    {
        var r = new EqualGainExchangeModel().Run(ExchangeTestScenarios.Tiny(), ModelSettings.Default);
        var one = Issue(r, "Issue-1");
        var two = Issue(r, "Issue-2");
        Assert.Equal(10, one.Rounds.Count);
        foreach (var row in Reference)
        {
            int k = (int)row[0] - 1;
            var x = Assert.Single(two.Rounds[k].Exchanges);
            Assert.Equal(row[1], x.Gain, 1e-9);
            Assert.Equal(row[2], x.IFrom, 1e-9);
            Assert.Equal(row[3], x.ITo, 1e-9);
            Assert.Equal(row[4], x.JFrom, 1e-9);
            Assert.Equal(100.0, x.JTo, 1e-9);
            Assert.Equal(row[5], one.Rounds[k].PreferenceOutcome, 1e-6);
            Assert.Equal(row[6], two.Rounds[k].PreferenceOutcome, 1e-6);
            Assert.Equal(100.0, one.Rounds[k].VotingOutcome, 1e-6);
            Assert.Equal(row[7], two.Rounds[k].VotingOutcome, 1e-6);
        }
        // Final preferences (after round 10): 99.969881 / 31.065722; the forecast is the last voting outcome.
        Assert.Equal(99.96988106867644, CompromiseOf(one.Trajectory[^1].Positions, [0.1, 0.6]), 1e-6);
        Assert.Equal(31.046200482205432, two.Forecast, 1e-6);
    }

    private static double CompromiseOf(IReadOnlyDictionary<string, double> positions, double[] saliences) =>
        (positions["Actor-1"] * saliences[0] + positions["Actor-2"] * saliences[1]) / saliences.Sum();
}
