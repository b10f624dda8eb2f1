using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Parley.Cluster.Hosting;

/// <summary>A connected Orleans client (`analyze --cluster`); dispose it to leave the cluster.</summary>
public sealed class ClusterClient : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterClient(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Client { get; }

    /// <summary>Connects, retrying for up to <paramref name="timeout"/> (workers may still be starting).</summary>
    public static async Task<ClusterClient> ConnectAsync(ClusterConnection connection, TimeSpan timeout, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        // no logging providers: the client's stdout carries the analysis only
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client
            .UseParleyClustering(connection)
            .UseConnectionRetryFilter(async (_, token) =>
            {
                if (clock.Elapsed > timeout) return false;
                await Task.Delay(500, token);
                return true;
            }));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            host.Dispose();
            throw new ClusterException(
                $"--cluster: could not connect to the cluster ({connection}) within {timeout.TotalSeconds:0} s: {e.GetBaseException().Message}", e);
        }
        return new ClusterClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            _host.Dispose();
        }
    }
}
