namespace Parley.Core.Domain;

/// <summary>A party to the negotiation. Capability is its relative influence (&gt; 0, any unit; see <see cref="InputBounds"/>).</summary>
public sealed record Actor
{
    public Actor(ActorId id, string name, double capability, string? group = null, bool veto = false,
        InputRange? capabilityRange = null, Evidence? capabilityEvidence = null)
    {
        Id = id;
        Name = string.IsNullOrWhiteSpace(name) ? id.Value : name;
        Capability = capability;
        Group = group;
        Veto = veto;
        CapabilityRange = capabilityRange;
        CapabilityEvidence = capabilityEvidence;
        Validate();
    }

    /// <summary>
    /// The constructor's checks. A <c>with</c> expression copies the record without calling the constructor, so
    /// <see cref="Scenario"/> runs these again on every actor it is given: a scenario that exists is valid.
    /// </summary>
    internal void Validate()
    {
        if (InputBounds.Capability(Capability) is { } problem)
            throw new ArgumentException($"Actor '{Id}': capability {problem} ({InputBounds.CapabilityAllowed}).");
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
