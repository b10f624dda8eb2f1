using Parley.Application.Backtesting;
using Parley.Application.Headline;
using Parley.Backtest.Headline;
using Parley.Tests.Shared;

namespace Parley.Application.Tests;

/// <summary>The frozen headline constants are exactly what the documented fit produces on the training data.</summary>
public class ShippedHeadlineTests
{
    [Fact]
    public void The_shipped_constants_are_what_the_fit_produces_on_DEU_III_and_the_corpus()
    {
        var deu = SharedAnchors.RequireFile(Path.Combine("deu3", "deu3.csv"));
        var outcome = new HeadlineFitService().Run(new HeadlineFitRequest([deu, RepoPaths.Combine("data", "cases")]));
        var fitted = outcome.Evaluation.Final.Spec;
        Assert.Equal(ShippedHeadline.Spec.Models.Keys.Order(), fitted.Models.Keys.Order());
        foreach (var (group, shipped) in ShippedHeadline.Spec.Models)
            AssertSame(shipped, fitted.Models[group], group.ToString());
        // the documented held-out figures (docs/headline.md, docs/accuracy.md)
        var deuHeadline = outcome.Evaluation.Strata.Single(s => s.Stratum == "deu3.csv" && s.Model == "headline");
        Assert.Equal(23.82, deuHeadline.Errors.Mae, 2);
        Assert.Equal(274 / 351.0, deuHeadline.Intervals!.Coverage, 9);
        var corpus = outcome.Evaluation.Strata.Single(s => s.Stratum == "cases" && s.Model == "headline");
        Assert.Equal(22.02, corpus.Errors.Mae, 2);
        Assert.Equal(9 / 33.0, corpus.Errors.Within10, 9);
        Assert.Equal(26 / 33.0, corpus.Intervals!.Coverage, 9);
    }

    private static void AssertSame(HeadlineModel shipped, HeadlineModel fitted, string group)
    {
        Assert.Equal(shipped.Combination.GetType(), fitted.Combination.GetType());
        Assert.Equal(shipped.Combination.Basis, fitted.Combination.Basis);
        IReadOnlyList<double> Parameters(HeadlineCombination c) => c switch
        {
            StackCombination s => s.Coefficients,
            ConvexCombination v => v.Weights,
            _ => [],
        };
        var (a, b) = (Parameters(shipped.Combination), Parameters(fitted.Combination));
        Assert.Equal(a.Count, b.Count);
        for (int k = 0; k < a.Count; k++) Assert.True(Math.Abs(a[k] - b[k]) < 1e-9, $"{group}: parameter {k} shipped {a[k]}, fitted {b[k]}");
        Assert.Equal(shipped.Interval.Scaling, fitted.Interval.Scaling);
        for (int k = 0; k <= HeadlineInterval.Steps; k++)
            Assert.True(Math.Abs(shipped.Interval.Quantiles[k] - fitted.Interval.Quantiles[k]) < 1e-9,
                $"{group}: quantile {k} shipped {shipped.Interval.Quantiles[k]}, fitted {fitted.Interval.Quantiles[k]}; refit with '{ShippedHeadline.Command}'");
    }

    [Fact]
    public void The_shipped_intervals_are_symmetric_and_cover_both_rule_groups()
    {
        Assert.Equal([HeadlineRuleGroup.Consensus, HeadlineRuleGroup.Majority], ShippedHeadline.Spec.Models.Keys.Order());
        foreach (var model in ShippedHeadline.Spec.Models.Values)
        {
            var q = model.Interval.Quantiles;
            Assert.Equal(HeadlineInterval.Steps + 1, q.Count);
            for (int k = 0; k <= HeadlineInterval.Steps; k++) Assert.Equal(-q[HeadlineInterval.Steps - k], q[k], 12);
            Assert.True(q[HeadlineInterval.P90] > 0);
            Assert.Equal(q.Order(), q);
        }
    }
}
