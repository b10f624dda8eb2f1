using Parley.Core.Power;
using Xunit;

namespace Parley.Core.Tests.Power;

public class PowerIndexTests
{
    private static WeightedVotingGame Game(double[] weights, double share, bool[]? vetoes = null, bool strict = false) =>
        new(weights.Length, [new Quota(weights, share, strict)], vetoes);

    /// <summary>EEC Council 1958: FR, DE, IT 4 votes, BE, NL 2, LU 1; 12 of 17 (Felsenthal &amp; Machover 1998, §2.3).</summary>
    private static WeightedVotingGame Eec1958 => Game([4, 4, 4, 2, 2, 1], 12.0 / 17);

    [Theory]
    [InlineData(22)] // enumeration
    [InlineData(0)]  // dynamic programme
    public void Eec_1958_council_has_the_published_indices_and_luxembourg_is_a_dummy(int enumerationLimit)
    {
        var r = PowerIndices.Compute(Eec1958, enumerationLimit);
        Assert.True(r.Exact);
        double[] ss = [7 / 30.0, 7 / 30.0, 7 / 30.0, 0.15, 0.15, 0];
        double[] bz = [5 / 21.0, 5 / 21.0, 5 / 21.0, 3 / 21.0, 3 / 21.0, 0];
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(ss[i], r.ShapleyShubik[i], 12);
            Assert.Equal(bz[i], r.Banzhaf[i], 12);
        }
    }

    /// <summary>UN Security Council: 5 permanent members with a veto, 10 others, 9 votes to pass.</summary>
    [Theory]
    [InlineData(22)]
    [InlineData(0)]
    public void Security_council_vetoes_give_the_textbook_indices(int enumerationLimit)
    {
        var vetoes = Enumerable.Range(0, 15).Select(i => i < 5).ToArray();
        var r = PowerIndices.Compute(Game(Enumerable.Repeat(1.0, 15).ToArray(), 9 / 15.0, vetoes), enumerationLimit);
        Assert.Equal(421 / 2145.0, r.ShapleyShubik[0], 12);
        Assert.Equal(4 / 2145.0, r.ShapleyShubik[14], 12);
        Assert.Equal(0.16692913385826771, r.Banzhaf[0], 12);
        Assert.Equal(0.01653543307086614, r.Banzhaf[14], 12);
    }

    [Fact]
    public void Shapley_shubik_sums_to_one_and_unanimity_is_equal_power()
    {
        var r = PowerIndices.Compute(Game([5, 1, 1, 1], 1.0, [true, true, true, true]));
        Assert.All(r.ShapleyShubik, v => Assert.Equal(0.25, v, 12));
        var random = new Random(7);
        var w = Enumerable.Range(0, 12).Select(_ => (double)random.Next(1, 30)).ToArray();
        Assert.Equal(1.0, PowerIndices.Compute(Game(w, 0.62)).ShapleyShubik.Sum(), 12);
    }

    [Fact]
    public void Non_voters_get_nothing_and_change_nothing_for_the_others()
    {
        var with = PowerIndices.Compute(Game([4, 4, 4, 2, 2, 1, 0], 12.0 / 17));
        var without = PowerIndices.Compute(Eec1958);
        Assert.Equal(0, with.ShapleyShubik[6]);
        for (int i = 0; i < 6; i++) Assert.Equal(without.ShapleyShubik[i], with.ShapleyShubik[i], 12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_programme_equals_enumeration_on_random_integer_games_with_two_quotas_and_a_veto(int seed)
    {
        var random = new Random(seed);
        int n = 12;
        var w1 = Enumerable.Range(0, n).Select(_ => (double)random.Next(1, 20)).ToArray();
        var w2 = Enumerable.Range(0, n).Select(_ => (double)random.Next(0, 40)).ToArray();
        var vetoes = Enumerable.Range(0, n).Select(i => i == 3).ToArray();
        var game = new WeightedVotingGame(n, [new Quota(w1, 0.6), new Quota(w2, 0.55)], vetoes);
        var exact = PowerIndices.Compute(game, 22);
        var dp = PowerIndices.Compute(game, 0);
        Assert.True(dp.Exact);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(exact.ShapleyShubik[i], dp.ShapleyShubik[i], 12);
            Assert.Equal(exact.Banzhaf[i], dp.Banzhaf[i], 12);
        }
    }

    [Fact]
    public void Real_weights_beyond_the_enumeration_limit_are_rounded_to_a_grid_and_say_so()
    {
        var random = new Random(11);
        int n = 18;
        var members = Enumerable.Repeat(1.0, n).ToArray();
        var population = Enumerable.Range(0, n).Select(_ => 0.5 + random.NextDouble() * 80).ToArray(); // millions, not integers
        var game = new WeightedVotingGame(n, [new Quota(members, 0.55), new Quota(population, 0.65)]);
        var exact = PowerIndices.Compute(game, 22);
        var approx = PowerIndices.Compute(game, 0);
        Assert.True(exact.Exact);
        Assert.False(approx.Exact);
        Assert.Contains("grid", approx.Method);
        for (int i = 0; i < n; i++) Assert.Equal(exact.ShapleyShubik[i], approx.ShapleyShubik[i], 3);
    }

    [Fact]
    public void A_strict_majority_of_an_even_number_needs_more_than_half()
    {
        // 2 of 4 is not a majority: with "more than half" each player's index is 1/4 and no 2-coalition wins
        var game = Game([1, 1, 1, 1], 0.5, strict: true);
        Assert.False(game.Wins([true, true, false, false]));
        Assert.True(game.Wins([true, true, true, false]));
        Assert.All(PowerIndices.Compute(game).ShapleyShubik, v => Assert.Equal(0.25, v, 12));
    }
}
