using Parley.Core.Models;
using Parley.Core.Models.ExpectedUtility;
using Xunit;

namespace Parley.Core.Tests.Models.ExpectedUtility;

/// <summary>
/// One deviation of the reference code at a time, against the sensitivity runs of the reference code with that
/// deviation patched (ec-emissions-variants.txt: c·s-weighted mean and Condorcet median per round, 4 decimals).
/// </summary>
public class VariantTests
{
    private static EumResult Run(EumVariant variant, int rounds = 8) =>
        new ExpectedUtilityModel().Run(EcEmissions.Problem(), new EumOptions(variant, Rounds: rounds));

    private static void AssertRounds(EumResult result, (double Mean, double Median)[] expected)
    {
        for (int t = 0; t < expected.Length; t++)
        {
            Assert.True(Math.Abs(result.Rounds[t].Mean - expected[t].Mean) <= 5.1e-5, $"round {t} mean {result.Rounds[t].Mean} vs {expected[t].Mean}");
            Assert.True(Math.Abs(result.Rounds[t].Median - expected[t].Median) <= 5.1e-5, $"round {t} median {result.Rounds[t].Median} vs {expected[t].Median}");
        }
    }

    private static readonly (double, double)[] AsPublished =
    [
        (7.3900, 7.0), (7.4613, 8.4159), (7.5525, 9.6109), (7.5901, 9.9620), (7.3581, 9.9620),
        (7.3492, 9.9620), (7.4149, 7.4720), (7.5105, 8.8246), (7.5724, 9.6711),
    ];

    [Fact]
    public void Making_the_capitulation_branch_reachable_changes_nothing_on_the_EC_case()
    {
        AssertRounds(Run(EumVariant.Reference with { Name = "fix_capitulate", CapitulationReachable = true }), AsPublished);
    }

    [Fact]
    public void Least_move_compromise_key_diverges_from_round_4_as_in_the_reference_sensitivity_run()
    {
        var result = Run(EumVariant.Reference with { Name = "least_move", Compromise = CompromiseKey.LeastMove });
        AssertRounds(result,
        [
            (7.3900, 7.0), (7.4613, 8.4159), (7.5525, 9.6109), (7.5901, 9.9620), (7.6039, 9.9996),
            (7.6068, 10.0000), (7.3884, 10.0000), (7.3952, 10.0000), (7.4623, 8.1792),
        ]);
    }

    [Fact]
    public void Per_dyad_probability_collapses_everybody_to_7_by_round_3_and_then_nobody_moves_without_NaN()
    {
        var result = Run(EumVariant.Reference with { Name = "paper_prob", Probability = ProbabilityRule.PerDyad, VotesUseRisk = false }, rounds: 10);
        AssertRounds(result, [(7.3900, 7.0), (7.3174, 7.0), (7.0063, 7.0), (7.0000, 7.0)]);
        // The reference code aborts at round 4 (0/0 in R_i); Parley keeps r = 1 and nobody moves.
        for (int t = 3; t <= 10; t++)
        {
            Assert.All(result.Rounds[t].Positions.Values, x => Assert.Equal(7.0, x, 12));
            Assert.All(result.Rounds[t].Risk.Values, r => Assert.False(double.IsNaN(r)));
        }
        Assert.All(result.Rounds[4].Risk.Values, r => Assert.Equal(1.0, r));
        Assert.Empty(result.Rounds[4].Moves);
        Assert.Equal(7.0, result.Forecast, 12);
    }

    [Fact]
    public void The_paper_variant_is_selected_by_setting_and_differs_from_the_reference()
    {
        var model = new ExpectedUtilityModel();
        var paper = (EumResult)model.Run(EcEmissions.Problem(), ModelSettings.Default.With("variant", "paper"));
        var reference = (EumResult)model.Run(EcEmissions.Problem(), ModelSettings.Default);
        Assert.Equal("paper", paper.Variant);
        Assert.NotEqual(reference.Rounds[2].Mean, paper.Rounds[2].Mean);
        Assert.All(paper.Rounds, r => Assert.All(r.Positions.Values, x => Assert.InRange(x, 4.0, 10.0)));
        // With the per-dyad probability, P(i,j) + P(j,i) = 1.
        var kernel = ReferenceVariantTests.PreparedKernel(risk: true, EumVariant.Paper);
        for (int i = 0; i < 10; i++)
            for (int j = 0; j < 10; j++)
                if (EcEmissions.Position[i] != EcEmissions.Position[j])
                    Assert.Equal(1.0, kernel.Probability(i, j) + kernel.Probability(j, i), 12);
    }

    [Fact]
    public void Paper_variant_with_Q_below_1_uses_the_status_quo_term_for_every_T_rule()
    {
        var model = new ExpectedUtilityModel();
        var results = new[] { "closer", "direction", "always", "never" }.Select(t =>
            (EumResult)model.Run(EcEmissions.Problem(), ModelSettings.Default.With("variant", "paper").With("q", "0.5").With("t-rule", t))).ToArray();
        foreach (var r in results)
            Assert.All(r.Rounds, round => Assert.All(round.Positions.Values, x => Assert.True(double.IsFinite(x))));
        // T = 1 (U_b) and T = 0 (U_w) must give different expectations, hence different first-round security levels.
        var problem = EcEmissions.Problem();
        Assert.NotEqual(
            Perception.For(problem, ModelSettings.Default.With("variant", "paper").With("q", "0.5").With("t-rule", "always"), 0).Rows[0].EuSelf,
            Perception.For(problem, ModelSettings.Default.With("variant", "paper").With("q", "0.5").With("t-rule", "never"), 0).Rows[0].EuSelf);
    }

    [Fact]
    public void Settings_are_validated_with_a_message_naming_the_setting()
    {
        var model = new ExpectedUtilityModel();
        var e = Assert.Throws<ModelSettingException>(() => model.Run(EcEmissions.Problem(), ModelSettings.Default.With("variant", "bdm")));
        Assert.Contains("variant", e.Message);
        Assert.Throws<ModelSettingException>(() => model.Run(EcEmissions.Problem(), ModelSettings.Default.With("q", "2")));
        Assert.Throws<ModelSettingException>(() => model.Run(EcEmissions.Problem(), ModelSettings.Default.With("colour", "red")));
    }
}
