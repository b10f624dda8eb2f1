using Parley.Core.Models.Spatial;
using Parley.Core.Models.Spatial.Reference;
using Xunit;

namespace Parley.Core.Tests.Models.Spatial;

/// <summary>
/// The vectorised proportional-vote coalitions (one SIMD lane per pair of options) and the reorganised
/// Markov-incentive PCE against KTAB's loops as written (<see cref="KtabPce"/>), bit for bit.
/// </summary>
public sealed class PceLaneTests
{
    /// <summary>
    /// Weights in [1, 200] (a few tiny or huge); utilities mixing continuous values with a coarse grid, so that
    /// many differences are exactly zero, with ties between whole options and a signed zero or two.
    /// </summary>
    private static (double[] W, double[] U) Inputs(int nOpt, int nv, int seed)
    {
        var rng = new Random(seed);
        var w = new double[nv];
        for (int k = 0; k < nv; k++)
            w[k] = rng.Next(10) switch { 0 => 1e-9 * (1 + rng.NextDouble()), 1 => 1e9 * (1 + rng.NextDouble()), _ => 1 + (199 * rng.NextDouble()) };
        var u = new double[nOpt * nv];
        for (int i = 0; i < u.Length; i++)
            u[i] = rng.Next(3) == 0 ? rng.NextDouble() : rng.Next(5) / 4.0;
        if (nOpt > 2) Array.Copy(u, 0, u, 2 * nv, nv); // option 2 ties option 0 for every voter
        if (u.Length > 3) { u[1] = -0.0; u[u.Length - 1] = -0.0; }
        return (w, u);
    }

    private static long[] Bits(double[] x) => x.Select(BitConverter.DoubleToInt64Bits).ToArray();

    public static TheoryData<int, int> Sizes()
    {
        var data = new TheoryData<int, int>();
        foreach (int nOpt in new[] { 1, 2, 3, 4, 5, 8, 13, 17, 67, 130 })
            foreach (int nv in new[] { 1, 2, 3, 5, 13, 67, 130 })
                data.Add(nOpt, nv);
        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Prop_coalitions_match_the_in_order_loop_bit_for_bit(int nOpt, int nv)
    {
        var (w, u) = Inputs(nOpt, nv, (nOpt * 1000) + nv);
        var expected = Bits(KtabPce.Coalitions(VotingRule.Prop, w, u, nOpt));
        Assert.Equal(expected, Bits(Pce.Coalitions(VotingRule.Prop, w, u, nOpt)));
        Assert.Equal(expected, Bits(Pce.Coalitions(VotingRule.Prop, w, u, nOpt, new ParallelOptions())));
    }

    [Fact]
    public void Prop_coalitions_skip_nan_votes_and_keep_infinite_ones_as_the_loop_does()
    {
        const int nOpt = 19, nv = 11;
        var (w, u) = Inputs(nOpt, nv, 99);
        u[3 * nv + 4] = double.NaN;              // every vote on option 3 by voter 4 is NaN: skipped
        w[7] = double.PositiveInfinity;           // voter 7's votes are ±∞, or NaN where it is indifferent
        u[5 * nv + 7] = u[6 * nv + 7];
        u[9 * nv + 2] = double.NegativeInfinity;
        var expected = Bits(KtabPce.Coalitions(VotingRule.Prop, w, u, nOpt));
        Assert.Equal(expected, Bits(Pce.Coalitions(VotingRule.Prop, w, u, nOpt)));
    }

    [Fact]
    public void Prop_coalitions_do_not_depend_on_parallelism_at_scale()
    {
        const int nOpt = 301, nv = 257;
        var (w, u) = Inputs(nOpt, nv, 5);
        var expected = Bits(KtabPce.Coalitions(VotingRule.Prop, w, u, nOpt));
        Assert.Equal(expected, Bits(Pce.Coalitions(VotingRule.Prop, w, u, nOpt)));
        Assert.Equal(expected, Bits(Pce.Coalitions(VotingRule.Prop, w, u, nOpt, new ParallelOptions())));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(13)]
    [InlineData(67)]
    [InlineData(130)]
    public void Markov_incentive_matches_the_transcription_bit_for_bit(int nOpt)
    {
        var (w, u) = Inputs(nOpt, 37, nOpt);
        foreach (var vpm in new[] { VictoryProbModel.Linear, VictoryProbModel.Quartic })
        {
            var c = Pce.Coalitions(VotingRule.Prop, w, u, nOpt);
            var pv = Pce.VictoryMatrix(vpm, c, nOpt);
            Assert.Equal(Bits(KtabPce.MarkovIncentive(c, pv, nOpt)), Bits(Pce.MarkovIncentive(c, pv, nOpt)));
        }
    }
}
