namespace Parley.Core.Domain;

/// <summary>What a shock does to one actor.</summary>
public enum InterventionKind
{
    /// <summary>The actor leaves the negotiation.</summary>
    Remove,
    SetPosition,
    SetSalience,
    SetCapability,
}

/// <summary>
/// One change to the inputs at a given round: round 0 changes the scenario before any model runs (a what-if);
/// a later round is applied by the dynamic (round-based) models between rounds (a shock).
/// </summary>
public sealed record Intervention(int AtRound, ActorId Actor, InterventionKind Kind, IssueId? Issue = null, double Value = 0)
{
    public override string ToString() => Kind switch
    {
        InterventionKind.Remove => $"remove {Actor} at round {AtRound}",
        InterventionKind.SetCapability => $"{Actor}.capability={Value} at round {AtRound}",
        InterventionKind.SetPosition => $"{Actor}.{Issue}.position={Value} at round {AtRound}",
        _ => $"{Actor}.{Issue}.salience={Value} at round {AtRound}",
    };
}

/// <summary>A named set of interventions declared in a scenario (e.g. "US walks out at round 3").</summary>
public sealed record Shock(string Id, string? Description, IReadOnlyList<Intervention> Interventions);
