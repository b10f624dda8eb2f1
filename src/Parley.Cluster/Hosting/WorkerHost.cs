using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;

namespace Parley.Cluster.Hosting;

/// <summary>How to start a worker: the cluster, the address other machines reach it on, its ports.</summary>
public sealed record WorkerOptions(ClusterConnection Connection)
{
    /// <summary>The address to advertise; null = 127.0.0.1 for localhost clustering, else $POD_IP or this machine's first IPv4 address.</summary>
    public IPAddress? Address { get; init; }

    /// <summary>Silo-to-silo port; null = the default (11111, the primary's for localhost) if free, else any free port.</summary>
    public int? SiloPort { get; init; }

    /// <summary>Client gateway port; null = the default (30000) if free, else any free port.</summary>
    public int? GatewayPort { get; init; }

    /// <summary>
    /// Kubernetes hosting (Microsoft.Orleans.Hosting.Kubernetes) in this pod: the silo is named after its pod, and the pods
    /// of silos the cluster declares dead are deleted (Kubernetes starts fresh ones). Needs a role that may list, watch
    /// and delete pods (deploy/k8s/rbac.yaml). Null = no Kubernetes hosting.
    /// </summary>
    public KubernetesPod? Pod { get; init; }

    /// <summary>This pod as the downward API names it (POD_NAME, POD_NAMESPACE), or null outside a pod (no API server address).</summary>
    public static KubernetesPod? CurrentPod(Func<string, string?>? variable = null)
    {
        variable ??= Environment.GetEnvironmentVariable;
        return InPod(variable) ? new KubernetesPod(variable("POD_NAME")!, variable("POD_NAMESPACE")!) : null;
    }

    /// <summary>True inside a pod that has what Kubernetes hosting reads (the API server's address, its pod name and namespace).</summary>
    public static bool InPod(Func<string, string?>? variable = null)
    {
        variable ??= Environment.GetEnvironmentVariable;
        return new[] { "KUBERNETES_SERVICE_HOST", "POD_NAME", "POD_NAMESPACE" }.All(v => !string.IsNullOrWhiteSpace(variable(v)));
    }
}

/// <summary>The pod a worker runs in (Kubernetes hosting).</summary>
public sealed record KubernetesPod(string Name, string Namespace);

/// <summary>A started worker and where it listens.</summary>
public sealed record WorkerEndpoints(IPAddress Address, int SiloPort, int GatewayPort, bool Primary)
{
    public override string ToString() =>
        $"silo {Address}:{SiloPort}, gateway {GatewayPort}{(Primary ? " (primary: the localhost cluster's membership lives here)" : "")}";
}

/// <summary>`parley worker`: an Orleans silo that runs batches until it is stopped.</summary>
public static class WorkerHost
{
    public static (IHost Host, WorkerEndpoints Endpoints) Build(WorkerOptions options)
    {
        var endpoints = Endpoints(options);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // stdout is for what `parley worker` says; Orleans's warnings go to stderr
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseParleyClustering(options.Connection, endpoints.Address, endpoints.SiloPort, endpoints.GatewayPort).AddParleyWorker();
            // the cluster and service ids come from the pod's labels (orleans/clusterId, orleans/serviceId: "parley", as clients use)
            // the package reads the pod from POD_NAME, POD_NAMESPACE and POD_IP itself (its options have no public setters)
            if (options.Pod is not null) silo.UseKubernetesHosting();
        });
        return (builder.Build(), endpoints);
    }

    /// <summary>Starts a worker, reports where it listens, and runs until <paramref name="cancellation"/> or a stop signal.</summary>
    public static async Task RunAsync(WorkerOptions options, TextWriter output, CancellationToken cancellation)
    {
        if (options.Connection is ClusterConnection.Postgres pg) await PostgresSchema.ApplyAsync(pg.ConnectionString, cancellation);
        var (host, endpoints) = Build(options);
        using (host)
        {
            try
            {
                await host.StartAsync(cancellation);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new ClusterException($"worker: could not join the cluster ({options.Connection}): {e.GetBaseException().Message}", e);
            }
            await output.WriteLineAsync($"parley worker: ready, {endpoints}, cluster {options.Connection}, {Environment.ProcessorCount} cores" +
                (options.Pod is { } p ? $", Kubernetes pod {p.Namespace}/{p.Name}" : ""));
            await output.FlushAsync(CancellationToken.None);
            try
            {
                await host.WaitForShutdownAsync(cancellation);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C: leave the cluster cleanly below
            }
            await host.StopAsync(TimeSpan.FromSeconds(10));
        }
    }

    private static WorkerEndpoints Endpoints(WorkerOptions options)
    {
        if (options.Connection is ClusterConnection.Localhost local)
        {
            bool primary = (options.SiloPort ?? local.PrimarySiloPort) == local.PrimarySiloPort
                           && ClusterSetup.IsFree(local.PrimarySiloPort) && ClusterSetup.IsFree(local.PrimaryGatewayPort);
            return primary
                ? new WorkerEndpoints(IPAddress.Loopback, local.PrimarySiloPort, local.PrimaryGatewayPort, true)
                : new WorkerEndpoints(IPAddress.Loopback, options.SiloPort ?? ClusterSetup.FreePort(), options.GatewayPort ?? ClusterSetup.FreePort(), false);
        }
        var address = options.Address ?? Advertised();
        int silo = options.SiloPort ?? (ClusterSetup.IsFree(11111) ? 11111 : ClusterSetup.FreePort());
        int gateway = options.GatewayPort ?? (ClusterSetup.IsFree(30000) ? 30000 : ClusterSetup.FreePort());
        return new WorkerEndpoints(address, silo, gateway, false);
    }

    /// <summary>$POD_IP (Kubernetes), else the first up, non-loopback IPv4 address of this machine, else 127.0.0.1.</summary>
    private static IPAddress Advertised()
    {
        if (IPAddress.TryParse(Environment.GetEnvironmentVariable("POD_IP"), out var pod)) return pod;
        return NetworkInterface.GetAllNetworkInterfaces()
                   .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                   .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                   .Select(a => a.Address)
                   .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
               ?? IPAddress.Loopback;
    }
}
