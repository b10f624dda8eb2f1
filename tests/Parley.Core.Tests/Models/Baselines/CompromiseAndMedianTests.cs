using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.Baselines;
using Xunit;

namespace Parley.Core.Tests.Models.Baselines;

public class CompromiseAndMedianTests
{
    // EC car-emissions table (Bueno de Mesquita 1994, table p. 78), salience on 0–100 as published.
    internal static readonly double[] EcCapability = [0.08, 0.08, 0.03, 0.16, 0.16, 0.16, 0.16, 0.05, 0.05, 0.08];
    internal static readonly double[] EcPosition = [4, 7, 4, 4, 10, 10, 10, 7, 4, 7];
    internal static readonly double[] EcSalience = [0.8, 0.4, 0.2, 0.8, 0.6, 0.6, 0.9, 0.1, 1.0, 0.7];

    [Fact]
    public void Weighted_mean_of_the_EC_emissions_table_is_the_SPEC_value()
    {
        // anchors/baselines/SPEC.md §3.3: weighted mean 7.389956
        Assert.Equal(7.389956, CompromiseModel.WeightedMean(EcPosition, EcCapability, EcSalience), 6);
    }

    [Fact]
    public void Weighted_median_of_the_EC_emissions_table_is_the_SPEC_value()
    {
        // anchors/baselines/SPEC.md §3.3: weighted median 7.0
        Assert.Equal(7.0, WeightedMedianModel.LowerWeightedMedian(EcPosition, EcCapability, EcSalience));
    }

    [Fact]
    public void Lower_median_is_taken_when_the_cumulative_weight_hits_exactly_half()
    {
        Assert.Equal(1.0, WeightedMedianModel.LowerWeightedMedian([1, 2], [1, 1], [1, 1]));
    }

    [Fact]
    public void Lower_median_survives_rounding_of_an_exact_half()
    {
        // 0.05 + 0.25 = 0.1 + 0.2 in exact arithmetic, but in binary floating point the first sum falls short of half
        // the total; the lower median (1) must still be taken (DEU saliences are percent / 100, found in the backtest).
        Assert.Equal(1.0, WeightedMedianModel.LowerWeightedMedian([1, 1, 2, 2], [1, 1, 1, 1], [0.05, 0.25, 0.1, 0.2]));
    }

    [Fact]
    public void Upper_position_is_taken_when_the_lower_half_weighs_less()
    {
        Assert.Equal(2.0, WeightedMedianModel.LowerWeightedMedian([1, 2], [1, 1.0000001], [1, 1]));
        Assert.Equal(2.0, WeightedMedianModel.LowerWeightedMedian([3, 1, 2], [1, 1, 1], [1, 1, 1]));
    }

    [Fact]
    public void All_zero_weights_fall_back_to_the_unweighted_statistics_with_a_note()
    {
        Assert.Equal(20.0 / 3, CompromiseModel.WeightedMean([0, 10, 10], [1, 1, 1], [0, 0, 0]), 12);
        Assert.Equal(5.0, WeightedMedianModel.LowerWeightedMedian([10, 5, 0, 20], [1, 1, 1, 1], [0, 0, 0, 0]));

        var actors = new[] { new Actor(new ActorId("a"), "A", 1), new Actor(new ActorId("b"), "B", 2) };
        var issue = new Issue(new IssueId("i"), "I", new Scale(0, 10));
        var zero = new IssueProblem(issue, actors, [2, 8], [0, 0], [1, 2], new DecisionRule.Consensus());
        var mean = new CompromiseModel().Run(zero, ModelSettings.Default);
        Assert.Equal(5, mean.Forecast);
        Assert.Contains(mean.Notes!, n => n.Contains("zero weight"));
        var median = new WeightedMedianModel().Run(zero, ModelSettings.Default);
        Assert.Equal(2, median.Forecast);
        Assert.NotNull(median.Notes);
        Assert.Null(new CompromiseModel().Run(zero.WithInputs([2, 8], [1, 0], [1, 2]), ModelSettings.Default).Notes);
    }

    [Fact]
    public void Zero_weight_actors_do_not_move_the_mean_or_the_median()
    {
        Assert.Equal(7.0, CompromiseModel.WeightedMean([7, 100], [1, 5], [1, 0]));
        Assert.Equal(7.0, WeightedMedianModel.LowerWeightedMedian([100, 7, 0], [5, 1, 3], [0, 1, 0]));
    }
}
