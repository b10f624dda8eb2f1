namespace Parley.Core.Domain;

/// <summary>A party to the negotiation. Capability is its relative influence (&gt; 0, any unit).</summary>
public sealed record Actor
{
    public Actor(ActorId id, string name, double capability, string? group = null, bool veto = false,
        InputRange? capabilityRange = null, Evidence? capabilityEvidence = null)
    {
        if (!double.IsFinite(capability) || capability <= 0)
            throw new ArgumentException($"Actor '{id}': capability must be a finite number > 0 (got {capability}).");
        Id = id;
        Name = string.IsNullOrWhiteSpace(name) ? id.Value : name;
        Capability = capability;
        Group = group;
        Veto = veto;
        CapabilityRange = capabilityRange;
        CapabilityEvidence = capabilityEvidence;
    }

    public ActorId Id { get; init; }
    public string Name { get; init; }
    public double Capability { get; init; }
    public string? Group { get; init; }

    /// <summary>Holds a veto whatever the decision rule (under consensus every actor does).</summary>
    public bool Veto { get; init; }

    public InputRange? CapabilityRange { get; init; }
    public Evidence? CapabilityEvidence { get; init; }
}
