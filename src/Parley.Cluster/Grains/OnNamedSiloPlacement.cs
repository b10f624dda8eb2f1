using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Parley.Cluster.Grains;

/// <summary>Places a grain on the silo its key names (the key's part before '|'); fails when that silo is not in the cluster.</summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class OnNamedSiloPlacement : PlacementStrategy
{
    internal static readonly OnNamedSiloPlacement Instance = new();
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class OnNamedSiloPlacementAttribute() : PlacementAttribute(OnNamedSiloPlacement.Instance);

internal sealed class OnNamedSiloPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString() ?? "";
        var name = key.Split('|')[0];
        var silo = context.GetCompatibleSilos(target).FirstOrDefault(s => s.ToParsableString() == name);
        // a worker that left: the call fails and the client gives the batch to another worker
        return silo is not null
            ? Task.FromResult(silo)
            : throw new OrleansException($"worker {name} is not in the cluster (any more)");
    }

    /// <summary>The grain key of slot <paramref name="slot"/> on <paramref name="silo"/>.</summary>
    public static string Key(SiloAddress silo, int slot) => $"{silo.ToParsableString()}|{slot}";
}
