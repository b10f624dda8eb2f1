using Parley.Core.Models;
using Parley.Core.Models.Baselines;
using Xunit;

namespace Parley.Core.Tests.Models.Baselines;

/// <summary>Invariants every baseline model must satisfy, on random valid problems (see <see cref="BaselineInstance"/>).</summary>
public class BaselinePropertyTests
{
    private const double Tolerance = 1e-9; // on a 0..100 scale

    public static TheoryData<string> AllModels => ["compromise", "median", "nash", "consensus"];

    private static readonly ModelSettings Linear = ModelSettings.Default.With("utility", "linear");

    private static IEnumerable<(IIssueModel Model, ModelSettings Settings)> Variants(string name)
    {
        var model = (IIssueModel)ModelCatalog.Find(name)!;
        yield return (model, ModelSettings.Default);
        if (name == "nash") yield return (model, Linear);
    }

    private static void Close(double expected, double actual, string what)
    {
        if (!(Math.Abs(expected - actual) <= Tolerance))
            throw new Xunit.Sdk.XunitException($"{what}: {expected:R} vs {actual:R}");
    }

    [Theory]
    [MemberData(nameof(AllModels))]
    public void Reordering_and_relabelling_the_actors_changes_nothing(string name)
    {
        foreach (var (model, settings) in Variants(name))
            BaselineInstance.Check(inst =>
                Close(model.Forecast(inst.Problem(), settings), model.Forecast(inst.Problem(permuted: true), settings), $"{name} reordered"));
    }

    [Theory]
    [MemberData(nameof(AllModels))]
    public void Multiplying_every_capability_by_a_positive_constant_changes_nothing(string name)
    {
        foreach (var (model, settings) in Variants(name))
            BaselineInstance.Check(inst =>
                Close(model.Forecast(inst.Problem(), settings),
                      model.Forecast(inst.Problem(capabilityFactor: inst.Factor), settings), $"{name} × {inst.Factor}"));
    }

    [Theory]
    [InlineData("compromise")]
    [InlineData("median")]
    [InlineData("nash")]
    public void Forecast_lies_within_the_range_of_positions(string name)
    {
        // For nash this holds whatever q: with q outside the positions every term of the objective rises below the
        // lowest and falls above the highest position; with q inside, the solution is q itself.
        foreach (var (model, settings) in Variants(name))
            BaselineInstance.Check(inst =>
            {
                double x = model.Forecast(inst.Problem(), settings);
                Assert.InRange(x, inst.Min - Tolerance, inst.Max + Tolerance);
            });
    }

    [Fact]
    public void Weighted_median_is_one_of_the_positions_and_minimises_the_weighted_distance()
    {
        BaselineInstance.Check(inst =>
        {
            double m = WeightedMedianModel.LowerWeightedMedian(inst.Positions, inst.Capabilities, inst.Saliences);
            Assert.Contains(m, inst.Positions);
            double Cost(double x)
            {
                double sum = 0;
                for (int i = 0; i < inst.Count; i++) sum += inst.Capabilities[i] * inst.Saliences[i] * Math.Abs(x - inst.Positions[i]);
                return sum;
            }
            // The cost is piecewise linear with kinks at the positions, so its minimum over the line is at a position.
            double best = inst.Positions.Min(Cost);
            Assert.True(Cost(m) <= best * (1 + 1e-12) + 1e-12, $"cost at median {Cost(m):R} > minimum {best:R}");
            // Lower convention: the weight strictly below the median is less than half, the weight up to it at least half.
            double total = 0, below = 0, upTo = 0;
            for (int i = 0; i < inst.Count; i++)
            {
                double w = inst.Capabilities[i] * inst.Saliences[i];
                total += w;
                if (inst.Positions[i] < m) below += w;
                if (inst.Positions[i] <= m) upTo += w;
            }
            Assert.True(below < total / 2 * (1 - 1e-12), $"weight below the median {below:R} is half of {total:R} or more");
            Assert.True(upTo >= total / 2 * (1 - 1e-12), $"weight up to the median {upTo:R} is less than half of {total:R}");
        });
    }

    [Fact]
    public void Weighted_mean_minimises_the_weighted_squared_distance()
    {
        BaselineInstance.Check(inst =>
        {
            double mean = CompromiseModel.WeightedMean(inst.Positions, inst.Capabilities, inst.Saliences);
            double gradient = 0;
            for (int i = 0; i < inst.Count; i++) gradient += inst.Capabilities[i] * inst.Saliences[i] * (mean - inst.Positions[i]);
            Assert.True(Math.Abs(gradient) <= 1e-9 * inst.Capabilities.Sum() * 100, $"gradient {gradient}");
        });
    }

    [Theory]
    [InlineData(NashUtility.Quadratic)]
    [InlineData(NashUtility.Linear)]
    public void Nash_solution_is_feasible_and_maximises_the_weighted_log_gain_to_1e_7_of_the_feasible_width(NashUtility utility)
    {
        int k = utility == NashUtility.Quadratic ? 2 : 1;
        BaselineInstance.Check(inst =>
        {
            double q = inst.StatusQuo;
            var s = NashBargainingModel.Solve(inst.Positions, inst.Capabilities, inst.Saliences, q, utility);
            Assert.InRange(s.Point, s.FeasibleLow, s.FeasibleHigh);
            for (int i = 0; i < inst.Count; i++) // every actor weakly prefers the solution to the status quo
                Assert.True(Math.Abs(s.Point - inst.Positions[i]) <= Math.Abs(q - inst.Positions[i]) + Tolerance);
            if (s.Kind != NashOutcomeKind.Interior)
            {
                Assert.Equal(q, s.Point);
                bool straddle = inst.Positions.Any(x => x < q) && inst.Positions.Any(x => x > q);
                Assert.True(straddle || inst.Positions.Contains(q));
                return;
            }
            // Optimality certificate, computed independently: the objective Σ w ln(|q − x_i|^k − |x − x_i|^k) rises just
            // below the solution and falls just above it (one-sided derivatives away from any kink).
            double Slope(double x)
            {
                double sum = 0;
                for (int i = 0; i < inst.Count; i++)
                {
                    double w = inst.Capabilities[i] * inst.Saliences[i];
                    double a = x - inst.Positions[i], d = Math.Abs(q - inst.Positions[i]);
                    double gain = Math.Pow(d, k) - Math.Pow(Math.Abs(a), k);
                    if (!(gain > 0)) return double.NaN; // outside the open feasible set
                    sum += w * (k == 2 ? -2 * a : -Math.Sign(a)) / gain;
                }
                return sum;
            }
            double delta = 1e-7 * (s.FeasibleHigh - s.FeasibleLow);
            double left = Slope(s.Point - delta), right = Slope(s.Point + delta);
            Assert.True(double.IsNaN(left) || left >= 0, $"objective still falls just below {s.Point:R} (slope {left})");
            Assert.True(double.IsNaN(right) || right <= 0, $"objective still rises just above {s.Point:R} (slope {right})");
            Assert.False(double.IsNaN(left) && double.IsNaN(right));
        });
    }

    [Fact]
    public void Nash_lies_within_the_positions_when_the_status_quo_does()
    {
        BaselineInstance.Check(inst =>
        {
            foreach (var utility in new[] { NashUtility.Quadratic, NashUtility.Linear })
            {
                double q = Math.Clamp(inst.StatusQuo, inst.Min, inst.Max);
                double x = NashBargainingModel.Solve(inst.Positions, inst.Capabilities, inst.Saliences, q, utility).Point;
                Assert.InRange(x, inst.Min, inst.Max);
            }
        });
    }
}
