using System.Text.Json;
using Parley.Analysis;
using Parley.Analysis.Batching;
using Parley.Application.Backtesting;
using Parley.Backtest;
using Parley.Cluster.Grains;

namespace Parley.Cluster.Jobs;

/// <summary>
/// A backtest as the cluster runs it. The data set (a DEU file, or a folder's files) and a capability table travel
/// with the job as bytes, so a worker on another machine reads exactly what the client read, through the same
/// <see cref="BacktestService.Plan"/>: same cases in the same order, same predictors, hence the same forecasts.
/// </summary>
public static class BacktestJob
{
    /// <summary>The most bytes of files a job may carry (they travel with every batch).</summary>
    public const long MaxFileBytes = 32 << 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);
    private const string DataFolder = "data";
    private const string CapabilityFolder = "capability";

    /// <summary>The job for a request (the client side): its files read now.</summary>
    public static JobSpec Create(BacktestRequest request)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var shipped = request with { Dataset = Ship(request.Dataset, DataFolder, files) };
        if (request.Capability is { } c && CapabilityConvention.NamesFile(c) && File.Exists(c))
            shipped = shipped with { Capability = Ship(c, CapabilityFolder, files) };
        long bytes = files.Values.Sum(f => (long)f.Length);
        if (bytes > MaxFileBytes)
            throw new ClusterException($"cluster: the backtest's files hold {bytes / 1e6:0.#} MB, more than the {MaxFileBytes / 1e6:0} MB a job may carry");
        return new JobSpec(Guid.NewGuid().ToString("N"), "", JsonSerializer.Serialize(shipped, Json), ClusterJob.BuildFingerprint, JobSpec.Backtest, files);
    }

    /// <summary>Adds a file or a folder's files (not its subfolders: the data set reads none) under <paramref name="folder"/>; returns the relative path the worker opens.</summary>
    private static string Ship(string path, string folder, Dictionary<string, byte[]> files)
    {
        if (Directory.Exists(path))
        {
            var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
            foreach (var file in Directory.EnumerateFiles(path)) files[$"{folder}/{name}/{Path.GetFileName(file)}"] = File.ReadAllBytes(file);
            return $"{folder}/{name}";
        }
        // a missing file is left to the loader, which reports it where the client reads it first
        if (File.Exists(path)) files[$"{folder}/{Path.GetFileName(path)}"] = File.ReadAllBytes(path);
        return $"{folder}/{Path.GetFileName(path)}";
    }

    /// <summary>The request as the client gave it, with its files' paths as <see cref="Create"/> named them.</summary>
    internal static BacktestRequest Request(JobSpec spec) =>
        JsonSerializer.Deserialize<BacktestRequest>(spec.Request, Json) ?? throw new JobRejectedException("the job's request is empty");
}

/// <summary>A backtest job on a worker: the files written to a scratch folder, read as the client read them, then deleted.</summary>
public sealed class BacktestWorkerJob : IWorkerJob
{
    private readonly BacktestWork _work;

    public BacktestWorkerJob(JobSpec spec)
    {
        var request = BacktestJob.Request(spec);
        var scratch = Directory.CreateTempSubdirectory("parley-backtest-");
        try
        {
            foreach (var (name, bytes) in spec.Files ?? new Dictionary<string, byte[]>())
            {
                var path = Path.GetFullPath(Path.Combine(scratch.FullName, name));
                if (!path.StartsWith(scratch.FullName + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    throw new JobRejectedException($"the job's file '{name}' lies outside its folder");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, bytes);
            }
            string Local(string relative) => Path.Combine(scratch.FullName, relative);
            request = request with
            {
                Dataset = Local(request.Dataset),
                Capability = request.Capability is { } c && spec.Files?.Keys.Any(k => k == c) == true ? Local(c) : request.Capability,
            };
            var plan = new BacktestService().Plan(request);
            _work = new BacktestWork(Backtester.Prepare(plan.Data, plan.Convention).Cases, plan.Predictors);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    public AnalysisOptions Options { get; } = new();

    public IIndexedWork Work(int model, WorkKind kind) => kind == WorkKind.Backtest && model == 0
        ? _work
        : throw new JobRejectedException($"a backtest job has no {new WorkId(model, kind)}");
}
