using Parley.Application.Analysing;
using Parley.Core.Domain;

namespace Parley.Web.Jobs;

/// <summary>
/// Where an analysis job computes: in this process (<see cref="LocalAnalysisBackend"/>, the default) or on a cluster's
/// workers (registered by the host: `parley serve --cluster`). The job runner's queue, progress, cancellation and the
/// stored documents are the same either way, and so is the result, bit for bit.
/// </summary>
public interface IAnalysisBackend
{
    /// <summary>Where the work runs, for the start-up banner (e.g. "this process").</summary>
    string Describe();

    Task<AnalysisOutcome> Run(Scenario scenario, AnalysisRequest request, IProgress<AnalysisProgress> progress, CancellationToken ct);
}

/// <summary>Analyses in this process, on the threads the server allows.</summary>
public sealed class LocalAnalysisBackend(AnalysisService analyses) : IAnalysisBackend
{
    public string Describe() => "this process";

    public Task<AnalysisOutcome> Run(Scenario scenario, AnalysisRequest request, IProgress<AnalysisProgress> progress, CancellationToken ct) =>
        Task.Run(() => analyses.Run(scenario, request, progress, ct), ct);
}
