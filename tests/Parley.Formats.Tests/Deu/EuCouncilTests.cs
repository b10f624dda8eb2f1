using Parley.Core.Domain;
using Parley.Formats.Deu;
using Xunit;

namespace Parley.Formats.Tests.Deu;

/// <summary>The Council's voting weights and thresholds per treaty regime (figures from the treaties; see docs/accuracy.md).</summary>
public sealed class EuCouncilTests
{
    [Theory]
    [InlineData(2000, 1, 1, "pre-Nice (EU-15)", 15, 87, 62)]
    [InlineData(2004, 4, 30, "pre-Nice (EU-15)", 15, 87, 62)]
    [InlineData(2004, 5, 1, "accession interim (EU-25)", 25, 124, 88)]
    [InlineData(2004, 11, 1, "Nice (EU-25)", 25, 321, 232)]
    [InlineData(2007, 1, 1, "Nice (EU-27)", 27, 345, 255)]
    [InlineData(2013, 7, 1, "Nice (EU-28)", 28, 352, 260)]
    public void Weighted_regimes_have_the_treaty_totals_and_thresholds(int y, int m, int d, string name, int members, double total, double qmv)
    {
        var r = EuCouncil.RegimeAt(new DateOnly(y, m, d))!;
        Assert.Equal(name, r.Name);
        Assert.Equal(members, r.Members);
        Assert.Equal(total, r.TotalVotes);
        Assert.Equal(qmv, r.QmvVotes);
        Assert.Equal(qmv / total, r.QualifiedMajority().Threshold, 12);
    }

    [Fact]
    public void Lisbon_is_a_double_majority_of_55_percent_of_members_and_65_percent_of_population()
    {
        var r = EuCouncil.RegimeAt(new DateOnly(2017, 6, 1))!;
        Assert.True(r.DoubleMajority);
        Assert.Equal(28, r.Members);
        var rule = r.QualifiedMajority();
        Assert.Equal(0.55, rule.Threshold);
        Assert.Equal(0.65, rule.SecondThreshold);
        Assert.Equal(1.0, rule.Weights![new ActorId("mt")]);
        Assert.True(rule.SecondWeights![new ActorId("de")] > rule.SecondWeights[new ActorId("fr")]);
        // capability: mean of member share and population share, in percent; the shares sum to 100
        Assert.Equal(100.0, r.Votes.Keys.Sum(k => r.Capability(k)!.Value), 9);
        Assert.Equal(27, EuCouncil.RegimeAt(new DateOnly(2020, 2, 1))!.Members);
    }

    [Fact]
    public void Regimes_are_contiguous_and_nothing_is_known_before_1995()
    {
        Assert.Null(EuCouncil.RegimeAt(new DateOnly(1994, 12, 31)));
        var regimes = EuCouncil.Regimes;
        for (int i = 1; i < regimes.Count; i++)
            Assert.Equal(regimes[i - 1].Until!.Value.AddDays(1), regimes[i].From);
        Assert.Null(EuCouncil.RegimeAt(new DateOnly(2001, 1, 1))!.Capability("pl")); // not yet a member
        Assert.Equal(27, EuCouncil.RegimeAt(new DateOnly(2001, 1, 1))!.Capability("es") * 0 + EuCouncil.RegimeAt(new DateOnly(2005, 1, 1))!.Capability("es"));
    }
}
