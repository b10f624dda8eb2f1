using Parley.Backtest;
using Parley.Backtest.Headline;
using Parley.Core;

namespace Parley.Application.Backtesting;

/// <summary>What <c>backtest --fit-headline</c> fits on: the training data sets (a DEU file, folders of scenarios), folds and seed.</summary>
public sealed record HeadlineFitRequest(IReadOnlyList<string> Datasets)
{
    public int Folds { get; init; } = 10;
    public ulong? Seed { get; init; }
}

/// <summary>The evaluation and the fitted headline, with notes (files passed over, cases skipped).</summary>
public sealed record HeadlineFitOutcome(HeadlineEvaluation Evaluation, IReadOnlyList<Note> Notes);

/// <summary>
/// The `backtest --fit-headline` use case: pools the training data sets (each with its resource capabilities), runs the
/// nested cross-validation of the headline's selection and the selection on all cases — the constants that
/// <see cref="Headline.ShippedHeadline"/> freezes.
/// </summary>
public sealed class HeadlineFitService
{
    public HeadlineFitOutcome Run(HeadlineFitRequest request, CancellationToken cancellation = default)
    {
        var options = BacktestService.Options(request.Folds, request.Seed);
        if (request.Datasets.Count == 0) throw new InvalidRequestException("dataset", "at least one data set");
        var notes = new List<Note>();
        var datasets = new List<BacktestDataset>();
        foreach (var path in request.Datasets)
        {
            var loaded = BacktestDataset.Load(path);
            notes.AddRange(loaded.Notices.Select(n => new Note(NoteKind.Reading, n)));
            var data = loaded.ValueOrThrow();
            if (data.Resources is null)
                throw new InvalidRequestException("dataset", $"{path}: the data set carries no resource capabilities (a DEU file needs its GDP row)");
            datasets.Add(data);
        }
        if (datasets.Select(d => d.Name).Distinct().Count() != datasets.Count)
            throw new InvalidRequestException("dataset", "two data sets have the same name");
        var pooled = BacktestDataset.Pool(datasets);
        if (pooled.Skipped.Count > 0)
            notes.Add(new Note(NoteKind.Skipped, $"{pooled.Skipped.Count} case(s) not scored (no outcome, too few actors, no resources); see --out skipped.csv"));
        cancellation.ThrowIfCancellationRequested();
        return new HeadlineFitOutcome(HeadlineEvaluation.Run(pooled, options, cancellation), notes);
    }
}
