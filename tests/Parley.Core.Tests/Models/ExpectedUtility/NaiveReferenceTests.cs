using FsCheck;
using FsCheck.Fluent;
using Parley.Core.Modelling;
using Parley.Core.Models.ExpectedUtility;
using Xunit;

namespace Parley.Core.Tests.Models.ExpectedUtility;

/// <summary>
/// The fast kernel (prefix sums, O(n·m) all-pairs denominator, vectorised powers) against a direct O(n³) transcription
/// of the reference algorithm (jmckib/dmasad code semantics), on random problems with and without shared positions.
/// </summary>
public class NaiveReferenceTests
{
    /// <summary>Straight from the reference code: every vote summed, every EU evaluated pair by pair.</summary>
    internal sealed class Naive(double[] x, double[] c, double[] s)
    {
        private readonly double[] _x = (double[])x.Clone();
        private readonly double[] _r = x.Select(_ => 1.0).ToArray();
        private readonly double _range = x.Max() - x.Min();
        private int N => _x.Length;

        private double Compare(int k, double xj, double xl, double? risk = null)
        {
            double r = risk ?? _r[k];
            return c[k] * s[k] * (Math.Pow(Math.Abs(_x[k] - xl) / _range, r) - Math.Pow(Math.Abs(_x[k] - xj) / _range, r));
        }

        public double Probability(double xi, double xj)
        {
            if (xi == xj) return 0.0;
            double all = 0, num = 0;
            for (int k = 0; k < N; k++)
            {
                for (int a = 0; a < N; a++)
                    for (int b = 0; b < N; b++)
                        all += Math.Abs(Compare(k, _x[a], _x[b]));
                num += Math.Max(0, Compare(k, xi, xj));
            }
            return num / all;
        }

        private double Eu(int self, int i, int j)
        {
            double p = Probability(_x[i], _x[j]), r = _r[self];
            double us = 2 - 4 * Math.Pow(0.5 - 0.5 * Math.Abs(_x[i] - _x[j]) / _range, r);
            double uf = 2 - 4 * Math.Pow(0.5 + 0.5 * Math.Abs(_x[i] - _x[j]) / _range, r);
            double usq = 2 - 4 * Math.Pow(0.5, r);
            return s[j] * (p * us + (1 - p) * uf) + (1 - s[j]) * us - 1.0 * usq;
        }

        public double[] Round()
        {
            for (int i = 0; i < N; i++) _r[i] = 1.0;
            var danger = Enumerable.Range(0, N).Select(i => Enumerable.Range(0, N).Where(j => j != i).Sum(j => Eu(i, j, i))).ToArray();
            double max = danger.Max(), min = danger.Min();
            var r = danger.Select(d => max == min ? 1.0 : (1 - (2 * d - max - min) / (max - min) / 3) / (1 + (2 * d - max - min) / (max - min) / 3)).ToArray();
            r.CopyTo(_r, 0);
            var next = (double[])_x.Clone();
            for (int i = 0; i < N; i++)
            {
                (double Key, double Pos)? conf = null, comp = null;
                for (int j = 0; j < N; j++)
                {
                    if (_x[i] == _x[j]) continue;
                    double a = Eu(i, i, j), b = Eu(i, j, i);
                    if (b > a && a > 0) { var key = Math.Abs(_x[i] - _x[j]); if (conf is null || key < conf.Value.Key) conf = (key, _x[j]); }
                    else if (b > 0 && 0 > a && b > Math.Abs(a))
                    {
                        double pos = _x[i] + (_x[j] - _x[i]) * Math.Abs(a / b);
                        double key = (Math.Abs(a) * _x[i] + Math.Abs(b) * _x[j]) / (Math.Abs(a) + Math.Abs(b));
                        if (comp is null || key < comp.Value.Key) comp = (key, pos);
                    }
                }
                if (conf is { } cf) next[i] = cf.Pos;
                else if (comp is { } cp) next[i] = cp.Pos;
            }
            next.CopyTo(_x, 0);
            return next;
        }
    }

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
            var kernel = new EumKernel();
            kernel.Load(p.X, p.S, w, p.X.Max() - p.X.Min(), new EumOptions(EumVariant.Reference, Risk: false));
            kernel.Prepare();
            var naive = new Naive(p.X, p.C, p.S);
            for (int i = 0; i < p.X.Length; i++)
                for (int j = 0; j < p.X.Length; j++)
                    if (Math.Abs(kernel.Probability(i, j) - naive.Probability(p.X[i], p.X[j])) > 1e-12) return false;
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
            var naive = new Naive(p.X, p.C, p.S);
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
