namespace Parley.Analysis.Batching;

/// <summary>How one index of indexed work went (work whose indices can fail or carry notes: shocks, backtest cases).</summary>
public enum IndexStatus : byte
{
    /// <summary>The index's values are set.</summary>
    Ok,

    /// <summary>The work does not apply to the index (e.g. a predictor that needs a status quo the case lacks); no values.</summary>
    NotApplicable,

    /// <summary>The index failed with <see cref="IndexOutcome.Error"/>; no values. The failure is data, as on one machine.</summary>
    Failed,
}

/// <summary>One index's status with its error message or notes, next to its values.</summary>
public sealed record IndexOutcome(IndexStatus Status, string? Error, IReadOnlyList<string> Notes)
{
    public static readonly IndexOutcome Ok = new(IndexStatus.Ok, null, []);
    public static readonly IndexOutcome NotApplicable = new(IndexStatus.NotApplicable, null, []);

    public static IndexOutcome Failed(string error) => new(IndexStatus.Failed, error, []);

    public static IndexOutcome WithNotes(IReadOnlyList<string> notes) => notes.Count == 0 ? Ok : new(IndexStatus.Ok, null, notes);
}

/// <summary>
/// What indexed work gives for a range of indices: the values (one array per column, indexed by i − first) and, for
/// work that reports a status per index, one <see cref="IndexOutcome"/> per index (null for purely numeric work).
/// </summary>
public sealed record IndexedColumns(double[][] Columns, IndexOutcome[]? Outcomes = null)
{
    /// <summary>Empty columns for work with no indices.</summary>
    public static IndexedColumns Empty(IIndexedWork work) =>
        new(Enumerable.Range(0, work.Columns).Select(_ => Array.Empty<double>()).ToArray(), work.HasOutcomes ? [] : null);

    /// <summary>Room for every index of <paramref name="work"/>, to merge batches into.</summary>
    public static IndexedColumns Allocate(IIndexedWork work) =>
        new(Enumerable.Range(0, work.Columns).Select(_ => new double[work.Count]).ToArray(), work.HasOutcomes ? new IndexOutcome[work.Count] : null);

    /// <summary>Copies a batch's values (and outcomes) for indices [first, first + length) into place.</summary>
    public void Merge(IndexedColumns batch, int first, int length)
    {
        for (int c = 0; c < Columns.Length; c++) Array.Copy(batch.Columns[c], 0, Columns[c], first, length);
        if (Outcomes is not null)
        {
            if (batch.Outcomes is null || batch.Outcomes.Length != length)
                throw new InvalidOperationException($"a batch of {length} indices came back without its {length} outcomes");
            Array.Copy(batch.Outcomes, 0, Outcomes, first, length);
        }
    }
}
