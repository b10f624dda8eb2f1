using Parley.Application.Analysing;
using Parley.Cluster;
using Parley.Cluster.Hosting;
using Parley.Cluster.Scheduling;
using Parley.Core.Domain;
using Parley.Web.Jobs;

namespace Parley.Cli.Commands;

/// <summary>
/// `parley serve --cluster CONN`: the web app's analysis jobs compute on the cluster's workers through
/// <see cref="ClusterAnalysisRunner"/>, with the job runner's progress and cancellation. The server connects at its
/// first job and keeps the connection; a failed connection fails that job and the next job tries again.
/// </summary>
public sealed class ClusterAnalysisBackend : IAnalysisBackend, IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);
    private readonly ClusterConnection? _connection;
    private readonly ClusterRunOptions? _options;
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private ClusterClient? _owned;
    private IClusterClient? _client;

    public ClusterAnalysisBackend(ClusterConnection connection, ClusterRunOptions? options = null)
    {
        _connection = connection;
        _options = options;
    }

    /// <summary>On a client the host already holds (e.g. a test cluster's).</summary>
    public ClusterAnalysisBackend(IClusterClient client, ClusterRunOptions? options = null)
    {
        _client = client;
        _options = options;
    }

    public string Describe() => _connection is null ? "a cluster (parley worker)" : $"the cluster at {_connection} (parley worker)";

    public async Task<AnalysisOutcome> Run(Scenario scenario, AnalysisRequest request, IProgress<AnalysisProgress> progress, CancellationToken ct)
    {
        var client = await Client(ct);
        return (await new ClusterAnalysisRunner(client, _options).RunAsync(scenario, request, progress, null, ct)).Outcome;
    }

    private async Task<IClusterClient> Client(CancellationToken ct)
    {
        if (_client is { } ready) return ready;
        await _connecting.WaitAsync(ct);
        try
        {
            _owned ??= await ClusterClient.ConnectAsync(_connection!, ConnectTimeout, ct);
            return _client = _owned.Client;
        }
        finally
        {
            _connecting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned is not null) await _owned.DisposeAsync();
        _connecting.Dispose();
    }
}
