namespace Parley.Cluster.Grains;

/// <summary>
/// What a worker needs to rebuild an analysis exactly as the client runs it: the scenario in Parley's canonical JSON,
/// the request as JSON, and the fingerprint of the build (workers of another build would compute other numbers).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record JobSpec(
    [property: Id(0)] string Id,
    [property: Id(1)] string Scenario,
    [property: Id(2)] string Request,
    [property: Id(3)] string Build);

/// <summary>One batch: indices [First, End) of one model's work of one kind (<see cref="Analysis.Batching.WorkKind"/> as an int).</summary>
[GenerateSerializer, Immutable]
public sealed record BatchRequest(
    [property: Id(0)] JobSpec Job,
    [property: Id(1)] int Model,
    [property: Id(2)] int Kind,
    [property: Id(3)] int First,
    [property: Id(4)] int End);

/// <summary>
/// A batch's columns (each indexed by i − First), or the error the work raised (a model failing on a draw: reported as
/// that model's error, as on one machine). <see cref="Fatal"/> marks an error no other worker can get past (another build).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BatchResult(
    [property: Id(0)] double[][]? Columns,
    [property: Id(1)] string? Error,
    [property: Id(2)] bool Fatal,
    [property: Id(3)] string Worker,
    [property: Id(4)] double Seconds,
    [property: Id(5)] int Threads = 1);

/// <summary>
/// A slot on one worker silo that runs one batch at a time with every core of the worker. The key is
/// "<c>silo address|slot</c>" and the activation is placed on that silo (<see cref="OnNamedSiloPlacement"/>), so the
/// client decides which worker runs what.
/// </summary>
public interface IBatchGrain : IGrainWithStringKey
{
    Task<BatchResult> Run(BatchRequest request, CancellationToken cancellation);
}
