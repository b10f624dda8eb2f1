using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Clustering.Redis.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Parley.Cluster.Grains;
using Parley.Cluster.Jobs;
using StackExchange.Redis;

namespace Parley.Cluster.Hosting;

/// <summary>Orleans configuration for Parley's workers (silos) and clients, one place per clustering kind.</summary>
public static class ClusterSetup
{
    /// <summary>What a worker silo needs besides its clustering: the batch grain's placement and the job cache.</summary>
    public static ISiloBuilder AddParleyWorker(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<JobCache>();
        silo.Services.AddPlacementDirector<OnNamedSiloPlacement, OnNamedSiloPlacementDirector>();
        // a batch holds seconds to minutes of work: the response may take that long
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromHours(1));
        return silo;
    }

    /// <summary>Clustering, endpoints and ids of a worker silo.</summary>
    public static ISiloBuilder UseParleyClustering(this ISiloBuilder silo, ClusterConnection connection, IPAddress address, int siloPort,
        int gatewayPort)
    {
        switch (connection)
        {
            case ClusterConnection.Localhost local:
                silo.UseLocalhostClustering(siloPort, gatewayPort, local.Primary, ClusterConnection.ServiceId, ClusterConnection.ClusterId);
                break;
            case ClusterConnection.Postgres pg:
                silo.UseAdoNetClustering(o => { o.Invariant = "Npgsql"; o.ConnectionString = pg.ConnectionString; });
                silo.Configure<ClusterOptions>(Ids);
                silo.ConfigureEndpoints(address, siloPort, gatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(address));
                break;
            case ClusterConnection.Redis redis:
                silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis.Configuration));
                silo.Configure<ClusterOptions>(Ids);
                silo.ConfigureEndpoints(address, siloPort, gatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(address));
                break;
        }
        return silo;
    }

    /// <summary>Clustering and ids of a client.</summary>
    public static IClientBuilder UseParleyClustering(this IClientBuilder client, ClusterConnection connection)
    {
        switch (connection)
        {
            case ClusterConnection.Localhost local:
                client.UseLocalhostClustering(local.PrimaryGatewayPort, ClusterConnection.ServiceId, ClusterConnection.ClusterId);
                break;
            case ClusterConnection.Postgres pg:
                client.UseAdoNetClustering(o => { o.Invariant = "Npgsql"; o.ConnectionString = pg.ConnectionString; });
                client.Configure<ClusterOptions>(Ids);
                break;
            case ClusterConnection.Redis redis:
                client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis.Configuration));
                client.Configure<ClusterOptions>(Ids);
                break;
        }
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromHours(1));
        return client;
    }

    private static void Ids(ClusterOptions o)
    {
        o.ClusterId = ClusterConnection.ClusterId;
        o.ServiceId = ClusterConnection.ServiceId;
    }

    /// <summary>True when <paramref name="port"/> can be bound on every address (nothing listens on it).</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A port the system has free now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
