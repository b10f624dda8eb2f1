using Parley.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using YamlDotNet.RepresentationModel;

namespace Parley.Cluster.Tests;

/// <summary>
/// deploy/k8s without a Kubernetes server (kubectl's client dry run needs one): every document has the fields its kind
/// requires, and the documents fit together (selectors, the ConfigMap key the workers read, the service account).
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly List<YamlMappingNode> Documents = Load();

    private static List<YamlMappingNode> Load()
    {
        var docs = new List<YamlMappingNode>();
        foreach (var file in Directory.GetFiles(RepoPaths.Combine("deploy", "k8s"), "*.yaml").Order())
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(file);
            stream.Load(reader);
            docs.AddRange(stream.Documents.Select(d => (YamlMappingNode)d.RootNode));
        }
        return docs;
    }

    private static YamlNode? At(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next)) return null;
            node = next;
        }
        return node;
    }

    private static string? Text(YamlNode node, params string[] path) => (At(node, path) as YamlScalarNode)?.Value;

    private static YamlMappingNode Single(string kind) => Assert.Single(Documents, d => Text(d, "kind") == kind);

    private static Dictionary<string, string> Map(YamlNode? node) =>
        ((YamlMappingNode)node!).Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value!);

    [Fact]
    public void Every_document_has_an_api_version_a_known_kind_and_a_name()
    {
        var apiVersions = new Dictionary<string, string>
        {
            ["ConfigMap"] = "v1", ["Service"] = "v1", ["Deployment"] = "apps/v1", ["ServiceAccount"] = "v1",
            ["Role"] = "rbac.authorization.k8s.io/v1", ["RoleBinding"] = "rbac.authorization.k8s.io/v1",
        };
        Assert.Equal(6, Documents.Count);
        foreach (var d in Documents)
        {
            var kind = Text(d, "kind");
            Assert.True(kind is not null && apiVersions.ContainsKey(kind), $"unknown kind {kind}");
            Assert.Equal(apiVersions[kind!], Text(d, "apiVersion"));
            Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", Text(d, "metadata", "name"));
        }
    }

    [Fact]
    public void The_deployment_runs_workers_that_read_the_cluster_from_the_config_map()
    {
        var deployment = Single("Deployment");
        var selector = Map(At(deployment, "spec", "selector", "matchLabels"));
        var labels = Map(At(deployment, "spec", "template", "metadata", "labels"));
        Assert.All(selector, kv => Assert.Equal(kv.Value, labels.GetValueOrDefault(kv.Key)));
        Assert.True(int.Parse(Text(deployment, "spec", "replicas")!) >= 2);

        var container = (YamlMappingNode)Assert.Single(((YamlSequenceNode)At(deployment, "spec", "template", "spec", "containers")!).Children);
        Assert.False(string.IsNullOrEmpty(Text(container, "name")));
        Assert.False(string.IsNullOrEmpty(Text(container, "image")));
        var args = ((YamlSequenceNode)At(container, "args")!).Children.Select(a => ((YamlScalarNode)a).Value!).ToArray();
        Assert.Equal(["worker", "--cluster", "$(PARLEY_CLUSTER)", "--kubernetes"], args);

        var env = ((YamlSequenceNode)At(container, "env")!).Children.Cast<YamlMappingNode>().ToDictionary(e => Text(e, "name")!);
        Assert.Equal("status.podIP", Text(env["POD_IP"], "valueFrom", "fieldRef", "fieldPath")); // the address the worker advertises
        var source = env["PARLEY_CLUSTER"];
        var map = Single("ConfigMap");
        Assert.Equal(Text(map, "metadata", "name"), Text(source, "valueFrom", "configMapKeyRef", "name"));
        var value = Map(At(map, "data"))[Text(source, "valueFrom", "configMapKeyRef", "key")!];
        Assert.IsType<Hosting.ClusterConnection.Redis>(Hosting.ClusterConnection.Parse(value)); // a value `parley worker` accepts

        var ports = ((YamlSequenceNode)At(container, "ports")!).Children.Select(p => Text(p, "containerPort")!).ToArray();
        Assert.Equal(["11111", "30000"], ports);

        // Kubernetes hosting: the pod's name and namespace, and the cluster's ids from the pod labels, equal to the clients' ids
        Assert.Equal("metadata.name", Text(env["POD_NAME"], "valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("metadata.namespace", Text(env["POD_NAMESPACE"], "valueFrom", "fieldRef", "fieldPath"));
        foreach (var (variable, label) in new[] { ("ORLEANS_SERVICE_ID", "orleans/serviceId"), ("ORLEANS_CLUSTER_ID", "orleans/clusterId") })
        {
            Assert.Equal($"metadata.labels['{label}']", Text(env[variable], "valueFrom", "fieldRef", "fieldPath"));
            Assert.Equal(Hosting.ClusterConnection.ClusterId, labels[label]);
        }
        Assert.Equal(new Hosting.KubernetesPod("pod", "pod"),
            Hosting.WorkerOptions.CurrentPod(v => v switch { "KUBERNETES_SERVICE_HOST" => "10.0.0.1", _ when env.ContainsKey(v) => "pod", _ => null }));
        Assert.Null(Hosting.WorkerOptions.CurrentPod(v => env.ContainsKey(v) ? "pod" : null)); // not in Kubernetes without its API server
    }

    [Fact]
    public void The_workers_service_account_may_watch_and_delete_pods_as_kubernetes_hosting_needs()
    {
        var account = Single("ServiceAccount");
        Assert.Equal(Text(account, "metadata", "name"), Text(Single("Deployment"), "spec", "template", "spec", "serviceAccountName"));
        var role = Single("Role");
        var rule = (YamlMappingNode)Assert.Single(((YamlSequenceNode)At(role, "rules")!).Children);
        Assert.Equal([""], ((YamlSequenceNode)At(rule, "apiGroups")!).Children.Select(n => ((YamlScalarNode)n).Value));
        Assert.Equal(["pods"], ((YamlSequenceNode)At(rule, "resources")!).Children.Select(n => ((YamlScalarNode)n).Value));
        var verbs = ((YamlSequenceNode)At(rule, "verbs")!).Children.Select(n => ((YamlScalarNode)n).Value).ToHashSet();
        Assert.Superset(new HashSet<string?> { "get", "list", "watch", "patch", "delete" }, verbs);

        var binding = Single("RoleBinding");
        Assert.Equal("Role", Text(binding, "roleRef", "kind"));
        Assert.Equal(Text(role, "metadata", "name"), Text(binding, "roleRef", "name"));
        Assert.Equal("rbac.authorization.k8s.io", Text(binding, "roleRef", "apiGroup"));
        var subject = (YamlMappingNode)Assert.Single(((YamlSequenceNode)At(binding, "subjects")!).Children);
        Assert.Equal("ServiceAccount", Text(subject, "kind"));
        Assert.Equal(Text(account, "metadata", "name"), Text(subject, "name"));
    }

    [Fact]
    public void A_worker_in_a_pod_uses_the_kubernetes_hosting_package()
    {
        var options = new Hosting.WorkerOptions(new Hosting.ClusterConnection.Redis("127.0.0.1:1"))
        {
            Address = System.Net.IPAddress.Loopback, SiloPort = Hosting.ClusterSetup.FreePort(), GatewayPort = Hosting.ClusterSetup.FreePort(),
        };
        static bool HasAgent(Hosting.WorkerOptions o)
        {
            using var host = Hosting.WorkerHost.Build(o).Host;
            // the package's options validator (it refuses to start outside a pod: no POD_NAMESPACE) is registered with it
            return host.Services.GetServices<Microsoft.Extensions.Options.IValidateOptions<Orleans.Hosting.Kubernetes.KubernetesHostingOptions>>().Any();
        }
        Assert.True(HasAgent(options with { Pod = new Hosting.KubernetesPod("parley-worker-0", "default") }));
        Assert.False(HasAgent(options));
    }

    [Fact]
    public void The_service_selects_the_worker_pods_and_their_named_ports()
    {
        var service = Single("Service");
        var labels = Map(At(Single("Deployment"), "spec", "template", "metadata", "labels"));
        var selector = Map(At(service, "spec", "selector"));
        Assert.NotEmpty(selector);
        Assert.All(selector, kv => Assert.Equal(kv.Value, labels.GetValueOrDefault(kv.Key)));
        var container = ((YamlSequenceNode)At(Single("Deployment"), "spec", "template", "spec", "containers")!).Children[0];
        var named = ((YamlSequenceNode)At(container, "ports")!).Children.Select(p => Text(p, "name")).ToHashSet();
        Assert.All(((YamlSequenceNode)At(service, "spec", "ports")!).Children, p => Assert.Contains(Text(p, "targetPort"), named));
    }
}
