namespace Parley.Core.Domain;

/// <summary>How a proposal is adopted against the status quo.</summary>
public abstract record DecisionRule
{
    private DecisionRule() { }

    /// <summary>Unanimity: every actor holds a veto (NATO, EU unanimity).</summary>
    public sealed record Consensus : DecisionRule
    {
        public override string ToString() => "consensus";
    }

    /// <summary>Simple majority of the actors' voting weights (equal weights unless given).</summary>
    public sealed record Majority(IReadOnlyDictionary<ActorId, double>? Weights = null) : DecisionRule
    {
        public override string ToString() => "majority";
    }

    /// <summary>
    /// A qualified majority: the supporters' share of <see cref="Weights"/> must reach <see cref="Threshold"/> (0–1);
    /// optionally a second quota (e.g. the EU's population share) on <see cref="SecondWeights"/>.
    /// Actors missing from a weight table have weight 0 there; with no table every actor weighs 1.
    /// </summary>
    public sealed record QualifiedMajority(
        double Threshold,
        IReadOnlyDictionary<ActorId, double>? Weights = null,
        double? SecondThreshold = null,
        IReadOnlyDictionary<ActorId, double>? SecondWeights = null) : DecisionRule
    {
        public override string ToString() => $"qualified-majority({Threshold:0.###})";
    }
}
