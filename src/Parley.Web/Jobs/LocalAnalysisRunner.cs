using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parley.Application;
using Parley.Application.Analysing;
using Parley.Storage;
using Parley.Web.Hosting;
using Parley.Web.Runs;

namespace Parley.Web.Jobs;

/// <summary>
/// The in-process runner: a bounded queue and <see cref="ServerOptions.MaxConcurrentJobs"/> workers. Progress is kept
/// in memory and written to the run at most twice a second; a job's end (succeeded, failed, cancelled) is written once.
/// A job still running when the process stops is marked interrupted (at the next start if the process died).
/// </summary>
public sealed class LocalAnalysisRunner(IServiceProvider services, ParleyStore store, ServerOptions options, ILogger<LocalAnalysisRunner> log)
    : BackgroundService, IAnalysisRunner
{
    private readonly Channel<long> _queue = Channel.CreateBounded<long>(Math.Max(1, options.MaxQueuedJobs));
    private readonly ConcurrentDictionary<long, Job> _jobs = new();
    private int _waiting;

    private sealed class Job
    {
        public CancellationTokenSource Cancel { get; } = new();
        public volatile AnalysisProgress? Progress;
        public bool Running;
    }

    public void EnsureRoom()
    {
        if (Volatile.Read(ref _waiting) >= options.MaxQueuedJobs) throw new QueueFullException(options.MaxQueuedJobs);
    }

    public async ValueTask Enqueue(long runId, CancellationToken ct = default)
    {
        _jobs[runId] = new Job();
        Interlocked.Increment(ref _waiting);
        if (!_queue.Writer.TryWrite(runId))
        {
            Interlocked.Decrement(ref _waiting);
            _jobs.TryRemove(runId, out _);
            await store.Finish(runId, RunStatuses.Failed, null, null, null,
                RunService.ErrorJson(new ParleyError(null, "the job queue was full", [])), CancellationToken.None);
            throw new QueueFullException(options.MaxQueuedJobs);
        }
    }

    public bool Cancel(long runId)
    {
        if (!_jobs.TryGetValue(runId, out var job)) return false;
        job.Cancel.Cancel();
        return true;
    }

    public AnalysisProgress? Progress(long runId) => _jobs.TryGetValue(runId, out var job) ? job.Progress : null;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.MaxConcurrentJobs)).Select(_ => Worker(stoppingToken)));

    private async Task Worker(CancellationToken stopping)
    {
        try
        {
            await foreach (var runId in _queue.Reader.ReadAllAsync(stopping))
            {
                Interlocked.Decrement(ref _waiting);
                if (!_jobs.TryGetValue(runId, out var job)) continue;
                try
                {
                    await RunJob(runId, job, stopping);
                }
                finally
                {
                    _jobs.TryRemove(runId, out _);
                    job.Cancel.Dispose();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task RunJob(long runId, Job job, CancellationToken stopping)
    {
        if (job.Cancel.IsCancellationRequested || !await store.MarkRunning(runId, CancellationToken.None))
        {
            await store.Finish(runId, RunStatuses.Cancelled, null, null, null, RunService.ErrorJson(new ParleyError(null, "cancelled", [], true)), CancellationToken.None);
            return;
        }
        job.Running = true;
        using var both = CancellationTokenSource.CreateLinkedTokenSource(job.Cancel.Token, stopping);
        long lastWrite = 0;
        var progress = new Reporter(p =>
        {
            job.Progress = p;
            long now = Environment.TickCount64;
            long last = Interlocked.Read(ref lastWrite);
            if (now - last < 500 || Interlocked.CompareExchange(ref lastWrite, now, last) != last) return;
            _ = store.SaveProgress(runId, p.Done, p.Total, CancellationToken.None).ContinueWith(
                t => log.LogWarning(t.Exception, "could not store the progress of run {Run}", runId), TaskContinuationOptions.OnlyOnFaulted);
        });
        try
        {
            using var scope = services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<RunService>().Execute(runId, progress, both.Token);
        }
        catch (Exception e)
        {
            var error = ParleyError.From(e);
            string status = error.Cancelled
                ? stopping.IsCancellationRequested && !job.Cancel.IsCancellationRequested ? RunStatuses.Interrupted : RunStatuses.Cancelled
                : RunStatuses.Failed;
            if (error.Internal) log.LogError(e, "analysis {Run} failed", runId);
            await store.Finish(runId, status, null, null, null,
                RunService.ErrorJson(error.Internal ? error with { Message = "internal error: " + e.Message } : error), CancellationToken.None);
        }
    }

    private sealed class Reporter(Action<AnalysisProgress> report) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value) => report(value);
    }
}
