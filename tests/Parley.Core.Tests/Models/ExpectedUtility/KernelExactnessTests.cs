using Parley.Core.Models.ExpectedUtility;
using Parley.Core.Numerics;
using Xunit;

namespace Parley.Core.Tests.Models.ExpectedUtility;

/// <summary>
/// The EUM kernel's speed-ups must not change a bit: a fingerprint of everything the kernel reports over ten rounds of
/// many random problems and eleven variants is pinned, and the skipping of positions that provably make no offer is
/// compared against a kernel that evaluates every position.
/// </summary>
public class KernelExactnessTests
{
    private static IEnumerable<(string Name, EumOptions Options)> Variants()
    {
        foreach (var v in new[] { EumVariant.Reference, EumVariant.Paper })
        {
            yield return (v.Name, new EumOptions(v));
            yield return (v.Name + "-norisk", new EumOptions(v, Risk: false));
            yield return (v.Name + "-q.7", new EumOptions(v, Q: 0.7));
            yield return (v.Name + "-q.7-direction", new EumOptions(v, Q: 0.7, TRule: TRule.Direction));
        }
        yield return ("reference-own-enforceability", new EumOptions(EumVariant.Reference with
        {
            Perspective = PerspectiveRule.Own, Ties = OfferTieBreak.Enforceability, CapitulationReachable = true,
        }));
        yield return ("reference-least-move-per-dyad", new EumOptions(EumVariant.Reference with
        {
            Compromise = CompromiseKey.LeastMove, Probability = ProbabilityRule.PerDyad, Range = RangeRule.Current,
        }));
        yield return ("paper-votes-use-risk", new EumOptions(EumVariant.Paper with
        {
            VotesUseRisk = true, Perspective = PerspectiveRule.Receiver,
        }));
    }

    /// <summary>Random problems: anchored positions with ties, continuous ones, rounded ones, negative ones and twins.</summary>
    private static IEnumerable<(double[] X, double[] S, double[] C)> Problems(int count, int seed)
    {
        var rnd = new Random(seed);
        for (int k = 0; k < count; k++)
        {
            int n = k < count * 3 / 4 ? rnd.Next(2, 40) : rnd.Next(40, 90);
            int kind = rnd.Next(4);
            var x = new double[n];
            var s = new double[n];
            var c = new double[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = kind switch
                {
                    0 => 25.0 * rnd.Next(0, 5),
                    1 => rnd.Next(0, 100_000) / 1000.0,
                    2 => Math.Round(rnd.NextDouble() * 10, 1),
                    _ => rnd.NextDouble() * 100 - 30,
                };
                s[i] = kind == 0 ? rnd.Next(1, 5) / 4.0 : rnd.NextDouble();
                c[i] = rnd.NextDouble() * 50 + 0.1;
            }
            if (kind == 3 && n > 3) { x[1] = x[0]; s[1] = s[0]; c[1] = c[0]; } // identical twins
            yield return (x, s, c);
        }
    }

    /// <summary>Ten rounds of every problem, folding every reported number into an FNV-1a hash.</summary>
    private static ulong Fingerprint(EumOptions options, IEnumerable<(double[] X, double[] S, double[] C)> problems,
        bool skipNegativeOffers = true, long tableBudget = EumKernel.DefaultTableBudgetBytes)
    {
        ulong h = 1469598103934665603UL;
        void Mix(double v) { h ^= (ulong)BitConverter.DoubleToInt64Bits(v); h *= 1099511628211UL; }
        var kernel = new EumKernel { SkipsNegativeOffers = skipNegativeOffers, TableBudgetBytes = tableBudget };
        foreach (var (x0, s, c) in problems)
        {
            var x = (double[])x0.Clone();
            int n = x.Length;
            double range = x.Max() - x.Min();
            var w = c.Zip(s, (ci, si) => ci * si).ToArray();
            for (int t = 0; t < 10; t++)
            {
                double r = options.Variant.Range == RangeRule.Current ? x.Max() - x.Min() : range;
                kernel.Load(x, s, w, r, options);
                kernel.Prepare();
                kernel.ChooseMoves();
                Assert.Equal(tableBudget == 0 && !kernel.Degenerate, kernel.Streaming);
                Mix(kernel.Median); Mix(kernel.Mean); Mix(kernel.Degenerate ? 1 : 0);
                foreach (var v in kernel.Risk) Mix(v);
                foreach (var v in kernel.SecurityLevels) Mix(v);
                // read row by row in position order (a streaming kernel computes each row once), mixed in input order
                var byPosition = Enumerable.Range(0, n).OrderBy(i => x[i]).ToArray();
                var p = new double[n, n];
                foreach (int i in byPosition)
                    for (int j = 0; j < n; j++)
                        p[i, j] = kernel.Probability(i, j);
                var eu = new double[n, n];
                foreach (int i in byPosition.Where(i => i < 6))
                    for (int j = 0; j < Math.Min(n, 6); j++)
                        eu[i, j] = kernel.ExpectedUtility(i, j, kernel.Risk[i]);
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < n; j++)
                        Mix(p[i, j]);
                for (int i = 0; i < Math.Min(n, 6); i++)
                    for (int j = 0; j < Math.Min(n, 6); j++)
                        Mix(eu[i, j]);
                foreach (var v in kernel.NewPositions) Mix(v);
                foreach (var v in kernel.Moves) Mix((double)v);
                foreach (var v in kernel.MovedWith) Mix(v);
                foreach (var v in kernel.AcceptedEu) Mix(v);
                foreach (var v in kernel.AcceptedEuOther) Mix(v);
                kernel.NewPositions.CopyTo(x);
            }
        }
        return h;
    }

    /// <summary>
    /// Pinned from the kernel before its restructuring (commit 5aa38d1: per-dyad loops over positions, no skipping):
    /// every later speed-up must reproduce these bits. Independent of the vector hardware (.ci/run also runs this with
    /// DOTNET_EnableAVX=0). If a deliberate change of the arithmetic moves them, say so in docs/decisions.md.
    /// </summary>
    [Theory]
    [InlineData("reference", "4745F51BF4770FC1")]
    [InlineData("reference-norisk", "3473FB19DD97286D")]
    [InlineData("reference-q.7", "E57802C93B2F245D")]
    [InlineData("reference-q.7-direction", "E57802C93B2F245D")]
    [InlineData("paper", "1822C2A68B19B44A")]
    [InlineData("paper-norisk", "0F9E0162C36F8786")]
    [InlineData("paper-q.7", "FEC1280FE020E7B5")]
    [InlineData("paper-q.7-direction", "0AAB9F76FAE64885")]
    [InlineData("reference-own-enforceability", "6026FDF64A1D5B53")]
    [InlineData("reference-least-move-per-dyad", "48AF3B6C65FBAF68")]
    [InlineData("paper-votes-use-risk", "58CAC76C3A054282")]
    public void Kernel_bits_equal_the_pinned_fingerprint(string variant, string expected)
    {
        var options = Variants().Single(v => v.Name == variant).Options;
        Assert.Equal(expected, Fingerprint(options, Problems(120, 12345)).ToString("X16"));
        // the same bits with the pair tables streamed row by row (what many actors at distinct positions get)
        Assert.Equal(expected, Fingerprint(options, Problems(120, 12345), tableBudget: 0).ToString("X16"));
    }

    [Fact]
    public void Skipping_positions_that_provably_make_no_offer_changes_no_bit()
    {
        // High and mixed saliences so that many blocks are skipped, close positions so that the distance guard acts.
        var rnd = new Random(7);
        var problems = Enumerable.Range(0, 80).Select(_ =>
        {
            int n = rnd.Next(3, 45);
            var x = Enumerable.Range(0, n).Select(_ => rnd.Next(3) == 0 ? 50 + rnd.NextDouble() * 1e-3 : rnd.NextDouble() * 100).ToArray();
            var s = Enumerable.Range(0, n).Select(_ => rnd.Next(2) == 0 ? 0.45 + rnd.NextDouble() * 0.15 : rnd.NextDouble()).ToArray();
            var c = Enumerable.Range(0, n).Select(_ => rnd.NextDouble() * 10 + 0.1).ToArray();
            return (x, s, c);
        }).ToArray();
        // the skipping applies where b is the receiver's valuation and Q = 1
        foreach (var (name, options) in Variants().Where(v => v.Options.Q == 1.0 && v.Options.Variant.Perspective == PerspectiveRule.Receiver))
            Assert.True(Fingerprint(options, problems) == Fingerprint(options, problems, skipNegativeOffers: false),
                $"variant {name}: skipping changed the result");
    }

    [Fact]
    public void Offer_value_is_negative_as_computed_wherever_the_bound_says_so()
    {
        // b = s_i(P_ji·U_s + (1 − P_ji)·U_f) + (1 − s_i)·U_s − U_sq, computed as the kernel computes it.
        var rnd = new Random(11);
        int checkedCases = 0;
        for (int k = 0; k < 200_000; k++)
        {
            double r = 0.49 + rnd.NextDouble() * 1.52;
            double d = k % 4 == 0 ? 1e-4 * (1 + rnd.NextDouble()) : 1e-4 + rnd.NextDouble() * (1 - 1e-4);
            double bound = EumKernel.NoOfferBound(r);
            double si = bound + rnd.NextDouble() * (1 - bound);
            double pji = k % 3 == 0 ? 1 - bound / si : rnd.NextDouble() * (1 - bound / si);
            if (!(si * (1 - pji) >= bound)) continue;
            double us = 2 - 4 * ReproducibleMath.Pow(Math.Max(0.5 - 0.5 * d, 0), r);
            double uf = 2 - 4 * ReproducibleMath.Pow(0.5 + 0.5 * d, r);
            double usq = 2 - 4 * ReproducibleMath.Pow(0.5, r);
            double b = si * (pji * us + (1 - pji) * uf) + (1 - si) * us - 1.0 * usq;
            Assert.True(b < 0, $"r={r:R} d={d:R} s={si:R} P={pji:R}: b={b:R}");
            checkedCases++;
        }
        Assert.True(checkedCases > 150_000);
    }
}
