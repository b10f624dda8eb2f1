using System.Globalization;
using System.Text.RegularExpressions;
using Parley.Core.Models;
using Parley.Core.Models.ExpectedUtility;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Core.Tests.Models.ExpectedUtility;

/// <summary>
/// The reference variant against the jmckib/dmasad implementation of Scholz, Calbert &amp; Smith's (2011) code on the
/// EC car-emissions table (values transcribed into Fixtures/eum and below).
/// </summary>
public class ReferenceVariantTests
{
    private static EumResult RunEc(int rounds = 10) =>
        (EumResult)new ExpectedUtilityModel().Run(EcEmissions.Problem(), ModelSettings.Default.With("rounds", rounds.ToString(CultureInfo.InvariantCulture)));

    [Fact]
    public void Every_actor_position_in_rounds_0_to_10_matches_the_reference_to_1e6()
    {
        var result = RunEc();
        var reference = EcEmissions.ReferenceRounds();
        Assert.Equal(11, reference.Count);
        Assert.Equal(11, result.Rounds.Count);
        foreach (var (round, _, _, positions) in reference)
            foreach (var (actor, x) in positions)
                Assert.True(Math.Abs(result.Rounds[round].Positions[actor] - x) <= 1e-6,
                    $"round {round}, {actor}: {result.Rounds[round].Positions[actor]:R} vs reference {x}");
    }

    [Fact]
    public void Weighted_median_and_mean_of_every_round_match_the_reference()
    {
        var result = RunEc();
        foreach (var (round, mean, median, _) in EcEmissions.ReferenceRounds())
        {
            Assert.Equal(median, result.Rounds[round].Median, 9);
            Assert.Equal(mean, result.Rounds[round].Mean, 6);
        }
        Assert.Equal(7.0, result.Forecast);
        Assert.Equal("reference", result.Variant);
    }

    [Fact]
    public void Round_1_moves_are_the_three_published_ones()
    {
        var moves = RunEc(1).Rounds[1].Moves;
        Assert.Equal(3, moves.Count);
        Assert.Equal(("Belgium", "compromise", "France", 7.0), (moves[0].Actor, moves[0].Kind, moves[0].With, moves[0].From));
        Assert.Equal(8.415932315426764, moves[0].To, 12);
        Assert.Equal("Belgium compromises with France → 8.42", moves[0].Text);
        Assert.Equal(("Luxembourg", "confrontation", "Belgium", 4.0, 7.0), (moves[1].Actor, moves[1].Kind, moves[1].With, moves[1].From, moves[1].To));
        Assert.Equal("Luxembourg loses confrontation to Belgium → 7", moves[1].Text);
        Assert.Equal(("Ireland", "confrontation", "Luxembourg", 7.0, 4.0), (moves[2].Actor, moves[2].Kind, moves[2].With, moves[2].From, moves[2].To));
    }

    [Fact]
    public void Round_1_probabilities_with_r_1_use_the_all_pairs_denominator()
    {
        // internals: P(4 vs 7) = 0.004392023518577574, P(4 vs 10) = 0.008784047037, P(7 vs 4) = 0.00759749229624911,
        // P(7 vs 10) = 0.006039032338, P(10 vs 4) = 0.01190096695356504, P(10 vs 7) = 0.005950483477
        var kernel = PreparedKernel(risk: false);
        int nl = EcEmissions.Index("Netherlands"), be = EcEmissions.Index("Belgium"), fr = EcEmissions.Index("France");
        Assert.Equal(0.004392023518577574, kernel.Probability(nl, be), 15);
        Assert.Equal(0.008784047037, kernel.Probability(nl, fr), 12);
        Assert.Equal(0.00759749229624911, kernel.Probability(be, nl), 15);
        Assert.Equal(0.006039032338, kernel.Probability(be, fr), 12);
        Assert.Equal(0.01190096695356504, kernel.Probability(fr, nl), 15);
        Assert.Equal(0.005950483477, kernel.Probability(fr, be), 12);
        Assert.Equal(0.0, kernel.Probability(nl, nl));
    }

    [Fact]
    public void Round_1_security_levels_and_risk_exponents_match_the_reference()
    {
        var kernel = PreparedKernel(risk: true);
        (string, double, double)[] expected =
        [
            ("Netherlands", -5.249282754223781, 1.4056527842180304),
            ("Belgium", 1.4283356356037258, 0.7541959272436861),
            ("Luxembourg", 5.437679311444056, 0.5088637910269406),
            ("Germany", -5.249282754223781, 1.4056527842180304),
            ("France", -2.0939326320263505, 1.0465238960570615),
            ("Italy", -2.0939326320263505, 1.0465238960570615),
            ("UK", -8.640898948039528, 1.9648982295073372),
            ("Ireland", 5.607083908900933, 0.5000000000000001),
            ("Denmark", -8.811603442779726, 1.9999999999999998),
            ("Greece", -2.750412637693478, 1.112124970858258),
        ];
        foreach (var (name, sec, r) in expected)
        {
            int i = EcEmissions.Index(name);
            Assert.Equal(sec, kernel.SecurityLevels[i], 12);
            Assert.Equal(r, kernel.Risk[i], 12);
        }
    }

    [Fact]
    public void Round_1_expected_utility_matrix_and_offers_match_the_reference()
    {
        var kernel = PreparedKernel(risk: true);
        var lines = File.ReadAllLines(Fixtures.Path("eum", "ec-emissions-round1-eu.csv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Skip(1).ToArray();
        Assert.Equal(66, lines.Length);
        foreach (var line in lines)
        {
            var f = line.Split(',');
            int i = EcEmissions.Index(f[0]), j = EcEmissions.Index(f[1]);
            double ri = kernel.Risk[i];
            double euij = kernel.ExpectedUtility(i, j, ri), euji = kernel.ExpectedUtility(j, i, ri);
            Assert.True(Math.Abs(euij - Parse(f[2])) < 1e-11, $"{f[0]}/{f[1]} eu_ij {euij:R} vs {f[2]}");
            Assert.True(Math.Abs(euji - Parse(f[3])) < 1e-11, $"{f[0]}/{f[1]} eu_ji {euji:R} vs {f[3]}");
            // The offer the receiver gets from this proposer, by the reference code's rule.
            string offer = euji > euij && euij > 0 ? "confrontation"
                : euji > 0 && 0 > euij && euji > -euij ? "compromise" : "none";
            Assert.Equal(f[4], offer);
            if (offer == "compromise")
            {
                double x = EcEmissions.Position[i] + (EcEmissions.Position[j] - EcEmissions.Position[i]) * Math.Abs(euij / euji);
                Assert.Equal(Parse(f[5]), x, 12);
            }
        }
        // Perception view of the same numbers.
        var view = Perception.For(EcEmissions.Problem(), ModelSettings.Default, EcEmissions.Index("Belgium"));
        var france = view.Rows.Single(r => r.Other == "France");
        Assert.Equal(-0.114830503473, france.EuSelf, 11);
        Assert.Equal(0.243296594523, france.EuOther, 11);
        Assert.Equal(Quadrant.CompromiseLose, france.Quadrant);
        Assert.Equal(8.415932315426764, france.ImpliedPosition, 11);
        Assert.Equal("Belgium compromises with France → 8.42", france.Text);
        Assert.Equal(0.7541959272436861, view.Risk, 12);
        Assert.Equal(Quadrant.SamePosition, view.Rows.Single(r => r.Other == "Greece").Quadrant);
    }

    /// <summary>The whole 10-round move log (who, kind, with whom, both EUs, new position) from ../shared.</summary>
    [Fact]
    public void Every_move_of_the_ten_round_offers_log_matches_the_reference()
    {
        var path = SharedAnchors.RequireFile("eum/ec-emissions-offers-log.txt");
        var text = File.ReadAllText(path);
        var result = RunEc();
        var roundBlocks = Regex.Split(text, @"ROUND (\d+)");
        int checkedMoves = 0;
        for (int b = 1; b + 1 < roundBlocks.Length; b += 2)
        {
            int round = int.Parse(roundBlocks[b], CultureInfo.InvariantCulture);
            var expected = Regex.Matches(roundBlocks[b + 1],
                @"(\w+) (compromises with|loses confrontation to|capitulates to) (\w+)\s+(\S+) vs (\S+)\s+new_pos = (\S+)");
            var moves = result.Rounds[round].Moves;
            Assert.Equal(expected.Count, moves.Count);
            for (int k = 0; k < expected.Count; k++)
            {
                var m = expected[k];
                var move = moves[k];
                Assert.Equal(m.Groups[1].Value, move.Actor);
                Assert.Equal(m.Groups[3].Value, move.With);
                Assert.StartsWith(m.Groups[2].Value.Split(' ')[0] switch { "compromises" => "compromise", "loses" => "confrontation", _ => "capitulation" }, move.Kind);
                Assert.True(Math.Abs(Parse(m.Groups[6].Value) - move.To) < 1e-9, $"round {round} {move.Actor}: {move.To:R} vs {m.Groups[6].Value}");
                checkedMoves++;
            }
        }
        Assert.Equal(30, checkedMoves);
    }

    [Fact]
    public void Accepted_offers_carry_the_logged_expected_utilities()
    {
        // offers log, round 1: Belgium -0.11483050347300794 vs 0.2432965945234421; Ireland 0.5382377664333493 vs 0.6824778252511178
        var kernel = PreparedKernel(risk: true);
        kernel.ChooseMoves();
        int be = EcEmissions.Index("Belgium"), ie = EcEmissions.Index("Ireland");
        Assert.Equal(-0.11483050347300794, kernel.AcceptedEu[be], 13);
        Assert.Equal(0.2432965945234421, kernel.AcceptedEuOther[be], 13);
        Assert.Equal(0.5382377664333493, kernel.AcceptedEu[ie], 13);
        Assert.Equal(0.6824778252511178, kernel.AcceptedEuOther[ie], 13);
        Assert.Equal(MoveKind.None, kernel.Moves[EcEmissions.Index("UK")]);
    }

    internal static EumKernel PreparedKernel(bool risk, EumVariant? variant = null)
    {
        var kernel = new EumKernel();
        var w = EcEmissions.Capability.Zip(EcEmissions.Salience, (c, s) => c * s).ToArray();
        kernel.Load(EcEmissions.Position, EcEmissions.Salience, w, 6.0,
            new EumOptions(variant ?? EumVariant.Reference, Risk: risk));
        kernel.Prepare();
        return kernel;
    }

    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
