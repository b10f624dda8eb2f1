using System.Collections.Concurrent;
using Parley.Analysis;
using Parley.Analysis.Batching;
using Parley.Analysis.WhatIf;
using Parley.Application.Analysing;
using Parley.Application.Models;
using Parley.Cluster.Grains;
using Parley.Core.Models;

namespace Parley.Cluster.Jobs;

/// <summary>A job as a worker holds it: resolved once, then asked for the work of (model, kind) batch after batch.</summary>
public interface IWorkerJob
{
    AnalysisOptions Options { get; }

    IIndexedWork Work(int model, WorkKind kind);
}

/// <summary>An analysis job on a worker.</summary>
public sealed class WorkerJob : IWorkerJob
{
    private readonly IReadOnlyList<IModel> _models;
    private readonly Func<IModel, ModelSettings> _settingsFor;
    private readonly IReadOnlyList<Core.Domain.Intervention> _whatIfs;
    private readonly ClusterJob _job;
    private readonly Core.Domain.Scenario _scenario;
    private readonly ConcurrentDictionary<(int, WorkKind), Lazy<IIndexedWork>> _work = new();

    public WorkerJob(JobSpec spec)
    {
        _job = ClusterJob.From(spec);
        // the scenario the client's analysis runs on: with the capability basis the request or the scenario asks for
        var modelled = CapabilityBasisPlanner.Apply(_job.Scenario, _job.Request.Models).Modelled;
        _scenario = modelled;
        var (plan, whatIfs, options) = new AnalysisService().Prepare(modelled, _job.Request);
        _models = plan.Models.Select(m => m.Model).ToArray();
        _settingsFor = plan.SettingsFor;
        _whatIfs = whatIfs;
        Options = options;
    }

    public AnalysisOptions Options { get; }

    /// <summary>The work <see cref="ScenarioAnalysis"/> asks the executor for, rebuilt here: same run, same options.</summary>
    public IIndexedWork Work(int model, WorkKind kind)
    {
        if (model < 0 || model >= _models.Count) throw new JobRejectedException($"the job has no model #{model}");
        return _work.GetOrAdd((model, kind), _ => new Lazy<IIndexedWork>(() =>
        {
            var m = _models[model];
            var run = ShockPlan.Prepare(_scenario, m, _settingsFor(m), _whatIfs);
            return AnalysisWork.For(kind, m, run, Options);
        })).Value;
    }
}

/// <summary>The jobs this worker has seen lately (a spec is read and resolved once per job, not once per batch).</summary>
public sealed class JobCache
{
    private const int Capacity = 4;
    private readonly Lock _gate = new();
    private readonly LinkedList<(string Id, Lazy<IWorkerJob> Job)> _recent = new();

    public IWorkerJob Get(JobSpec spec)
    {
        Lazy<IWorkerJob> job;
        lock (_gate)
        {
            var node = _recent.First;
            while (node is not null && node.Value.Id != spec.Id) node = node.Next;
            if (node is null)
            {
                node = _recent.AddFirst((spec.Id, new Lazy<IWorkerJob>(() => Open(spec))));
                if (_recent.Count > Capacity) _recent.RemoveLast();
            }
            else if (node != _recent.First)
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
            }
            job = node.Value.Job;
        }
        return job.Value;
    }

    private static IWorkerJob Open(JobSpec spec)
    {
        if (spec.Build != ClusterJob.BuildFingerprint)
            throw new JobRejectedException(
                $"worker build {ClusterJob.BuildFingerprint} differs from the client's build {spec.Build}: run the same Parley build everywhere");
        return spec.Kind switch
        {
            JobSpec.Analysis => new WorkerJob(spec),
            JobSpec.Backtest => new BacktestWorkerJob(spec),
            _ => throw new JobRejectedException($"this worker does not run jobs of kind '{spec.Kind}'"),
        };
    }
}
