using FsCheck;
using FsCheck.Fluent;
using Parley.Core.Models;
using Parley.Core.Models.ExpectedUtility;
using Parley.Core.Models.ExpectedUtility.Reference;
using Xunit;

namespace Parley.Core.Tests.Models.ExpectedUtility;

/// <summary>
/// The fast kernel (prefix sums, O(n·m) all-pairs denominator, vectorised powers, tables or streamed rows) against
/// the readable O(n³) specification of the reference variant (<see cref="NaiveEum"/>), on random problems with and
/// without shared positions.
/// </summary>
public class NaiveReferenceTests
{
    internal static readonly Gen<(double[] X, double[] S, double[] C)> Problems =
        from n in Gen.Choose(2, 8)
        from shared in Gen.Elements(true, false)
        from x in Gen.ArrayOf(shared ? Gen.Choose(0, 4).Select(v => 25.0 * v) : Gen.Choose(0, 100_000).Select(v => v / 1000.0), n)
        from s in Gen.ArrayOf(Gen.Choose(1, 100).Select(v => v / 100.0), n)
        from c in Gen.ArrayOf(Gen.Choose(1, 100).Select(v => v / 100.0), n)
        where x.Max() > x.Min()
        select (x, s, c);

    [Fact]
    public void Fast_probabilities_equal_the_naive_triple_sum_with_and_without_risk()
    {
        Prop.ForAll(Problems.ToArbitrary(), p =>
        {
            var w = p.C.Zip(p.S, (c, s) => c * s).ToArray();
            var naive = new NaiveEum(p.X, p.C, p.S);
            foreach (long budget in new[] { EumKernel.DefaultTableBudgetBytes, 0 }) // tables, streamed rows
            {
                var kernel = new EumKernel { TableBudgetBytes = budget };
                kernel.Load(p.X, p.S, w, p.X.Max() - p.X.Min(), new EumOptions(EumVariant.Reference, Risk: false));
                kernel.Prepare();
                for (int i = 0; i < p.X.Length; i++)
                    for (int j = 0; j < p.X.Length; j++)
                        if (Math.Abs(kernel.Probability(i, j) - naive.Probability(p.X[i], p.X[j])) > 1e-12) return false;
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Ten_rounds_of_the_fast_kernel_equal_the_naive_reference_algorithm()
    {
        Prop.ForAll(Problems.ToArbitrary(), p =>
        {
            var names = Enumerable.Range(0, p.X.Length).Select(i => $"a{i}").ToArray();
            var result = (EumResult)new ExpectedUtilityModel().Run(EcEmissions.Build(names, p.X, p.S, p.C, 0, 100), ModelSettings.Default);
            var naive = new NaiveEum(p.X, p.C, p.S);
            double range = p.X.Max() - p.X.Min();
            for (int t = 1; t <= 10; t++)
            {
                var x = naive.Round();
                // Once two actors converge on each other (distinct positions within 1e-4·R) the reference dynamics
                // amplify rounding differences into different moves; compare only the well-conditioned rounds.
                if (x.Any(a => x.Any(b => a != b && Math.Abs(a - b) < 1e-4 * range))) break;
                for (int i = 0; i < x.Length; i++)
                    if (Math.Abs(result.Rounds[t].Positions[names[i]] - x[i]) > 1e-6) return false;
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }
}
