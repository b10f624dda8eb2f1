using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Parley.Analysis.Inputs;
using Parley.Analysis.Random;
using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Analysis.MonteCarlo;

/// <summary>
/// Monte Carlo over the scenario's input ranges, for any model. One-dimensional models take the fast path: the issue's
/// problem arrays are refilled in place for each draw and <see cref="IIssueModel.Forecast"/> is called (no traces, no
/// allocation beyond the per-draw settings); every other model gets a whole scenario per draw. Draw d's inputs come only
/// from (seed, d) (<see cref="DrawKeys"/>), draws run in parallel with each outcome written to its own slot, and the
/// summary is computed in draw order, so the result does not depend on the thread count.
/// Every draw hands the model the same settings object (so the run's seed): the hot loop allocates nothing and models
/// may cache what they parse from their settings (the EUM does). The distribution is that of the input uncertainty;
/// a stochastic model's own noise enters as common random numbers (see docs/decisions.md).
/// </summary>
public static class MonteCarloRunner
{
    public static ModelDistributions Run(Scenario scenario, IModel model, ModelSettings settings, MonteCarloOptions options)
    {
        if (options.Draws < 1) throw new AnalysisException($"--draws must be at least 1 (got {options.Draws})");
        settings.RejectUnknown(model.Info);
        var space = new InputSpace(scenario);
        var issues = IssueModel.SelectIssues(scenario, settings).ToArray();
        return Summarise(model.Info.Name, issues, Outcomes(space, issues, model, settings, options), options);
    }

    /// <summary>The distributions of outcomes given per issue in draw order (all <see cref="MonteCarloOptions.Draws"/> of them).</summary>
    public static ModelDistributions Summarise(string model, IReadOnlyList<Issue> issues, double[][] outcomes, MonteCarloOptions options)
    {
        var distributions = issues.Select((issue, k) => OutcomeDistribution.Of(issue, outcomes[k], options.HistogramBins)).ToArray();
        return new ModelDistributions(model, options.Draws, options.Seed, distributions);
    }

    /// <summary>The raw outcomes: one array per issue (in <paramref name="issues"/> order), indexed by draw.</summary>
    public static double[][] Outcomes(InputSpace space, IReadOnlyList<Issue> issues, IModel model, ModelSettings settings,
        MonteCarloOptions options) => Outcomes(space, issues, model, settings, options, 0, options.Draws);

    /// <summary>
    /// The raw outcomes of draws [<paramref name="first"/>, <paramref name="end"/>) only, indexed by draw − first: a batch of
    /// a Monte Carlo cut across machines (draw d's value does not depend on which batch computes it).
    /// </summary>
    public static double[][] Outcomes(InputSpace space, IReadOnlyList<Issue> issues, IModel model, ModelSettings settings,
        MonteCarloOptions options, int first, int end)
    {
        if (model is IIssueModel fast && !model.Info.IsMultiIssue)
            return issues.Select(issue => FastOutcomes(fast, space.MapFor(IssueProblem.From(space.Scenario, issue)), settings, options, first, end))
                .ToArray();
        return ScenarioOutcomes(model, space, issues, settings, options, first, end);
    }

    /// <summary>The one-dimensional fast path: draws of one issue, per-thread buffers reused across draws.</summary>
    public static double[] FastOutcomes(IIssueModel model, IssueInputMap map, ModelSettings settings, MonteCarloOptions options) =>
        FastOutcomes(model, map, settings, options, 0, options.Draws);

    private static double[] FastOutcomes(IIssueModel model, IssueInputMap map, ModelSettings settings, MonteCarloOptions options,
        int first, int end)
    {
        var result = new double[end - first];
        ulong seed = options.Seed;
        ForEachRange(options, first, end, () => new FastState(map.Problem), (state, from, to) =>
        {
            int d = from;
            try
            {
                for (; d < to; d++)
                {
                    ulong key = DrawKeys.Key(seed, (ulong)d);
                    map.Fill(key, state.Positions, state.Saliences, state.Capabilities);
                    result[d - first] = model.Forecast(state.Problem, settings);
                }
            }
            catch (Exception e) when (e is not DrawFailedException and not OperationCanceledException)
            {
                throw new DrawFailedException(model.Info.Name, d, e);
            }
            options.Progress?.Invoke(to - from);
        });
        return result;
    }

    private static double[][] ScenarioOutcomes(IModel model, InputSpace space, IReadOnlyList<Issue> issues, ModelSettings settings,
        MonteCarloOptions options, int first, int end)
    {
        var result = issues.Select(_ => new double[end - first]).ToArray();
        ulong seed = options.Seed;
        settings = Batching.BatchSettings.For(model, settings, options);
        ForEachRange(options, first, end, () => 0, (_, from, to) =>
        {
            int d = from;
            try
            {
                for (; d < to; d++)
                {
                    ulong key = DrawKeys.Key(seed, (ulong)d);
                    var run = model.Run(space.Draw(key), settings, options.Cancellation);
                    for (int k = 0; k < issues.Count; k++)
                        result[k][d - first] = run.For(issues[k].Id)?.Forecast ?? double.NaN;
                }
            }
            catch (Exception e) when (e is not DrawFailedException and not OperationCanceledException)
            {
                throw new DrawFailedException(model.Info.Name, d, e);
            }
            options.Progress?.Invoke(to - from); // one model run per draw
        }, minChunk: 1);
        return result;
    }

    /// <summary>Runs <paramref name="body"/> over [0, draws) in contiguous ranges on the requested number of threads.</summary>
    internal static void ForEachRange<TState>(MonteCarloOptions options, Func<TState> init, Action<TState, int, int> body) =>
        ForEachRange(options, 0, options.Draws, init, body);

    /// <summary>
    /// Runs <paramref name="body"/> over [first, end) in contiguous ranges on the requested number of threads; ranges hold at
    /// least <paramref name="minChunk"/> indices (1 where each index is a whole model run, so that a few dozen still spread
    /// over the cores).
    /// </summary>
    internal static void ForEachRange<TState>(MonteCarloOptions options, int first, int end, Func<TState> init, Action<TState, int, int> body,
        int minChunk = 16)
    {
        int n = end, threads = options.EffectiveThreads;
        try
        {
            if (threads == 1)
            {
                var state = init();
                int step = minChunk < 16 ? 4 : 256;
                for (int from = first; from < n; from += step)
                {
                    options.Cancellation.ThrowIfCancellationRequested();
                    body(state, from, Math.Min(n, from + step));
                }
                return;
            }
            Parallel(options, init, body, first, n, threads, minChunk);
        }
        catch (DrawFailedException e)
        {
            throw new AnalysisException(e.Message, e.InnerException);
        }
    }

    private static void Parallel<TState>(MonteCarloOptions options, Func<TState> init, Action<TState, int, int> body, int start, int n,
        int threads, int minChunk)
    {
        // whole model runs go in small ranges: even load across threads, frequent progress and cancellation checks
        int chunk = Math.Clamp((n - start) / (threads * 8), minChunk, minChunk < 16 ? 32 : 4096);
        try
        {
            System.Threading.Tasks.Parallel.ForEach(Partitioner.Create(start, n, chunk),
                new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = options.Cancellation },
                init, (range, _, state) => { body(state, range.Item1, range.Item2); return state; }, _ => { });
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.All(x => x is OperationCanceledException))
        {
            throw new OperationCanceledException(options.Cancellation);
        }
        catch (AggregateException e)
        {
            // report the failure of the lowest draw among those that failed, whatever thread met it first
            var inner = e.Flatten().InnerExceptions;
            var first = inner.OfType<DrawFailedException>().OrderBy(x => x.Draw).FirstOrDefault() ?? inner[0];
            ExceptionDispatchInfo.Capture(first).Throw();
        }
    }

    private sealed class DrawFailedException(string model, int draw, Exception inner)
        : Exception($"model '{model}' failed on Monte Carlo draw {draw}: {inner.Message}", inner)
    {
        public int Draw { get; } = draw;
    }

    private sealed class FastState
    {
        public FastState(IssueProblem template)
        {
            int n = template.Count;
            Positions = new double[n];
            Saliences = new double[n];
            Capabilities = new double[n];
            Problem = template.WithInputs(Positions, Saliences, Capabilities);
        }

        public double[] Positions { get; }
        public double[] Saliences { get; }
        public double[] Capabilities { get; }
        public IssueProblem Problem { get; }
    }
}
