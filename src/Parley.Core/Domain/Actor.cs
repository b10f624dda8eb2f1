namespace Parley.Core.Domain;

/// <summary>A party to the negotiation. Capability is its relative influence (&gt; 0, any unit; see <see cref="InputBounds"/>).</summary>
public sealed record Actor
{
    public Actor(ActorId id, string name, double capability, string? group = null, bool? veto = null,
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

    /// <summary>
    /// The actor's declared veto: true = holds one whatever the decision rule; false = holds none, even under consensus
    /// (a chair, an observer); null (not declared) = as the rule says (under consensus every actor holds one). See
    /// <see cref="HoldsVeto"/>.
    /// </summary>
    public bool? Veto { get; init; }

    /// <summary>
    /// May accept an outcome it would otherwise block, with an exemption (an opt-out, a footnote, a side letter), instead
    /// of vetoing it: under a rule that gives it a veto, it does not block (the procedural model notes who opts out).
    /// </summary>
    public bool OptOut { get; init; }

    /// <summary>Whether the actor can block a proposal under <paramref name="rule"/>: its declared veto, else the rule's.</summary>
    public bool HoldsVeto(DecisionRule rule) => Veto ?? rule is DecisionRule.Consensus;

    public InputRange? CapabilityRange { get; init; }
    public Evidence? CapabilityEvidence { get; init; }
}
