using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Parley.Analysis;
using Parley.Application.Analysing;
using Parley.Application.Scenarios;
using Parley.Cluster.Grains;
using Parley.Core.Domain;

namespace Parley.Cluster.Jobs;

/// <summary>
/// An analysis as the cluster runs it. The client and every worker build it from the same <see cref="JobSpec"/> the
/// same way: the scenario read back from its canonical JSON, the request resolved by <see cref="AnalysisService.Prepare"/>.
/// So the work a worker rebuilds for (model, kind) is the work the client's analysis asks for, value for value.
/// </summary>
public sealed class ClusterJob
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    private ClusterJob(JobSpec spec, Scenario scenario, AnalysisRequest request)
    {
        Spec = spec;
        Scenario = scenario;
        Request = request;
    }

    public JobSpec Spec { get; }

    /// <summary>The scenario as every side of the job reads it (from <see cref="JobSpec.Scenario"/>).</summary>
    public Scenario Scenario { get; }

    public AnalysisRequest Request { get; }

    /// <summary>A new job for a scenario and a request (the client side).</summary>
    public static ClusterJob Create(Scenario scenario, AnalysisRequest request) =>
        From(new JobSpec(Guid.NewGuid().ToString("N"), ScenarioLoader.Write(scenario, "json"), JsonSerializer.Serialize(request, Json), BuildFingerprint));

    /// <summary>The job a spec describes (either side).</summary>
    public static ClusterJob From(JobSpec spec)
    {
        var scenario = new ScenarioLoader().Parse("cluster job", spec.Scenario, "json").Scenario;
        var request = JsonSerializer.Deserialize<AnalysisRequest>(spec.Request, Json)
                      ?? throw new JobRejectedException("the job's request is empty");
        return new ClusterJob(spec, scenario, request);
    }

    /// <summary>
    /// Identifies the code that computes the numbers (the Parley assemblies' module ids, which the deterministic build
    /// fixes for given sources): a worker of another build is turned away, since its numbers could differ.
    /// </summary>
    public static string BuildFingerprint { get; } = Fingerprint();

    private static string Fingerprint()
    {
        var modules = new[]
        {
            typeof(Core.ParleyException), typeof(Formats.ScenarioFiles), typeof(ScenarioAnalysis), typeof(AnalysisService), typeof(ClusterJob),
        }.Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(",", modules))))[..16].ToLowerInvariant();
    }
}

/// <summary>A worker cannot take part in a job (another build, an unreadable spec): no other worker of that build can either.</summary>
public sealed class JobRejectedException(string message) : Exception(message);
