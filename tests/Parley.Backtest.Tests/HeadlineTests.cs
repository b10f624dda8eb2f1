using Parley.Backtest;
using Parley.Backtest.Headline;
using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Power;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Backtest.Tests;

/// <summary>The headline's selection machinery (docs/headline.md): rows, combinations, intervals, selection, nested CV.</summary>
public class HeadlineTests
{
    private static readonly CapabilityBasis Vp = CapabilityBasis.VotingPower;

    /// <summary>A row with only the compromise (under voting power) and the setter and status quo given.</summary>
    private static HeadlineRow Row(double compromise, double setter, double statusQuo, double outcome, string group = "g", string stratum = "s",
        double dispersion = 10, HeadlineRuleGroup rule = HeadlineRuleGroup.Consensus) =>
        new($"{group}/{compromise}", group, stratum, outcome,
            new Dictionary<(CapabilityBasis, HeadlineComponent), double> { [(Vp, HeadlineComponent.Compromise)] = compromise },
            setter, statusQuo, dispersion, []) { Rule = rule };

    private static HeadlineRow Reversed(HeadlineRow r) => r with
    {
        Outcome = 100 - r.Outcome,
        Components = r.Components.ToDictionary(kv => kv.Key, kv => 100 - kv.Value),
        Setter = 100 - r.Setter,
        StatusQuo = 100 - r.StatusQuo,
    };

    [Fact]
    public void Stratified_folds_with_one_stratum_are_the_plain_folds_and_deal_every_data_set_across_the_folds()
    {
        var groups = Enumerable.Range(0, 37).Select(i => $"p{i}").ToArray();
        var plain = Folds.Assign(groups, 10, 7);
        var one = Folds.AssignStratified(groups.Select(g => (g, "x")), 10, 7);
        Assert.All(groups, g => Assert.Equal(plain[g], one[g]));
        var two = Folds.AssignStratified(groups.Select((g, i) => (g, i < 7 ? "small" : "large")), 10, 7);
        Assert.Equal(7, groups.Take(7).Select(g => two[g]).Distinct().Count()); // 7 groups of the small data set in 7 folds
        var sizes = Enumerable.Range(0, 10).Select(f => two.Values.Count(v => v == f)).ToArray();
        Assert.True(sizes.Max() - sizes.Min() <= 1);
    }

    [Fact]
    public void Pooled_data_sets_carry_their_resources_and_prefix_ids_groups_and_strata()
    {
        var deu = BacktestDataset.Load(Fixtures.Path("deu", "mini.tsv")).ValueOrThrow();
        var cases = BacktestDataset.Load(RepoPaths.Combine("data", "cases")).ValueOrThrow();
        var pooled = BacktestDataset.Pool([deu, cases]);
        Assert.Equal(deu.Cases.Count + cases.Cases.Count, pooled.Cases.Count);
        var first = pooled.Cases.First(c => c.Stratum == "mini.tsv");
        Assert.StartsWith("mini.tsv:", first.Id);
        Assert.StartsWith("mini.tsv:", first.Group);
        Assert.Equal(3, first.Scenario.Actor(new ActorId("com")).Capability, 9); // the file's GDP row
        Assert.Equal(2.5, first.Scenario.Actor(new ActorId("de")).Capability, 9);
        Assert.Equal(33, pooled.Cases.Count(c => c.Stratum == "cases"));
        Assert.Equal(CapabilityConvention.AsGiven, pooled.DefaultCapability);
    }

    [Fact]
    public void The_voting_power_convention_gives_council_members_their_shapley_shubik_index()
    {
        var deu = BacktestDataset.Load(Fixtures.Path("deu", "mini.tsv")).ValueOrThrow();
        var convention = CapabilityConvention.Parse("voting-power", deu).ValueOrThrow().Convention;
        Assert.Equal("voting-power", convention.Name);
        var scenario = convention.Apply(deu.Cases[0]);
        var de = scenario.Actor(new ActorId("de")).Capability;
        var nl = scenario.Actor(new ActorId("nl")).Capability;
        Assert.True(de > nl, $"Germany {de} should outweigh the Netherlands {nl} under a weighted qualified majority");
        Assert.True(scenario.Actor(new ActorId("ep")).Capability > de, "the Parliament is a veto player under co-decision");
        Assert.Contains("mix", CapabilityConvention.Parse("nonsense", deu).Errors[0].Allowed);
    }

    [Fact]
    public void Weighted_quantiles_use_hazen_positions_and_the_calibration_is_symmetric()
    {
        double[] values = [1, 2, 3, 4];
        double[] equal = [1, 1, 1, 1];
        Assert.Equal(1, HeadlineInterval.WeightedQuantile(values, equal, 0.1), 12);    // below (1 − ½)/4: the minimum
        Assert.Equal(2.5, HeadlineInterval.WeightedQuantile(values, equal, 0.5), 12);
        Assert.Equal(1.5, HeadlineInterval.WeightedQuantile(values, equal, 0.25), 12);  // between 0.125 and 0.375
        // weights 1, 1, 6, 1 of 9: the values sit at 0.5/9, 1.5/9, 5/9, 8.5/9 — the median lies 3/3.5 of the way from 2 to 3
        Assert.Equal(2 + 3 / 3.5, HeadlineInterval.WeightedQuantile(values, [1, 1, 6, 1], 0.5), 12);
        var interval = HeadlineInterval.Calibrate(IntervalScaling.Absolute, [5, 10, -2, 30], [1, 1, 1, 1], equal);
        for (int k = 0; k <= HeadlineInterval.Steps; k++)
            Assert.Equal(-interval.Quantiles[HeadlineInterval.Steps - k], interval.Quantiles[k], 12);
        Assert.Equal(0, interval.Sample(0.5), 12);
        Assert.Equal(interval.Quantiles[HeadlineInterval.P90], interval.Sample(0.9), 12);
        var around = interval.Around(95, 1);
        Assert.Equal(100, around.P90); // clamped to the scale
        Assert.Equal(95 - interval.Quantiles[HeadlineInterval.P90], around.P10, 12);
    }

    [Fact]
    public void The_interval_score_charges_width_and_ten_times_a_miss() =>
        Assert.Equal(20 + 10 * 5, HeadlineInterval.Score(new PredictionInterval(40, 60), 65), 12);

    [Fact]
    public void The_affine_stack_recovers_its_coefficients_and_does_not_depend_on_the_scale_orientation()
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 60).Select(i =>
        {
            double c = random.Next(0, 100), s = random.Next(0, 100), q = random.Next(0, 100);
            return Row(c, s, q, c + 0.5 * (s - c) - 0.2 * (q - c), group: $"g{i}");
        }).ToArray();
        var weights = HeadlineSelection.BalancedWeights(rows);
        var fit = StackCombination.Fit(Vp, rows, weights);
        Assert.Equal(0.5, fit.Coefficients[0], 6);
        Assert.Equal(-0.2, fit.Coefficients[1], 6);
        var reversed = StackCombination.Fit(Vp, rows.Select(Reversed).ToArray(), weights);
        foreach (var r in rows.Take(10))
            Assert.Equal(100 - fit.Predict(r)!.Value, reversed.Predict(Reversed(r))!.Value, 6);
    }

    [Fact]
    public void A_missing_component_is_dropped_and_the_others_renormalised_with_a_note()
    {
        var row = new HeadlineRow("x", "g", "s", double.NaN, new Dictionary<(CapabilityBasis, HeadlineComponent), double>
        {
            [(Vp, HeadlineComponent.Compromise)] = 40, [(Vp, HeadlineComponent.Median)] = double.NaN, [(Vp, HeadlineComponent.Eum)] = 80,
        }, double.NaN, double.NaN, 10, ["median (voting-power) left out: its run cycled"]);
        var convex = new ConvexCombination(Vp, [0.5, 0.25, 0.25]);
        var notes = new List<string>();
        Assert.Equal((0.5 * 40 + 0.25 * 80) / 0.75, convex.Predict(row, notes)!.Value, 12);
        Assert.Contains(notes, n => n.Contains("weights are scaled up"));
        var model = new HeadlineModel(convex, HeadlineInterval.Calibrate(IntervalScaling.Absolute, [1, -1], [1, 1], [1, 1]));
        Assert.Contains(model.Predict(row)!.Notes, n => n.Contains("cycled"));
    }

    /// <summary>A one-issue model whose runs cycle: the headline must not take its point as settled.</summary>
    private sealed class CyclingModel : IssueModel
    {
        public override ModelInfo Info { get; } = new("cycling", "A test model whose runs cycle.", "none");
        public override IssueResult Run(IssueProblem problem, ModelSettings settings) =>
            new() { Issue = problem.Issue.Id, Forecast = 50, Convergence = new Convergence(ConvergenceStatus.Cycled, 12, [40, 60]) };
    }

    [Fact]
    public void A_component_whose_run_did_not_settle_is_left_out_with_the_reason()
    {
        var scenario = BacktestDataset.Load(RepoPaths.Combine("data", "cases")).ValueOrThrow().Cases[0].Scenario;
        var issue = scenario.Issues[0].Id;
        var row = HeadlineInputs.Compute(scenario, issue, [(Vp, HeadlineComponent.Compromise), (Vp, HeadlineComponent.Eum)],
            models: new Dictionary<HeadlineComponent, IIssueModel> { [HeadlineComponent.Eum] = new CyclingModel() });
        Assert.True(double.IsNaN(row.Component(Vp, HeadlineComponent.Eum)));
        Assert.True(double.IsFinite(row.Component(Vp, HeadlineComponent.Compromise)));
        Assert.Contains(row.Notes, n => n.Contains("cycled (after 12 rounds)") && n.Contains("not a settled point"));
    }

    [Fact]
    public void Selection_finds_the_stack_when_the_outcome_is_the_setters_and_the_balanced_weights_give_each_data_set_half()
    {
        var random = new Random(5);
        var rows = Enumerable.Range(0, 80).Select(i =>
        {
            double c = random.Next(0, 100), s = random.Next(0, 100);
            return Row(c, s, double.NaN, s, group: $"g{i}", stratum: i < 20 ? "small" : "large");
        }).ToArray();
        var w = HeadlineSelection.BalancedWeights(rows);
        Assert.Equal(0.5, w.Take(20).Sum(), 12);
        Assert.Equal(0.5, w.Skip(20).Sum(), 12);
        var fit = HeadlineSelection.Select(rows, 1, candidates:
        [
            new HeadlineCandidate("compromise", (_, _) => new CompromiseCombination(Vp)),
            new HeadlineCandidate("stack", (r, ww) => StackCombination.Fit(Vp, r, ww)),
        ]);
        var group = Assert.Single(fit.Groups);
        Assert.Equal("stack/voting-power", group.Model.Combination.Name);
        Assert.Equal(1, ((StackCombination)group.Model.Combination).Coefficients[0], 6);
        Assert.Equal(0, group.Model.Interval.Quantiles[HeadlineInterval.P90], 6); // no error left
    }

    [Fact]
    public void Rule_groups_are_selected_and_served_separately()
    {
        var rows = Enumerable.Range(0, 40).Select(i => Row(i * 2, 100 - i * 2, double.NaN, i < 20 ? i * 2 : 100 - i * 2, group: $"g{i}",
            rule: i < 20 ? HeadlineRuleGroup.Consensus : HeadlineRuleGroup.Majority)).ToArray();
        var fit = HeadlineSelection.Select(rows, 1, candidates:
        [
            new HeadlineCandidate("compromise", (_, _) => new CompromiseCombination(Vp)),
            new HeadlineCandidate("stack", (r, ww) => StackCombination.Fit(Vp, r, ww)),
        ]);
        Assert.Equal("compromise/voting-power", fit.Spec.For(HeadlineRuleGroup.Consensus)!.Combination.Name);
        Assert.Equal("stack/voting-power", fit.Spec.For(HeadlineRuleGroup.Majority)!.Combination.Name);
        Assert.Equal(10, fit.Spec.Predict(rows[5])!.Forecast, 9);
        Assert.Equal(100 - 60, fit.Spec.Predict(rows[30])!.Forecast, 6);
    }

    /// <summary>
    /// The whole procedure, nested in the backtest's outer folds, on the corpus alone (in the repository; the DEU III
    /// figures need the shared data, see ShippedHeadlineTests): a regression check of every step. Figures in
    /// docs/headline.md ("corpus only").
    /// </summary>
    [Fact]
    public void Nested_cross_validation_on_the_corpus_reproduces_its_documented_figures()
    {
        var cases = BacktestDataset.Load(RepoPaths.Combine("data", "cases")).ValueOrThrow();
        var evaluation = HeadlineEvaluation.Run(BacktestDataset.Pool([cases]), new BacktestOptions());
        var headline = evaluation.Report.Models.Single(m => m.Name == "headline");
        Assert.True(headline.HeldOut);
        Assert.Equal(33, headline.Errors.N);
        Assert.Equal(20.62, headline.Errors.Mae, 2);
        Assert.Equal(11 / 33.0, headline.Errors.Within10, 9);
        Assert.Equal(27 / 33.0, headline.Intervals!.Coverage, 9);
        Assert.Equal(10, evaluation.OuterFits.Count);
        var setter = evaluation.Paired.Single(p => p.Benchmark == "agenda-setter");
        Assert.Equal(8, setter.N);
        Assert.Equal(0.625, setter.HeadlineWithin10, 9);
        Assert.Equal(HeadlineRuleGroup.Consensus, Assert.Single(evaluation.Final.Groups).Group);
    }
}
