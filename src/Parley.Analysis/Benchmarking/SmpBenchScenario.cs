using Parley.Analysis.Random;
using Parley.Core.Models.Spatial;

namespace Parley.Analysis.Benchmarking;

/// <summary>
/// Deterministic random SMP problems of any size for the SMP benchmark (docs/performance.md, "random 1,000 × 3"), in
/// the SMP's own terms (<see cref="SmpProblem"/>, run with <c>new SmpEngine(problem, options).Run()</c>): per actor,
/// in actor order, a capability U(10, 200); a total salience U(0.75, 0.99) split at random across the dimensions
/// (uniformly on the simplex: normalised exponential draws, so Σ_k s_ik is the total and ≤ 0.99 &lt; 1 as KTAB
/// requires); then one position U(0, 1) rounded to 0.0001 per dimension. Every draw comes from one
/// <see cref="Xoshiro256StarStar"/> stream of the seed (42 by default), so a (actors, dimensions, seed) triple always
/// gives the same problem. Actors are named a0001…, dimensions d1….
/// </summary>
public static class SmpBenchScenario
{
    public const ulong DefaultSeed = 42;

    public const double CapabilityMin = 10, CapabilityMax = 200;
    public const double TotalSalienceMin = 0.75, TotalSalienceMax = 0.99;

    /// <summary>A random problem of <paramref name="actors"/> actors (≥ 2) on <paramref name="dimensions"/> dimensions (≥ 1).</summary>
    public static SmpProblem Create(int actors, int dimensions = 1, ulong seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(actors, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        int n = actors, m = dimensions;
        var rng = new Xoshiro256StarStar(seed);
        var ids = new string[n];
        var capabilities = new double[n];
        var positions = new double[n * m];
        var saliences = new double[n * m];
        var split = new double[m];
        for (int i = 0; i < n; i++)
        {
            ids[i] = $"a{i + 1:D4}";
            capabilities[i] = CapabilityMin + (CapabilityMax - CapabilityMin) * rng.NextDouble();
            double total = TotalSalienceMin + (TotalSalienceMax - TotalSalienceMin) * rng.NextDouble();
            if (m == 1) saliences[i] = total;
            else
            {
                double sum = 0;
                for (int k = 0; k < m; k++)
                {
                    // −ln(1 − u) with u in [0, 1) is an Exp(1) draw; normalised, the weights are uniform on the simplex.
                    // 1e-12 keeps every share positive (a zero weight would only be a 2⁻⁵³ event).
                    split[k] = 1e-12 - Math.Log(1 - rng.NextDouble());
                    sum += split[k];
                }
                for (int k = 0; k < m; k++) saliences[i * m + k] = total * split[k] / sum;
            }
            for (int k = 0; k < m; k++) positions[i * m + k] = Math.Round(rng.NextDouble(), 4);
        }
        var dims = Enumerable.Range(1, m).Select(k => $"d{k}").ToArray();
        return new SmpProblem(ids, dims, capabilities, positions, saliences);
    }

    /// <summary>The name the benchmark shows for a generated problem, e.g. "random 1000 × 3".</summary>
    public static string Name(int actors, int dimensions) => $"random {actors} × {dimensions}";
}
