using System.Diagnostics;
using Orleans.Runtime;
using Parley.Analysis;
using Parley.Analysis.Batching;
using Parley.Analysis.MonteCarlo;
using Parley.Cluster.Grains;

namespace Parley.Cluster.Scheduling;

/// <summary>
/// Runs an analysis's batchable work on the cluster's workers: cuts it into batches (<see cref="BatchPlanner"/>),
/// keeps every live worker busy, and merges each batch's columns into place by its indices. A batch is merged once
/// (by its number); a copy that comes back later is dropped. A batch whose worker fails, leaves, or stalls while
/// others are idle is run again elsewhere. Since index i's values depend on i alone, the merged columns are
/// bit-identical to one machine's, whoever ran which batch.
/// </summary>
public sealed class ClusterExecutor : IWorkExecutor
{
    private readonly IClusterClient _client;
    private readonly JobSpec _job;
    private readonly ClusterRunOptions _options;
    private readonly Action<BatchEvent>? _events;
    private readonly CancellationTokenSource _stop;
    private readonly Stopwatch _wall = new();
    private readonly Dictionary<SiloAddress, (DateTime Until, int Failures)> _backoff = [];
    private IReadOnlyList<SiloAddress> _workers = [];
    private DateTime _workersRead = DateTime.MinValue;
    private int _threads = 1;
    private int _batches, _duplicates, _requeued, _maxWorkers;
    private double _workerSeconds, _roundTripSeconds;

    public ClusterExecutor(IClusterClient client, JobSpec job, ClusterRunOptions? options = null, Action<BatchEvent>? events = null,
        CancellationToken cancellation = default)
    {
        _client = client;
        _job = job;
        _options = options ?? new ClusterRunOptions();
        _events = events;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
    }

    /// <summary>Why the job was stopped when no worker could go on (no worker joined, another build, a batch failing everywhere).</summary>
    public string? Failure { get; private set; }

    /// <summary>Runs a use case on this executor; a job the cluster stopped (<see cref="Failure"/>) surfaces as a <see cref="ClusterException"/>.</summary>
    public T Within<T>(Func<IWorkExecutor, T> run, CancellationToken cancellation)
    {
        try
        {
            return run(this);
        }
        catch (OperationCanceledException e) when (Failure is { } failure && !cancellation.IsCancellationRequested)
        {
            throw new ClusterException($"cluster: {failure}", e);
        }
    }

    public ClusterStats Stats => new(_batches, _duplicates, _requeued, _workerSeconds, _roundTripSeconds, _maxWorkers, _wall.Elapsed.TotalSeconds);

    public IndexedColumns Run(WorkId id, IIndexedWork work, MonteCarloOptions options)
    {
        if (work.Count == 0) return IndexedColumns.Empty(work);
        _wall.Start();
        try
        {
            return RunAsync(id, work, options.Progress).GetAwaiter().GetResult();
        }
        finally
        {
            _wall.Stop();
        }
    }

    private sealed record Batch(int Number, int First, int End)
    {
        public int Attempts { get; set; }
        public int Length => End - First;
    }

    private sealed record Flight(Batch Batch, SiloAddress Silo, int Slot, Task<BatchResult> Task, CancellationTokenSource Cancel, Stopwatch Clock);

    private async Task<IndexedColumns> RunAsync(WorkId id, IIndexedWork work, Action<long>? progress)
    {
        var columns = IndexedColumns.Allocate(work);
        var planner = new BatchPlanner(work.Count, work.Columns, _options);
        var retry = new Queue<Batch>();
        var merged = new HashSet<int>();
        var flights = new List<Flight>();
        var typical = new List<double>();
        int done = 0, numbers = 0;
        var waitingSince = Stopwatch.StartNew();
        try
        {
            while (done < work.Count)
            {
                _stop.Token.ThrowIfCancellationRequested();
                var workers = await Workers();
                if (workers.Count > 0) waitingSince.Restart();
                else if (waitingSince.Elapsed > _options.WorkerTimeout)
                    Fail($"no worker in the cluster for {_options.WorkerTimeout.TotalSeconds:0} s (start some with 'parley worker --cluster ...')");

                // batches on workers that left the cluster: run them elsewhere
                foreach (var f in flights.Where(f => !workers.Contains(f.Silo)).ToArray())
                {
                    flights.Remove(f);
                    f.Cancel.Cancel();
                    Requeue(f, "the worker left the cluster");
                }

                foreach (var silo in workers)
                    for (int slot = 0; slot < _options.SlotsPerWorker; slot++)
                    {
                        if (flights.Any(f => f.Silo.Equals(silo) && f.Slot == slot) || BackedOff(silo)) continue;
                        var batch = retry.Count > 0 ? retry.Dequeue()
                            : planner.Next(workers.Count, _threads) is { } r ? new Batch(numbers++, r.First, r.End)
                            : Straggler(silo);
                        if (batch is null) break;
                        flights.Add(Start(id, batch, silo, slot));
                        _events?.Invoke(new BatchEvent(id, batch.Number, batch.First, batch.End, BatchOutcome.Started, silo.ToString(), 0, 0,
                            workers.Count, done, work.Count));
                    }

                var wake = Task.Delay(_options.WorkerPoll, _stop.Token);
                await Task.WhenAny(flights.Select(f => (Task)f.Task).Append(wake));
                foreach (var f in flights.Where(f => f.Task.IsCompleted).ToArray())
                {
                    flights.Remove(f);
                    Land(f);
                }
            }
        }
        finally
        {
            foreach (var f in flights) f.Cancel.Cancel(); // copies still running elsewhere
        }
        return columns;

        void Land(Flight f)
        {
            var b = f.Batch;
            if (merged.Contains(b.Number)) return;
            if (!f.Task.IsCompletedSuccessfully)
            {
                _stop.Token.ThrowIfCancellationRequested();
                if (f.Cancel.IsCancellationRequested) return; // we stopped it
                var error = f.Task.Exception?.GetBaseException().Message ?? "cancelled by the worker";
                BackOff(f.Silo);
                Requeue(f, error);
                return;
            }
            var result = f.Task.Result;
            if (result.Error is { } message)
            {
                if (result.Fatal) Fail($"worker {result.Worker}: {message}");
                foreach (var other in flights) other.Cancel.Cancel();
                throw new AnalysisException(message);
            }
            merged.Add(b.Number);
            _threads = Math.Max(_threads, result.Threads); // a batch should give every core of a worker something to do
            columns.Merge(result.ToColumns(), b.First, b.Length);
            done += b.Length;
            _backoff.Remove(f.Silo);
            double roundTrip = f.Clock.Elapsed.TotalSeconds;
            planner.Observe(b.Length, result.Seconds);
            typical.Add(result.Seconds);
            _batches++;
            _workerSeconds += result.Seconds;
            _roundTripSeconds += roundTrip;
            foreach (var copy in flights.Where(x => x.Batch.Number == b.Number)) copy.Cancel.Cancel();
            progress?.Invoke((long)b.Length * work.RunsPerIndex);
            _events?.Invoke(new BatchEvent(id, b.Number, b.First, b.End, BatchOutcome.Done, result.Worker, result.Seconds, roundTrip,
                _workers.Count, done, work.Count));
        }

        void Requeue(Flight f, string reason)
        {
            var b = f.Batch;
            if (merged.Contains(b.Number) || flights.Any(x => x.Batch.Number == b.Number) || retry.Contains(b)) return;
            if (++b.Attempts >= _options.MaxAttempts)
                Fail($"batch {b.Number} [{b.First}, {b.End}) of {id} failed {b.Attempts} times, last: {reason}");
            retry.Enqueue(b);
            _requeued++;
            _events?.Invoke(new BatchEvent(id, b.Number, b.First, b.End, BatchOutcome.Requeued, f.Silo.ToString(), 0,
                f.Clock.Elapsed.TotalSeconds, _workers.Count, done, work.Count, reason));
        }

        // nothing left to hand out: re-run the longest-running batch that has a single copy, if it is overdue
        Batch? Straggler(SiloAddress idle)
        {
            double usual = typical.Count == 0 ? 1 : Median(typical);
            double overdue = Math.Max(1, _options.DuplicateAfter * usual);
            var slow = flights
                .Where(f => !f.Silo.Equals(idle) && f.Clock.Elapsed.TotalSeconds > overdue)
                .GroupBy(f => f.Batch.Number).Where(g => g.Count() == 1).Select(g => g.First())
                .OrderByDescending(f => f.Clock.Elapsed).FirstOrDefault();
            if (slow is null) return null;
            _duplicates++;
            _events?.Invoke(new BatchEvent(id, slow.Batch.Number, slow.Batch.First, slow.Batch.End, BatchOutcome.Duplicated, idle.ToString(), 0,
                0, _workers.Count, done, work.Count, $"out for {slow.Clock.Elapsed.TotalSeconds:0.0} s on {slow.Silo}"));
            return slow.Batch;
        }
    }

    private Flight Start(WorkId id, Batch batch, SiloAddress silo, int slot)
    {
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var grain = _client.GetGrain<IBatchGrain>(OnNamedSiloPlacementDirector.Key(silo, slot));
        var request = new BatchRequest(_job, id.Model, (int)id.Kind, batch.First, batch.End);
        var clock = Stopwatch.StartNew();
        return new Flight(batch, silo, slot, Call(grain, request, cancel.Token), cancel, clock);

        static async Task<BatchResult> Call(IBatchGrain grain, BatchRequest request, CancellationToken cancellation) =>
            await grain.Run(request, cancellation);
    }

    /// <summary>The live workers, read from the cluster's membership at most every <see cref="ClusterRunOptions.WorkerPoll"/>.</summary>
    private async Task<IReadOnlyList<SiloAddress>> Workers()
    {
        if (DateTime.UtcNow - _workersRead < _options.WorkerPoll) return _workers;
        try
        {
            var hosts = await _client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(10), _stop.Token);
            _workers = hosts.Keys.OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToArray();
            _maxWorkers = Math.Max(_maxWorkers, _workers.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException || !_stop.IsCancellationRequested)
        {
            // the membership could not be read this time: keep the last list
        }
        _workersRead = DateTime.UtcNow;
        return _workers;
    }

    private bool BackedOff(SiloAddress silo) => _backoff.TryGetValue(silo, out var b) && DateTime.UtcNow < b.Until;

    private void BackOff(SiloAddress silo)
    {
        int failures = _backoff.TryGetValue(silo, out var b) ? b.Failures + 1 : 1;
        _backoff[silo] = (DateTime.UtcNow.AddSeconds(Math.Min(30, Math.Pow(2, failures))), failures);
    }

    private void Fail(string why)
    {
        Failure ??= why;
        _stop.Cancel();
        _stop.Token.ThrowIfCancellationRequested();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
