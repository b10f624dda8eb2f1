using System.CommandLine;
using System.Net;
using Parley.Cluster.Hosting;

namespace Parley.Cli.Commands;

/// <summary>
/// `parley worker --cluster CONN [--address IP] [--silo-port N] [--gateway-port N] [--kubernetes[=false]]`: joins the cluster as
/// an Orleans silo and runs analysis batches until Ctrl-C or SIGTERM (see docs/scale-out.md).
/// </summary>
public static class WorkerCommand
{
    public static Command Create(CliConsole console)
    {
        var cluster = ClusterOptions.ClusterOption("The cluster to join: localhost (the first worker is the primary silo on 127.0.0.1:11111), localhost:SILO_PORT:GATEWAY_PORT, a PostgreSQL connection string (Host=...) or redis://HOST:PORT.");
        cluster.Required = true;
        var address = new Option<string?>("--address") { Description = "Address other machines reach this worker on (default: $POD_IP, else this machine's first IPv4 address; 127.0.0.1 for localhost)." };
        var siloPort = new Option<int?>("--silo-port") { Description = "Silo-to-silo port (default 11111 if free, else any free port)." };
        var gatewayPort = new Option<int?>("--gateway-port") { Description = "Client gateway port (default 30000 if free, else any free port)." };
        var kubernetes = new Option<bool?>("--kubernetes")
        {
            Description = "Kubernetes hosting: name the silo after its pod and delete the pods of workers the cluster declared dead (default: on inside a pod with POD_NAME and POD_NAMESPACE set; needs PostgreSQL or Redis clustering and the RBAC of deploy/k8s).",
        };
        var command = new Command("worker", "Run analysis batches for `analyze --cluster` as a worker of an Orleans cluster, until stopped.");
        foreach (var o in new Option[] { cluster, address, siloPort, gatewayPort, kubernetes }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var connection = ClusterOptions.Connection(parse.GetValue(cluster)!);
            var pod = WorkerOptions.CurrentPod();
            bool inKubernetes = parse.GetValue(kubernetes) ?? (pod is not null && connection is not ClusterConnection.Localhost);
            if (inKubernetes && connection is ClusterConnection.Localhost)
                throw new UsageException("--kubernetes: needs a membership every pod reaches (--cluster Host=... or redis://...), not localhost");
            if (inKubernetes && pod is null)
                throw new UsageException("--kubernetes: not in a Kubernetes pod (KUBERNETES_SERVICE_HOST, POD_NAME and POD_NAMESPACE must be set; see deploy/k8s)");
            var options = new WorkerOptions(connection)
            {
                Pod = inKubernetes ? pod : null,
                Address = parse.GetValue(address) is { } text
                    ? IPAddress.TryParse(text, out var ip) ? ip : throw new UsageException($"--address: '{text}' is not an IP address")
                    : null,
                SiloPort = Port(parse.GetValue(siloPort), "--silo-port"),
                GatewayPort = Port(parse.GetValue(gatewayPort), "--gateway-port"),
            };
            WorkerHost.RunAsync(options, console.RawOut, console.Cancellation).GetAwaiter().GetResult();
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int? Port(int? port, string option) => port is null or (> 0 and < 65536)
        ? port
        : throw new UsageException($"{option}: {port} is not a port (1..65535)");
}
