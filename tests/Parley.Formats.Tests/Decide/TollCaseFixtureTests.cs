using System.Globalization;
using Parley.Core.Domain;
using Parley.Core.Models.Exchange;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Formats.Tests.Decide;

/// <summary>
/// The Dutch toll case (decide's sample_data.txt, read from ../shared/anchors; it is GPL and not in this repository)
/// against the reference numbers transcribed into this project's fixtures: the outcomes of all 10 rounds and the
/// executed exchanges of round 1 (all 39) and the first three of every later round.
/// </summary>
public class TollCaseFixtureTests
{
    private static double Num(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static IEnumerable<string[]> Rows(string file) =>
        File.ReadLines(Fixtures.Path("exchange", file)).Where(l => !l.StartsWith('#')).Skip(1).Select(l => l.Split(','));

    [Fact]
    public void Preference_and_voting_outcomes_of_ten_rounds_match_decide()
    {
        var (scenario, result) = DecideReferenceComparisonTests.RunReference(SharedAnchors.RequireFile("exchange/sample_data.txt"));
        int checkedValues = 0;
        foreach (var f in Rows("toll_outcomes_by_round.csv"))
        {
            var issue = scenario.Issue(new IssueId(f[1]));
            var round = ((ExchangeIssueResult)result.For(issue.Id)!).Rounds[int.Parse(f[0], CultureInfo.InvariantCulture) - 1];
            Assert.Equal(Num(f[3]), issue.Scale.ToPercent(round.PreferenceOutcome), 1e-6);
            Assert.Equal(Num(f[4]), issue.Scale.ToPercent(round.VotingOutcome), 1e-6);
            checkedValues += 2;
        }
        Assert.Equal(120, checkedValues);
        var last = (ExchangeIssueResult)result.For(new IssueId("tolheffing-binnenstad"))!;
        Assert.Equal(last.Rounds[^1].VotingOutcome, last.Forecast);
    }

    [Fact]
    public void Executed_exchanges_match_decide_in_order_actors_issues_moves_and_gains()
    {
        var (scenario, result) = DecideReferenceComparisonTests.RunReference(SharedAnchors.RequireFile("exchange/sample_data.txt"));
        var all = DecideReferenceComparisonTests.AllExchanges(scenario, result);
        Assert.Equal(39, all.Count(x => x.Round == 1));
        foreach (var f in Rows("toll_exchanges_round1_and_firsts.csv"))
        {
            int round = int.Parse(f[0], CultureInfo.InvariantCulture), order = int.Parse(f[1], CultureInfo.InvariantCulture);
            var x = all.Single(e => e.Round == round && e.Exchange.Order == order).Exchange;
            Assert.Equal((f[3], f[4], f[7], f[8]), (x.ActorI, x.ISupplies, x.ActorJ, x.JSupplies));
            Assert.Equal(Num(f[2]), x.Gain, 1e-9);
            var si = scenario.Issue(new IssueId(f[4])).Scale;
            var sj = scenario.Issue(new IssueId(f[8])).Scale;
            Assert.Equal(Num(f[5]), si.ToPercent(x.IFrom), 1e-6);
            Assert.Equal(Num(f[6]), si.ToPercent(x.ITo), 1e-6);
            Assert.Equal(Num(f[9]), sj.ToPercent(x.JFrom), 1e-6);
            Assert.Equal(Num(f[10]), sj.ToPercent(x.JTo), 1e-6);
        }
    }
}
