namespace Parley.Cluster.Grains;

/// <summary>
/// What a worker needs to rebuild a job exactly as the client runs it: for an analysis, the scenario in Parley's
/// canonical JSON and the request as JSON; for a backtest (<see cref="Kind"/> "backtest"), the request as JSON and the
/// bytes of the files it reads (<see cref="Files"/>: relative path → content); and the fingerprint of the build
/// (workers of another build would compute other numbers).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record JobSpec(
    [property: Id(0)] string Id,
    [property: Id(1)] string Scenario,
    [property: Id(2)] string Request,
    [property: Id(3)] string Build,
    [property: Id(4)] string Kind = JobSpec.Analysis,
    [property: Id(5)] IReadOnlyDictionary<string, byte[]>? Files = null)
{
    public const string Analysis = "analysis";
    public const string Backtest = "backtest";
}

/// <summary>One batch: indices [First, End) of one model's work of one kind (<see cref="Analysis.Batching.WorkKind"/> as an int).</summary>
[GenerateSerializer, Immutable]
public sealed record BatchRequest(
    [property: Id(0)] JobSpec Job,
    [property: Id(1)] int Model,
    [property: Id(2)] int Kind,
    [property: Id(3)] int First,
    [property: Id(4)] int End);

/// <summary>One index's <see cref="Analysis.Batching.IndexOutcome"/> on the wire (work that reports a status per index).</summary>
[GenerateSerializer, Immutable]
public sealed record IndexOutcomeData(
    [property: Id(0)] byte Status,
    [property: Id(1)] string? Error,
    [property: Id(2)] string[] Notes)
{
    public static IndexOutcomeData From(Analysis.Batching.IndexOutcome o) => new((byte)o.Status, o.Error, [.. o.Notes]);

    public Analysis.Batching.IndexOutcome ToOutcome() => Status == 0 && Error is null && Notes.Length == 0
        ? Analysis.Batching.IndexOutcome.Ok
        : new((Analysis.Batching.IndexStatus)Status, Error, Notes);
}

/// <summary>
/// A batch's columns (each indexed by i − First) with their outcomes when the work reports them, or the error the work raised (a model failing on a draw: reported as
/// that model's error, as on one machine). <see cref="Fatal"/> marks an error no other worker can get past (another build).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BatchResult(
    [property: Id(0)] double[][]? Columns,
    [property: Id(1)] string? Error,
    [property: Id(2)] bool Fatal,
    [property: Id(3)] string Worker,
    [property: Id(4)] double Seconds,
    [property: Id(5)] int Threads = 1,
    [property: Id(6)] IndexOutcomeData[]? Outcomes = null)
{
    /// <summary>The batch's values and outcomes as the work gave them.</summary>
    public Analysis.Batching.IndexedColumns ToColumns() =>
        new(Columns ?? throw new InvalidOperationException("the batch failed"), Outcomes?.Select(o => o.ToOutcome()).ToArray());
}

/// <summary>
/// A slot on one worker silo that runs one batch at a time with every core of the worker. The key is
/// "<c>silo address|slot</c>" and the activation is placed on that silo (<see cref="OnNamedSiloPlacement"/>), so the
/// client decides which worker runs what.
/// </summary>
public interface IBatchGrain : IGrainWithStringKey
{
    Task<BatchResult> Run(BatchRequest request, CancellationToken cancellation);
}
