using Parley.Analysis.Inputs;
using Parley.Analysis.MonteCarlo;
using Parley.Analysis.Random;
using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Analysis.Sensitivity;

/// <summary>One input's variance-based sensitivity: the share of the forecast's variance it explains alone (first order) and with all its interactions (total).</summary>
public sealed record SobolIndex(UncertainInput Input, string Label, double First, double Total);

/// <summary>Sobol indices of one model's forecast on one issue; <see cref="Variance"/> is the forecast's variance over the draws.</summary>
public sealed record SobolResult(IssueId Issue, int Samples, double Variance, IReadOnlyList<SobolIndex> Indices);

/// <summary>
/// Variance-based (Sobol) sensitivity indices by Saltelli's sampling scheme with two independent sample matrices A and
/// B and, for each input i, A with column i taken from B (A_B^i): N·(k + 2) model runs for k inputs. First-order
/// indices use Saltelli et al. (2010, Comput. Phys. Commun. 181, eq. (b) of table 2):
/// S_i = (1/N) Σ (f(B) − f̄)(f(A_B^i) − f(A)) / V (centred on the mean f̄, which leaves it unbiased and cuts its noise); total-order indices use Jansen (1999): S_Ti = (1/2N) Σ (f(A) − f(A_B^i))² / V,
/// with V the variance of f over A and B together. Rows are drawn as Monte Carlo draws are (counter-based), so the
/// result is identical for any thread count. Inputs are those <see cref="Tornado"/> varies.
/// </summary>
public static class Sobol
{
    private const ulong BSalt = 0xB5AD4ECEDA1CE2A9UL;

    public static IReadOnlyList<SobolResult> Run(Scenario scenario, IModel model, ModelSettings settings, int samples, MonteCarloOptions options)
    {
        var design = new SobolDesign(scenario, model, settings, samples, options.Seed);
        return design.Summarise(design.Rows(0, samples, options));
    }

    /// <summary>f[0] = f(A), f[1] = f(B), f[2 + i] = f(A_B^i); each indexed by row − first.</summary>
    internal static double[][] FastRows(IIssueModel model, IssueInputMap map, IReadOnlyList<UncertainInput> inputs, ModelSettings settings,
        ulong seedA, ulong seedB, MonteCarloOptions options, int first, int end)
    {
        var f = Enumerable.Range(0, inputs.Count + 2).Select(_ => new double[end - first]).ToArray();
        MonteCarloRunner.ForEachRange(options, first, end, () => new Buffers(map.Problem), (b, from, to) =>
        {
            for (int j = from; j < to; j++)
            {
                int r = j - first;
                ulong ka = DrawKeys.Key(seedA, (ulong)j), kb = DrawKeys.Key(seedB, (ulong)j);
                map.Fill(ka, b.Positions, b.Saliences, b.Capabilities);
                f[0][r] = model.Forecast(b.Problem, settings);
                map.Fill(kb, b.Positions, b.Saliences, b.Capabilities);
                f[1][r] = model.Forecast(b.Problem, settings);
                for (int i = 0; i < inputs.Count; i++)
                {
                    map.Fill(ka, kb, inputs[i].Slot, b.Positions, b.Saliences, b.Capabilities);
                    f[2 + i][r] = model.Forecast(b.Problem, settings);
                }
            }
            options.Progress?.Invoke((long)(to - from) * (inputs.Count + 2));
        });
        return f;
    }

    internal static double[][][] ScenarioRows(IModel model, InputSpace space, IReadOnlyList<Issue> issues, ModelSettings settings,
        ulong seedA, ulong seedB, MonteCarloOptions options, int first, int end)
    {
        int k = space.Inputs.Count;
        var f = issues.Select(_ => Enumerable.Range(0, k + 2).Select(_ => new double[end - first]).ToArray()).ToArray();
        settings = Batching.BatchSettings.For(model, settings, options);
        MonteCarloRunner.ForEachRange(options, first, end, () => 0, (_, from, to) =>
        {
            for (int j = from; j < to; j++)
            {
                ulong ka = DrawKeys.Key(seedA, (ulong)j), kb = DrawKeys.Key(seedB, (ulong)j);
                for (int m = -2; m < k; m++)
                {
                    int fromB = m;
                    var s = space.Materialise(u => u.Range.Quantile(DrawKeys.Uniform(
                        fromB == -1 || u.Slot == fromB && fromB >= 0 ? kb : ka, u.Slot)));
                    var run = model.Run(s, settings, options.Cancellation);
                    for (int q = 0; q < issues.Count; q++)
                        f[q][m + 2][j - first] = run.For(issues[q].Id)?.Forecast ?? double.NaN;
                }
            }
            options.Progress?.Invoke((long)(to - from) * (k + 2));
        }, minChunk: 1);
        return f;
    }

    internal static ulong SeedB(ulong seed) => SplitMix64.Mix(seed ^ BSalt);

    internal static SobolResult Indices(IssueId issue, IReadOnlyList<UncertainInput> inputs, Scenario scenario, double[][] f, int n)
    {
        double[] fa = f[0], fb = f[1];
        double mean = 0;
        for (int j = 0; j < n; j++) mean += fa[j] + fb[j];
        mean /= 2 * n;
        double v = 0;
        for (int j = 0; j < n; j++) v += (fa[j] - mean) * (fa[j] - mean) + (fb[j] - mean) * (fb[j] - mean);
        v /= 2 * n - 1;
        var indices = new List<SobolIndex>();
        for (int i = 0; i < inputs.Count; i++)
        {
            double[] fab = f[2 + i];
            double first = 0, total = 0;
            for (int j = 0; j < n; j++)
            {
                first += (fb[j] - mean) * (fab[j] - fa[j]); // centred: same expectation, far less noise when the mean is large
                total += (fa[j] - fab[j]) * (fa[j] - fab[j]);
            }
            indices.Add(v > 0
                ? new SobolIndex(inputs[i], inputs[i].Label(scenario), first / n / v, total / (2.0 * n) / v)
                : new SobolIndex(inputs[i], inputs[i].Label(scenario), 0, 0));
        }
        return new SobolResult(issue, n, v, indices.OrderByDescending(x => x.Total).ThenBy(x => x.Input.Slot).ToArray());
    }

    private sealed class Buffers
    {
        public Buffers(IssueProblem template)
        {
            Positions = new double[template.Count];
            Saliences = new double[template.Count];
            Capabilities = new double[template.Count];
            Problem = template.WithInputs(Positions, Saliences, Capabilities);
        }

        public double[] Positions { get; }
        public double[] Saliences { get; }
        public double[] Capabilities { get; }
        public IssueProblem Problem { get; }
    }
}
