using Parley.Analysis.Batching;
using Parley.Analysis.MonteCarlo;
using Parley.Backtest;
using Parley.Core;
using Parley.Core.Models;

namespace Parley.Application.Backtesting;

/// <summary>
/// What `backtest` scores: a data set (a DEU file or a folder of scenarios whose issues carry an outcome), the
/// predictors (empty = every model, benchmark and tuned combination; <c>NAME:KEY=VALUE,...</c> gives a model its
/// settings), the capability convention (null = the data set's default), the folds of the cross-validation and a seed.
/// </summary>
public sealed record BacktestRequest(string Dataset)
{
    public IReadOnlyList<string> Predictors { get; init; } = [];
    public string? Capability { get; init; }
    public int Folds { get; init; } = 10;
    public ulong? Seed { get; init; }
}

/// <summary>A backtest's scores with the notes about the data (files passed over, models that failed on some cases).</summary>
public sealed record BacktestOutcome(BacktestReport Report, IReadOnlyList<Note> Notes);

/// <summary>A backtest request resolved (<see cref="BacktestService.Plan"/>).</summary>
public sealed record BacktestPlan(BacktestDataset Data, CapabilityConvention Convention, IReadOnlyList<IPredictor> Predictors,
    BacktestOptions Options, IReadOnlyList<Note> Notes);

/// <summary>The `backtest` use case.</summary>
public sealed class BacktestService
{
    /// <param name="executor">Where the model predictors' forecasts run (null = here, as the scoring asks for them); the scores do not depend on it.</param>
    public BacktestOutcome Run(BacktestRequest request, CancellationToken cancellation = default, IWorkExecutor? executor = null)
    {
        var plan = Plan(request);
        cancellation.ThrowIfCancellationRequested();
        var cases = Backtester.Prepare(plan.Data, plan.Convention);
        var predictors = executor is null
            ? plan.Predictors
            : executor.Summarise(BacktestWork.Id, new BacktestWork(cases.Cases, plan.Predictors), new MonteCarloOptions { Cancellation = cancellation });
        var report = Backtester.Run(plan.Data, cases, predictors, plan.Options);
        var notes = plan.Notes.ToList();
        foreach (var m in report.Models.Where(m => m.Failed > 0))
            notes.Add(new Note(NoteKind.Skipped, $"{m.Name} failed on {m.Failed} case(s), first: {m.FirstFailure}"));
        var unheld = report.Models.Where(m => m.Kind == "tuned" && !m.HeldOut && m.NotApplicable > 0).Select(m => m.Name).ToArray();
        if (unheld.Length > 0)
            notes.Add(new Note(NoteKind.Skipped, $"{string.Join(", ", unheld)} not scored: every case is from one proposal, so none "
                                                 + "can be held out from their tuning (cross-validation needs at least two proposals)"));
        return new BacktestOutcome(report, notes);
    }

    /// <summary>The request resolved: the data set read, the capability convention, the predictors and options, the notes about the data.</summary>
    public BacktestPlan Plan(BacktestRequest request)
    {
        var options = Options(request.Folds, request.Seed);
        var loaded = BacktestDataset.Load(request.Dataset);
        var notes = loaded.Notices.Select(n => new Note(NoteKind.Reading, n)).ToList();
        var data = loaded.ValueOrThrow();
        var convention = request.Capability is { } c
            ? CapabilityConvention.Parse(c, data).ValueOrThrow().Convention
            : data.DefaultCapability;
        return new BacktestPlan(data, convention, Choose(request.Predictors, options.Settings), options, notes);
    }

    /// <summary>The options of a cross-validated run: at least 2 folds; the seed fixes the folds and the models' draws.</summary>
    internal static BacktestOptions Options(int folds, ulong? seed)
    {
        if (folds < 2)
            throw new InvalidRequestException("folds", $"{folds} must be at least 2 (tuned predictors are scored on held-out folds)");
        var options = new BacktestOptions { Folds = folds };
        return seed is { } s ? options with { Seed = s, Settings = ModelSettings.Default with { Seed = s } } : options;
    }

    /// <summary>The predictors named (comma-separated lists allowed, except inside NAME:KEY=VALUE), or every default one.</summary>
    public static IReadOnlyList<IPredictor> Choose(IReadOnlyList<string> names, ModelSettings settings)
    {
        if (names.Count == 0) return Backtester.DefaultPredictors(settings);
        var chosen = new List<IPredictor>();
        foreach (var name in names.SelectMany(n => n.Contains(':') ? [n.Trim()] : n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var p = Backtester.Find(name, settings)
                    ?? throw new UnknownModelException(name, Backtester.Names(settings));
            if (!chosen.Any(x => x.Name == p.Name)) chosen.Add(p);
        }
        return chosen;
    }
}
